import { builtinRulesDir } from '../core/package-root.js';
import { MsoError } from '../core/errors.js';
import { compiledBuiltinRules } from '../config/builtin-rules.js';
import { readRuleFiles, type RuleFile } from '../config/rule-files.js';
import { withCodeExclude } from './code-exclude.js';
import type { Scanner } from './scanner.js';

/**
 * Every scanner mso has, loaded lazily so `mso scan --scanner secrets` never
 * pays for a parser it does not use. Adding a scanner is one entry here plus
 * its rule folder.
 */
type Factory = (files: RuleFile[], cfg: ScannerConfig) => Promise<Scanner>;

const FACTORIES: Record<string, () => Promise<Factory>> = {
  secrets: async () => (await import('./secrets/index.js')).createSecretScanner,
  python: async () => (await import('./python/index.js')).createPythonScanner,
  js: async () => (await import('./js/index.js')).createJsScanner,
};

/**
 * Each scanner's rule-file schema, for the build step that validates the built-in rules
 * (scripts/compile-rules.mjs). A scanner without one here still works: its built-in files are
 * then validated when it loads them.
 */
export const RULE_FILE_SCHEMAS: Record<string, () => Promise<{ safeParse(doc: unknown): { success: boolean; data?: unknown; error?: unknown } }>> = {
  secrets: async () => (await import('./secrets/schema.js')).secretRuleFileSchema,
  // python: its files are validated by the taint core (taint/compile.ts) when it loads them.
};

export function scannerNames(): string[] {
  return Object.keys(FACTORIES);
}

/**
 * The file extensions (lower case) each code scanner reads, known without loading it
 * (test/scanners/registry.test.ts checks them against the scanners' own lists). The secret
 * scanner reads every file.
 */
export const CODE_SCANNER_EXTENSIONS: Readonly<Record<string, readonly string[]>> = {
  python: ['.py', '.pyw'],
  js: ['.js', '.mjs', '.cjs', '.jsx', '.ts', '.mts', '.cts', '.tsx'],
};

/**
 * The scanners that can report anything on these files (paths of regular files, not folders):
 * the secret scanner and each code scanner that reads one of them. A hook that scans one edited
 * file then builds only those (a Python edit never compiles the JavaScript rules).
 */
export function scannersForFiles(paths: readonly string[]): string[] {
  const extensions = new Set(paths.map((p) => {
    const dot = p.lastIndexOf('.');
    return dot === -1 ? '' : p.slice(dot).toLowerCase();
  }));
  return scannerNames().filter((name) => !CODE_SCANNER_EXTENSIONS[name] || CODE_SCANNER_EXTENSIONS[name]!.some((e) => extensions.has(e)));
}

/** Parses "secrets,python,js" / "all" into known scanner names. */
export function parseScannerList(value: string | undefined): string[] {
  if (!value || value === 'all') return scannerNames();
  const names = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const n of names) {
    if (!FACTORIES[n]) throw new MsoError(`unknown scanner '${n}' (known: ${scannerNames().join(', ')})`);
  }
  return [...new Set(names)];
}

export interface ScannerConfig {
  scanners: string[];
  /** Extra user rule folders or files, added to the built-in rules. */
  ruleDirs: string[];
  /** Levels of decoding of encoded segments for the secret scanner (`scan.decodeDepth`; 0 turns it off; default 2). */
  decodeDepth?: number;
  /** Code scanners leave out generated code (reported): a survey of a tree (`mso scan --all`), never a hook's scan. */
  skipGenerated?: boolean;
  /** Globs of files the code scanners leave out (reported) in every scan (`scan.codeExclude`); the secret scanner reads them. */
  codeExclude?: string[];
}

/** Reads and validates every rule file, then builds the chosen scanners. A bad rule file is an error (exit 2). */
export async function loadScanners(cfg: ScannerConfig): Promise<Scanner[]> {
  const known = scannerNames();
  // The build's compiled form of rules/ when it matches; else the YAML, parsed and validated here.
  const builtin = builtinRulesDir();
  const files = compiledBuiltinRules(builtin, cfg.scanners) ?? readRuleFiles(builtin, cfg.scanners, known, false);
  for (const dir of cfg.ruleDirs) files.push(...readRuleFiles(dir, cfg.scanners, known, true));
  const out: Scanner[] = [];
  for (const name of cfg.scanners) {
    const factory = await FACTORIES[name]!();
    out.push(withCodeExclude(await factory(files.filter((f) => f.scanner === name), cfg), cfg.codeExclude));
  }
  return out;
}

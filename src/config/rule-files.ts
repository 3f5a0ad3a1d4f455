import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { MsoError, errorMessage } from '../core/errors.js';
import { parseRuleYaml } from './yaml-parse.js';

/**
 * Reads declarative rule files (YAML) from rule folders. Which scanner a file
 * belongs to is its top-level `scanner:` key or, failing that, the name of the
 * folder it sits in (`rules/secrets/aws.yaml` belongs to `secrets`). Each
 * scanner validates its own files; this module only finds and parses them.
 */
export interface RuleFile {
  scanner: string;
  /** Absolute path, for error messages. */
  path: string;
  doc: Record<string, unknown>;
  /**
   * `doc` is already its scanner's schema output: a built-in rule file validated at build time
   * (src/config/builtin-rules.ts). Scanners then skip validation, and loading zod.
   */
  validated?: boolean;
}

function yamlFilesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (/\.ya?ml$/i.test(entry.name)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/**
 * @param dir a rule folder, or a single YAML file
 * @param scanners scanners whose files are wanted
 * @param strict user folders are strict: a file that belongs to no known scanner is an error.
 *   The built-in folder also holds other data (the MCP registry), which is skipped.
 * @param known every scanner name mso has (a file for a scanner not asked for is skipped quietly)
 */
export function readRuleFiles(dir: string, scanners: readonly string[], known: readonly string[], strict: boolean): RuleFile[] {
  let files: string[];
  let base = dir;
  try {
    const st = statSync(dir);
    if (st.isFile()) {
      files = [dir];
      base = dirname(dir);
    } else files = yamlFilesUnder(dir);
  } catch (err) {
    throw new MsoError(`rules: cannot read rule folder ${dir}: ${errorMessage(err)}`);
  }
  const out: RuleFile[] = [];
  for (const path of files) {
    let doc: unknown;
    try {
      doc = parseRuleYaml(readFileSync(path, 'utf8'));
    } catch (err) {
      throw new MsoError(`rules: ${path}: not valid YAML: ${errorMessage(err)}`);
    }
    if (doc === null || doc === undefined) continue; // an empty file holds no rules
    if (typeof doc !== 'object' || Array.isArray(doc)) {
      throw new MsoError(`rules: ${path}: expected a mapping with a 'rules' list at the top level`);
    }
    const record = doc as Record<string, unknown>;
    const folder = relative(base, path).split(sep)[0] ?? '';
    const declared = typeof record.scanner === 'string' ? record.scanner : undefined;
    const scanner = declared ?? (known.includes(folder) ? folder : known.includes(basename(base)) ? basename(base) : undefined);
    if (!scanner || !known.includes(scanner)) {
      if (strict || declared) {
        throw new MsoError(
          `rules: ${path}: cannot tell which scanner this file is for; add 'scanner: ${known.join('|')}' at the top or put it in a folder named after the scanner`,
        );
      }
      continue;
    }
    if (scanners.includes(scanner)) out.push({ scanner, path, doc: record });
  }
  return out;
}

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { crypto } from '../core/builtins.js';
import { packageRoot } from '../core/package-root.js';
import { fileIdentity, verifiedFiles, type VerifiedFiles } from '../core/verified-files.js';
import type { RuleFile } from './rule-files.js';

/**
 * The built-in rules, compiled at build time (scripts/compile-rules.mjs writes
 * dist/builtin-rules.json): every YAML file under rules/ already parsed and
 * validated by its scanner's schema. Loading them costs no YAML parser and no
 * zod, the largest parts of mso's start-up before this existed.
 *
 * The compiled form is used only while it still describes rules/ exactly: the
 * same file names, and for each file a scanner reads, the same content
 * (SHA-256). An edited, added or removed rule file (a contributor who has not
 * rebuilt, an edited installation) makes the caller parse the YAML as before,
 * so the compiled form can never change what a rule file means. A file (or a
 * folder's list of names) checked once is trusted while its identity stays the
 * same (core/verified-files.ts): a hook then reads and hashes nothing.
 */
export const COMPILED_RULES_FILE = join('dist', 'builtin-rules.json');

export interface CompiledRuleEntry {
  /** Path under rules/, with forward slashes. */
  path: string;
  /** The scanner it belongs to; null for other data under rules/ (the MCP registry). */
  scanner: string | null;
  sha256: string;
  /** The schema's output, when the scanner's schema validated it at build time; absent: the parsed YAML, unvalidated. */
  doc: Record<string, unknown> | null;
  validated: boolean;
}

export interface CompiledRules {
  version: 1;
  entries: CompiledRuleEntry[];
  /**
   * What the code scanners' gate derives from each regex of the built-in rules
   * (`requiredRegexLiterals`, keyed `flags/source`; null: nothing required), computed by the same
   * build: a memo of a pure function of the regex, so it holds whatever the rule files say.
   */
  regexLiterals?: Record<string, string[] | null>;
  /** This build's id: a code scanner's gate file (compiledGateFile) is used only with the compiled form of its build. */
  build?: string;
}

/**
 * Each code scanner's file gate (taint/gate.ts GateTables) for exactly its built-in files (paths
 * under rules/, in order), computed by the build: dist/builtin-gate-<scanner>.json, read only
 * when that scanner's gate is needed, and used only for a rule set compiled from those files as
 * the compiled form gave them (compiledGateTables).
 */
export const compiledGateFile = (scanner: string) => join('dist', `builtin-gate-${scanner}.json`);

export interface CompiledGate {
  build: string;
  files: string[];
  tables: unknown;
}

export const sha256 = (text: string | Buffer) => crypto().createHash('sha256').update(text).digest('hex');

/**
 * Every YAML file under `dir`, relative, forward slashes, sorted as readRuleFiles reads them
 * (`ordered`), or in the file system's order: the hooks only compare the set of names, and the
 * first localeCompare of a process costs ~18 ms (ICU's collator), as much as the rest of the load.
 */
export function yamlFilesUnder(dir: string, ordered = true, visit?: (folder: string) => void): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    visit?.(d); // before reading it (verified-files.ts)
    const entries = readdirSync(d, { withFileTypes: true });
    if (ordered) entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (/\.ya?ml$/i.test(entry.name)) out.push(relative(dir, p).split(sep).join('/'));
    }
  };
  walk(dir);
  return out;
}

let compiledText: string | null | undefined;
/** The one parse of compiledText (null: none usable); see docOf for the documents in it. */
let parsed: CompiledRules | null | undefined;
/** Entries (paths under rules/) whose document from `parsed` a caller has been given. */
const given = new Set<string>();
let regexLiterals: Record<string, string[] | null> | null | undefined;
let build: string | null | undefined;
/** The RuleFiles compiledBuiltinRules handed out (checked against rules/), with their path under rules/. */
const handedOut = new WeakMap<RuleFile, string>();

/** Reads dist/builtin-rules.json again on next use (the build, after writing it). */
export function forgetCompiledRules(): void {
  compiledText = undefined;
  parsed = undefined;
  given.clear();
  regexLiterals = undefined;
  build = undefined;
}

/** The build's regex literal memo (see CompiledRules.regexLiterals), or undefined without a compiled form. */
export function builtinRegexLiterals(): Record<string, string[] | null> | undefined {
  if (regexLiterals === undefined) load();
  return regexLiterals ?? undefined;
}

/** The build's id (CompiledRules.build), or undefined without a compiled form: files the same build wrote carry it. */
export function compiledBuild(): string | undefined {
  if (build === undefined) load();
  return build ?? undefined;
}

/** The compiled file, parsed once per process (a pretool asks for the control-plane list, then the secret rules). */
function load(): CompiledRules | null {
  if (parsed !== undefined) return parsed;
  if (compiledText === undefined) {
    try {
      compiledText = readFileSync(join(packageRoot(), COMPILED_RULES_FILE), 'utf8');
    } catch {
      compiledText = null; // not built (running from sources) or unreadable: parse the YAML
    }
  }
  regexLiterals ??= null;
  build ??= null;
  return (parsed = compiledText === null ? null : parse(compiledText));
}

function parse(text: string): CompiledRules | null {
  try {
    const data = JSON.parse(text) as CompiledRules;
    if (data.version !== 1 || !Array.isArray(data.entries)) return null;
    if (regexLiterals === null && data.regexLiterals && typeof data.regexLiterals === 'object') regexLiterals = data.regexLiterals;
    if (build === null && typeof data.build === 'string') build = data.build;
    return data;
  } catch {
    return null;
  }
}

/**
 * An entry's document for a caller, who may keep or change it: the one in the process's parse the
 * first time, a fresh parse of the file after that (no document object is ever given twice).
 */
function docOf(entry: CompiledRuleEntry): Record<string, unknown> | null {
  if (!given.has(entry.path)) {
    given.add(entry.path);
    return entry.doc;
  }
  const again = compiledText ? parse(compiledText) : null;
  return again?.entries.find((e) => e.path === entry.path)?.doc ?? null;
}

/** The record of files checked against this build, when there is a build to check against. */
function verified(): VerifiedFiles | undefined {
  const b = compiledBuild();
  return b ? verifiedFiles(packageRoot(), b) : undefined;
}

/** The compiled form when it lists exactly the YAML files under `rulesDir`. */
function matching(rulesDir: string): CompiledRules | undefined {
  const data = load();
  if (!data) return undefined;
  // Every folder the last full walk visited, none changed since (a name added, removed or renamed changes its folder).
  const v = verified();
  if (v?.trustedGroup(ruleFolders(rulesDir))) return data;
  let names: string[];
  const folders: Array<{ path: string; identity: string | undefined }> = [];
  try {
    names = yamlFilesUnder(rulesDir, false, (path) => folders.push({ path, identity: fileIdentity(path) }));
  } catch {
    return undefined;
  }
  // The same set of names (the entries keep the build's order, which is readRuleFiles').
  const known = new Set(data.entries.map((e) => e.path));
  if (names.length !== known.size || known.size !== data.entries.length || names.some((n) => !known.has(n))) return undefined;
  if (v) {
    v.rememberGroup(ruleFolders(rulesDir), folders);
    v.save();
  }
  return data;
}

const ruleFolders = (rulesDir: string) => `rule-folders ${relative(packageRoot(), rulesDir).split(sep).join('/')}`;

/** Whether the rule file at `path` still has the content the build compiled (`entry.sha256`). */
function unchanged(path: string, entry: CompiledRuleEntry, v: VerifiedFiles | undefined): boolean {
  if (v?.trusted(path)) return true;
  const identity = v ? fileIdentity(path) : undefined;
  try {
    if (sha256(readFileSync(path)) !== entry.sha256) return false;
  } catch {
    return false;
  }
  v?.remember(path, identity);
  return true;
}

/**
 * The build-time validated document of one built-in file no scanner reads (e.g.
 * `guard/control-plane.yaml`), or undefined when the compiled form is missing,
 * does not match rules/, or the file's content changed (the caller parses the YAML).
 */
export function compiledBuiltinDoc(rulesDir: string, name: string): Record<string, unknown> | undefined {
  const entry = matching(rulesDir)?.entries.find((e) => e.path === name);
  if (!entry || !entry.validated || !entry.doc) return undefined;
  const v = verified();
  if (!unchanged(join(rulesDir, ...name.split('/')), entry, v)) return undefined;
  v?.save();
  return docOf(entry) ?? undefined;
}

/**
 * The built-in rule files of these scanners from the compiled form, in
 * readRuleFiles' order, or undefined when it is missing or does not match
 * `rulesDir` (the caller then reads the YAML).
 */
export function compiledBuiltinRules(rulesDir: string, scanners: readonly string[]): RuleFile[] | undefined {
  const data = matching(rulesDir);
  if (!data) return undefined;
  const out: RuleFile[] = [];
  const v = verified();
  for (const e of data.entries) {
    if (!e.scanner || !scanners.includes(e.scanner) || !e.doc) continue;
    const path = join(rulesDir, ...e.path.split('/'));
    if (!unchanged(path, e, v)) return undefined;
    const doc = docOf(e);
    if (!doc) return undefined;
    const file: RuleFile = { scanner: e.scanner, path, doc, validated: e.validated };
    handedOut.set(file, e.path);
    out.push(file);
  }
  v?.save();
  return out;
}

/**
 * The build's gate tables for a code scanner, when `files` are exactly its built-in files as
 * compiledBuiltinRules gave them (checked against rules/), in the build's order; else undefined
 * (user rule files, an edited rule file, a partial list: the gate is computed from the rules).
 */
export function compiledGateTables(scanner: string, files: readonly RuleFile[]): unknown {
  if (files.length === 0 || !files.every((f) => handedOut.has(f) && f.scanner === scanner)) return undefined;
  if (build === undefined) load();
  if (!build || !/^[a-z]+$/.test(scanner)) return undefined;
  let stored: CompiledGate;
  try {
    stored = JSON.parse(readFileSync(join(packageRoot(), compiledGateFile(scanner)), 'utf8')) as CompiledGate;
  } catch {
    return undefined; // not built, unreadable or corrupt: computed from the rules
  }
  if (stored?.build !== build || !Array.isArray(stored.files) || stored.files.length !== files.length) return undefined;
  return files.every((f, i) => handedOut.get(f) === stored.files[i]) ? stored.tables : undefined;
}

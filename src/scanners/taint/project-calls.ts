import { posix } from 'node:path';
import type { TaintValue } from './value.js';

/**
 * Flows that cross a file: a route hands request data to a function another file of the project
 * exports (`readMedia(req.body.path)` with `readMedia` imported from `../utils/storage`), and the
 * sink is in that file. A code scanner analyses one file at a time; what it learns about such calls
 * travels as `ProjectCall`s, and the engine (engine/cross-file.ts) analyses the called file again
 * with those parameters untrusted (`Seed`s).
 */

/** What an argument carried: the untrusted origin as the caller saw it. */
export interface CarriedArg {
  /** Position of the argument (0-based); -1 for a keyword argument. */
  index: number;
  /** The keyword it was passed by (Python `f(path=x)`). */
  keyword?: string;
  src: string;
  /** Only from the local user (argv): not an attacker for every rule. */
  local?: boolean;
  /** Categories a sanitiser in the caller already made it safe for. */
  clean: string[];
  /** Fields of it that hold none of the untrusted data (a Discord message's `guildId`, its `author`). */
  safe?: string[];
}

/** A call, inside one file, of a function a project module exports (as the front end saw it). */
export interface ModuleCall {
  /** Offset of the call in the file's text. */
  at: number;
  /** The module specifier as written (`../utils/storage`, `@/lib/db`). */
  spec: string;
  /** The member path after the module (`readMedia`; `UserService.find`; empty: the module's default). */
  path: string[];
  args: CarriedArg[];
  /**
   * A Python dotted name (`.services.storage.read_file`, `app.repo.find`): where the module ends and the member
   * path begins is found by resolving it against the scan's files (resolveDotted).
   */
  dotted?: boolean;
  /**
   * Made with no untrusted argument, to learn what made the object called (`sqs.receive_message(…)` with `sqs`
   * imported from the project): a method some source is named by on a library's object.
   */
  probe?: boolean;
}

/** The same call as the engine hands it on: which scanner saw it, in which file, on which line. */
export interface ProjectCall extends Omit<ModuleCall, 'at'> {
  scanner: string;
  from: string;
  line: number;
}

/** A parameter of an exported function to analyse as untrusted: some file of the project passes it untrusted data. */
export interface Seed {
  path: string[];
  index: number;
  keyword?: string;
  src: string;
  local?: boolean;
  clean: string[];
  safe?: string[];
}

/**
 * A function of a module whose every return was cleaned for some categories (`if (!p.startsWith(ROOT)) return null;
 * return p`, a template that escapes each value): what a call of it from another file gives back is clean of them.
 */
export interface ReturnFact {
  /** The function's name as the summaries know it (bare function or method name). */
  name: string;
  clean: string[];
  /** It returns nothing made from its parameters (a query's rows, a fresh object): its callers get no taint back. */
  fresh?: boolean;
  /**
   * Not a function: a value of the module made by a library's constructor (`export const api = axios.create()`), as
   * the front end names it (`axios.create()`): the importers' calls of its methods are that library's.
   */
  ctor?: string;
  /**
   * Arguments the pass gave it untrusted whose data never came back in what it returned (`stage_scan(data)` writing
   * `data` to a temporary file and returning the file's path): a caller's result owes nothing to them. Positions as
   * the callers count them, or keyword names.
   */
  drops?: Array<{ index: number; keyword?: string }>;
  /**
   * Categories for which a call of it is no sink, though its name is one: its body was read, and it guards
   * (`deepMerge` skipping `__proto__`, `constructor` and `prototype`) or is judged there (a recursive merge reported at
   * its own write when the pass runs it with the caller's data).
   */
  guards?: string[];
  /**
   * Properties of the object it returns that hold none of the untrusted arguments it was given (`inList(col, items)`
   * returning `{ text: 'col IN ($1, $2)', values: items }`: `text` is clean), or for a tuple, the positions
   * (`return where, params`: `'0'`), and the arguments (positions) they hold nothing of: those its runs with its
   * callers' data were given untrusted.
   */
  safeParts?: { parts: string[]; args: number[] };
}

/** A call the caller made (as it recorded it: `spec` and `path` of its ModuleCall) whose result is clean of `clean`. */
export interface KnownReturn {
  spec: string;
  path: string[];
  clean: string[];
  fresh?: boolean;
  /** What made the value the caller's `spec` and `path` name (see ReturnFact). */
  ctor?: string;
  /** Arguments whose data the call's result does not hold (see ReturnFact). */
  drops?: Array<{ index: number; keyword?: string }>;
  /** Categories for which the call is no sink (see ReturnFact). */
  guards?: string[];
  /** Parts of what the call returns that hold nothing of some arguments (see ReturnFact). */
  safeParts?: { parts: string[]; args: number[] };
}

/**
 * One return of `fn` seen while it runs with its callers' data: `clean`, the parts of what it returns (properties of
 * an object literal, positions of a tuple) holding none of that untrusted data, or undefined for a return of another
 * shape, which ends the record (null). What every such return agrees on is kept (see ReturnFact.safeParts).
 */
export function noteSafeParts(record: Map<string, Set<string> | null>, fn: string, clean: Set<string> | undefined): void {
  if (record.get(fn) === null) return;
  const had = record.get(fn);
  record.set(fn, !clean ? null : had ? new Set([...had].filter((k) => clean.has(k))) : clean);
}

/** The fact about `name` among `facts`, added (clean of nothing yet) when there is none: one fact per function. */
export function factFor(facts: ReturnFact[], name: string): ReturnFact {
  let fact = facts.find((r) => r.name === name);
  if (!fact) facts.push((fact = { name, clean: [] }));
  return fact;
}

/** What an argument value carrying untrusted data hands on to another module; undefined when it carries none. */
export function carriedArg(index: number, v: TaintValue, keyword?: string): CarriedArg | undefined {
  const u = v.untrusted;
  if (!u) return undefined;
  const a: CarriedArg = { index, src: u.src, clean: [...u.clean] };
  if (keyword) a.keyword = keyword;
  if (u.local) a.local = true;
  const safe = (v as { safePaths?: readonly string[] }).safePaths;
  if (safe?.length) a.safe = [...safe];
  return a;
}

/** The value a seeded parameter takes: untrusted, from where the caller's data came, clean of what the caller cleaned. */
export function seedValue(s: Seed): TaintValue {
  const clean = new Set(s.clean);
  return { untrusted: s.local ? { src: s.src, clean, local: true } : { src: s.src, clean } };
}

/** What the cross-file pass hands a file's analysis: parameters to take as untrusted, calls known to return clean values. */
export interface CrossFileInput {
  seeds?: readonly Seed[];
  knownReturns?: readonly KnownReturn[];
}

/** Module specifiers that name a file of the project, not a package: relative or absolute, or a project alias (`@/`, `~/`, `#`, `$lib/`). */
export const PROJECT_SPEC = /^(\.{1,2}\/|\.{1,2}$|\/|~~?\/|@\/|#|\$lib\/|App\/|src\/|lib\/)/;

/**
 * The file of the scan a module specifier names, seen from `from` (paths as the scan shows them, `/`-separated),
 * or undefined. Relative specifiers resolve as Node and bundlers do: the exact file, with each of `extensions`,
 * `index.*` in a folder, and a compiled `.js` name for its `.ts` source. An alias resolves when exactly one
 * file of the scan ends with the path after it (`@/lib/db` → `src/lib/db.ts`), or when one of several is nearest to `from`.
 */
export function resolveSpec(from: string, spec: string, has: (path: string) => boolean, extensions: readonly string[], suffixIndex: () => ReadonlyMap<string, string[]>): string | undefined {
  const candidates = (base: string): string[] => {
    const out = [base];
    const ext = posix.extname(base);
    const stem = ext ? base.slice(0, -ext.length) : base;
    // TypeScript's ESM imports name the compiled file (`./db.js` for `db.ts`)
    if (ext === '.js' || ext === '.jsx') out.push(`${stem}.ts`, `${stem}.tsx`);
    else if (ext === '.mjs') out.push(`${stem}.mts`);
    else if (ext === '.cjs') out.push(`${stem}.cts`);
    for (const e of extensions) out.push(base + e);
    for (const e of extensions) out.push(`${base}/index${e}`);
    return out;
  };
  if (spec.startsWith('.')) {
    const dir = posix.dirname(from);
    const base = posix.normalize(posix.join(dir, spec));
    if (base.startsWith('../')) return undefined;
    return candidates(base === '.' ? 'index' : base).find((c) => c !== from && has(c));
  }
  if (!PROJECT_SPEC.test(spec)) return undefined;
  // the alias stands for some folder of the project: `$lib/` is SvelteKit's src/lib, `App/` Adonis's app/
  const rest = spec.startsWith('$lib/') ? `lib/${spec.slice(5)}` : spec.startsWith('App/') ? `app/${spec.slice(4)}` : spec.replace(/^(~~?\/|@\/|#\/?)/, '');
  if (!rest) return undefined;
  const found = new Map<string, string>(); // file -> the candidate path it ends with
  for (const c of candidates(rest)) for (const p of bySuffix(c, suffixIndex)) if (p !== from && !found.has(p)) found.set(p, c);
  return found.size <= 1 ? [...found.keys()][0] : nearest([...found], from);
}

/**
 * Of several files that end with `rel`, the one an import from `from` means: the one whose root (its path without
 * `rel`) is the deepest folder holding `from` - a monorepo's services each with their own `common/db.py` or
 * `src/lib/db.ts` import their own. Undefined when no root holds `from` or two are as deep.
 */
function nearest(found: ReadonlyArray<readonly [string, string]>, from: string): string | undefined {
  let best: string | undefined;
  let depth = -1;
  let tie = false;
  for (const [p, rel] of found) {
    const root = p.slice(0, p.length - rel.length); // '' or 'a/b/'
    if (!from.startsWith(root)) continue;
    const d = root.split('/').length;
    if (d > depth) [best, depth, tie] = [p, d, false];
    else if (d === depth) tie = true;
  }
  return tie ? undefined : best;
}

/** Files of the scan whose path is `rel` or ends with `/rel`, installed packages left out (they are not the project). */
function bySuffix(rel: string, suffixIndex: () => ReadonlyMap<string, string[]>): string[] {
  return (suffixIndex().get(posix.basename(rel)) ?? []).filter((p) => (p === rel || p.endsWith(`/${rel}`)) && !LIBRARY.test(p));
}

const LIBRARY = /(^|\/)(node_modules|site-packages|dist-packages|\.venv|venv)\//;

/**
 * The file of the scan a Python dotted name is in, and the member path inside it: `.storage.read_file` from
 * `app/routes.py` is `read_file` of `app/storage.py` (or of `app/storage/__init__.py`); an absolute name
 * (`app.services.storage.read_file`) resolves when exactly one file of the scan ends with its module's path, or one
 * of several is nearest to `from` (see `nearest`).
 * The longest module that exists wins.
 */
export function resolveDotted(from: string, dotted: string, has: (path: string) => boolean, suffixIndex: () => ReadonlyMap<string, string[]>): { file: string; path: string[] } | undefined {
  const dots = /^\.*/.exec(dotted)![0].length;
  const parts = dotted.slice(dots).split('.').filter(Boolean);
  let dir = '';
  if (dots) {
    dir = posix.dirname(from);
    for (let i = 1; i < dots; i++) dir = posix.dirname(dir);
    if (dir === '.') dir = '';
  }
  for (let k = parts.length; k >= 1; k--) {
    const mod = parts.slice(0, k).join('/');
    const path = parts.slice(k);
    for (const rel of [`${mod}.py`, `${mod}/__init__.py`]) {
      if (dots) {
        const p = dir ? `${dir}/${rel}` : rel;
        if (p !== from && has(p)) return { file: p, path };
      } else {
        const found = bySuffix(rel, suffixIndex).filter((p) => p !== from);
        if (found.length === 1) return { file: found[0]!, path };
        if (found.length > 1) {
          const file = nearest(found.map((f) => [f, rel] as const), from);
          return file ? { file, path } : undefined;
        }
      }
    }
  }
  return undefined;
}

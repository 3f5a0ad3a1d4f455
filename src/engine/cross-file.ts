import { readFileSync } from 'node:fs';
import { posix } from 'node:path';
import type { RawFinding } from '../core/types.js';
import type { Scanner } from '../scanners/scanner.js';
import { resolveDotted, resolveSpec, type KnownReturn, type ProjectCall, type ReturnFact, type Seed } from '../scanners/taint/project-calls.js';
import { decodeContent } from '../sources/content.js';
import { CHUNK_BYTES } from './chunked-file.js';
import { withoutRepeatedCredentials } from './scan-file.js';

/**
 * Rounds of the pass. Each round analyses the files named by the last round's calls (with the parameters those
 * calls pass untrusted data) and the callers of functions found to return clean values; a route → service →
 * repository flow, with a check in a utility module on the way, takes three or four.
 */
const ROUNDS = 6;
/** Files analysed again per round at most: a scan of a whole tree stays bounded whatever it holds. */
const MAX_FILES_PER_ROUND = 2_000;

/** Extensions a specifier may leave out, in the order Node and the bundlers try them. */
const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '.py'];

/** What the pass has learnt about one file of one code scanner. */
interface FileState {
  scanner: Scanner;
  file: string;
  seeds: Seed[];
  /** The seeds' signature: a change (more, fewer, other origins) means another analysis. */
  seedKey: string;
  /** Analysed by the pass at least once (its findings are the pass's: a file that lost its seeds is analysed again). */
  analysed?: boolean;
  known: KnownReturn[];
  /** Its functions' clean returns, once the pass has analysed it. */
  returns?: Map<string, ReturnFact>;
  /** Some caller asked what made one of its objects (a probe call): analysed once even without seeds. */
  probed?: boolean;
}

/**
 * The cross-file pass of a scan of whole files (`mso scan --all`, `mso scan <paths>`). Each code scanner reported
 * the calls it saw into other modules of the project with untrusted arguments (scanners/taint/project-calls.ts).
 * Each module named, when it is a file of this scan, is analysed again with those parameters untrusted: its
 * findings (at the sink, naming the caller) replace what the scan had for it. A module's functions whose every
 * return is checked or escaped (`invoicePath(name)` returning null outside the root, a renderer that escapes), or
 * made from none of its parameters (a query's rows), are learnt as it is analysed; a caller of one is analysed
 * again knowing it, and its findings replace its earlier ones (a flow that went through the check is gone). Files are read as the scan read them; one that cannot be read
 * now fails the scan, as it would have then.
 */
export async function crossFilePass(scanners: Scanner[], calls: ProjectCall[], walked: ReadonlyMap<string, string>, maxBytes: number, raw: RawFinding[]): Promise<void> {
  const byName = new Map(scanners.filter((s) => s.scanSeeded).map((s) => [s.name, s]));
  if (!byName.size) return;
  let suffixes: Map<string, string[]> | undefined;
  const suffixIndex = () => {
    if (!suffixes) {
      suffixes = new Map();
      for (const p of walked.keys()) {
        const b = posix.basename(p);
        const list = suffixes.get(b);
        if (list) list.push(p);
        else suffixes.set(b, [p]);
      }
    }
    return suffixes;
  };
  const has = (p: string) => walked.has(p);
  const states = new Map<string, FileState>();
  const stateOf = (scanner: Scanner, file: string): FileState => {
    const key = `${scanner.name}\0${file}`;
    let s = states.get(key);
    if (!s) states.set(key, (s = { scanner, file, seeds: [], known: [], seedKey: '' }));
    return s;
  };
  const resolveCache = new Map<string, { file: string; path: string[] } | null>();
  /** Which file of the scan, and which function in it, a call reaches (memoised). */
  const resolve = (c: ProjectCall): { target: FileState; path: string[] } | undefined => {
    const scanner = byName.get(c.scanner);
    if (!scanner) return undefined;
    const key = `${c.scanner}\0${c.from}\0${c.dotted ? 'd' : 's'}\0${c.spec}`;
    let found = resolveCache.get(key);
    if (found === undefined) {
      const r = c.dotted ? resolveDotted(c.from, c.spec, has, suffixIndex) : { file: resolveSpec(c.from, c.spec, has, EXTENSIONS, suffixIndex), path: [] };
      found = r?.file && scanner.accepts(r.file) ? { file: r.file, path: r.path } : null;
      resolveCache.set(key, found);
    }
    return found ? { target: stateOf(scanner, found.file), path: [...found.path, ...c.path] } : undefined;
  };
  /** The calls each file made in its latest analysis: what its callees' seeds are made of (a caller analysed again
   * knowing a clean return withdraws the data it no longer passes). */
  const latest = new Map<string, ProjectCall[]>();
  for (const c of calls) {
    const k = `${c.scanner}\0${c.from}`;
    const list = latest.get(k);
    if (list) list.push(c);
    else latest.set(k, [c]);
  }
  const knownKeys = new Set<string>();
  const dirty = new Set<FileState>();

  /** Seeds of every file from the callers' latest calls; a file whose seeds changed is analysed again. */
  const reseed = () => {
    const seeds = new Map<FileState, Map<string, Seed>>();
    for (const list of latest.values()) {
      for (const c of list) {
        const r = resolve(c);
        if (!r) continue;
        const m = seeds.get(r.target) ?? new Map<string, Seed>();
        seeds.set(r.target, m);
        if (c.probe && !r.target.probed && !r.target.analysed) {
          r.target.probed = true;
          dirty.add(r.target);
        }
        for (const a of c.args) {
          const key = `${r.path.join('.')}\0${a.keyword ?? a.index}`;
          // One seed per parameter: clean only of what every caller cleaned, named for a caller that brings the rest
          // (`run(["tar", …, src])` hands over an argument vector clean of commands, `run(["sh", "-c", s])` does not).
          const had = m.get(key);
          if (had && !had.local && a.local) continue; // a remote caller's seed stands over a local one's
          if (had && !!had.local === !!a.local) {
            const clean = had.clean.filter((x) => a.clean.includes(x));
            // (a field is safe only if it is so from every caller)
            const safe = had.safe?.filter((x) => a.safe?.includes(x));
            if (clean.length < had.clean.length || (safe?.length ?? 0) < (had.safe?.length ?? 0)) {
              const next: Seed = { ...had, clean, src: `${a.src}, passed by ${c.from}:${c.line}` };
              if (safe?.length) next.safe = safe;
              else delete next.safe;
              m.set(key, next);
            }
            continue;
          }
          const seed: Seed = { path: r.path, index: a.index, src: `${a.src}, passed by ${c.from}:${c.line}`, clean: a.clean };
          if (a.safe) seed.safe = a.safe;
          if (a.keyword) seed.keyword = a.keyword;
          if (a.local) seed.local = true;
          m.set(key, seed);
        }
      }
    }
    for (const s of states.values()) {
      const m = seeds.get(s);
      const list = m ? [...m.values()] : [];
      const key = list.map((x) => `${x.path.join('.')}\0${x.keyword ?? x.index}\0${x.src}\0${x.clean.join(',')}\0${x.safe?.join(',') ?? ''}`).sort().join('\n');
      if (key === s.seedKey) continue;
      s.seeds = list;
      s.seedKey = key;
      dirty.add(s);
    }
  };
  /** Callers of functions whose returns are clean (or made of none of their arguments): analysed again knowing it. */
  const learn = () => {
    for (const list of latest.values()) {
      for (const c of list) {
        const r = resolve(c);
        if (!r) continue;
        // `partners.http.get(url)` with `http = axios.create()` in partners: the call is axios's, known by its maker
        // (named for the caller as the module's value: the call's name without the members after it).
        const made = r.path.length > 1 ? r.target.returns?.get(r.path[0]!) : undefined;
        const fact = made?.ctor ? made : r.target.returns?.get(r.path[r.path.length - 1] ?? '');
        if (!fact || (!fact.clean.length && !fact.fresh && !fact.ctor && !fact.drops?.length && !fact.guards?.length && !fact.safeParts)) continue;
        const after = fact.ctor ? r.path.length - 1 : 0;
        const spec = after && c.dotted ? c.spec.split('.').slice(0, -after).join('.') : c.spec;
        const path = after && !c.dotted ? c.path.slice(0, c.path.length - after) : c.path;
        const key = `${c.scanner}\0${c.from}\0${spec}\0${path.join('.')}`;
        if (knownKeys.has(key)) continue;
        knownKeys.add(key);
        const caller = stateOf(r.target.scanner, c.from);
        const known: KnownReturn = { spec, path, clean: fact.clean };
        if (fact.fresh) known.fresh = true;
        if (fact.ctor) known.ctor = fact.ctor;
        if (fact.drops?.length) known.drops = fact.drops;
        if (fact.guards?.length) known.guards = fact.guards;
        if (fact.safeParts) known.safeParts = fact.safeParts;
        caller.known.push(known);
        dirty.add(caller);
      }
    }
  };

  reseed();
  for (let round = 0; round < ROUNDS && dirty.size; round++) {
    const work = [...dirty].slice(0, MAX_FILES_PER_ROUND);
    dirty.clear();
    // A clean return only takes findings away: a caller with none and no seeds has nothing to learn from it (a
    // library object another module made may add some).
    const withFindings = new Set(raw.map((f) => `${f.scanner}\0${f.file}`));
    for (const s of work) {
      if (!s.seeds.length && !s.analysed && !s.probed && !s.known.some((k) => k.ctor) && !withFindings.has(`${s.scanner.name}\0${s.file}`)) continue;
      const text = readText(s.file, walked.get(s.file)!, maxBytes);
      if (text === undefined) continue;
      const out = s.scanner.scanSeeded!(s.file, text, { seeds: s.seeds, knownReturns: s.known });
      replaceFindings(raw, s.scanner.name, s.file, out.findings);
      s.returns = returnsOf(out.returns);
      s.analysed = true;
      latest.set(`${s.scanner.name}\0${s.file}`, out.calls);
    }
    learn();
    reseed();
  }
}

/**
 * A file analysed again with what the pass knows gives all its findings for that scanner: they replace the ones the
 * scan had (with the scan's rule of one finding per leaked credential, against the file's other scanners' findings).
 */
function replaceFindings(raw: RawFinding[], scanner: string, file: string, findings: RawFinding[]): void {
  const others: RawFinding[] = [];
  let w = 0;
  for (let i = 0; i < raw.length; i++) {
    const f = raw[i]!;
    if (f.file !== file) raw[w++] = f;
    else if (f.scanner !== scanner) others.push(f);
  }
  raw.length = w;
  for (const f of withoutRepeatedCredentials([...others, ...findings])) raw.push(f);
}

function returnsOf(facts: readonly ReturnFact[]): Map<string, ReturnFact> {
  return new Map(facts.map((r) => [r.name, r]));
}

/**
 * The file's text as the scan read it; undefined for one the code scanners did not analyse whole (binary, not
 * UTF-8, over the size limit, or over the chunk size: such a file is read in chunks, which a code scanner never gets).
 */
export function readText(path: string, abs: string, maxBytes: number): string | undefined {
  let buf: Buffer;
  try {
    buf = readFileSync(abs);
  } catch (err) {
    throw new Error(`cannot read ${path}: ${(err as Error).message}`);
  }
  if (buf.length > Math.min(maxBytes, CHUNK_BYTES)) return undefined;
  const decoded = decodeContent(path, buf, maxBytes);
  return 'skip' in decoded ? undefined : decoded.text;
}

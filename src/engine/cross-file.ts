import { readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { severityRank, type RawFinding } from '../core/types.js';
import type { Scanner } from '../scanners/scanner.js';
import { resolveDotted, resolveSpec, type ProjectCall, type Seed } from '../scanners/taint/project-calls.js';
import { decodeContent } from '../sources/content.js';

/**
 * Rounds of the pass: a route → a service → a repository is two; each round follows the calls the
 * files analysed in the last one hand the data on with.
 */
const ROUNDS = 4;
/** Files analysed again per round at most: a scan of a whole tree stays bounded whatever it holds. */
const MAX_FILES_PER_ROUND = 2_000;

/** Extensions a specifier may leave out, in the order Node and the bundlers try them. */
const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '.py'];

/**
 * The cross-file pass of a scan of whole files (`mso scan --all`, `mso scan <paths>`): each code scanner
 * reported the calls it saw into other modules of the project with untrusted arguments
 * (scanners/taint/project-calls.ts); the module each names, when it is a file of this scan, is analysed again
 * with those parameters untrusted, and what that finds joins the scan's findings (`raw`). A finding already
 * reported at the same place is kept unless the new one is more severe. Files are read as the scan read them;
 * one that cannot be read now fails the scan, as it would have then.
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
  const at = new Map<string, number>();
  raw.forEach((f, i) => at.set(placeOf(f), i));
  /** Seeds applied so far: a parameter is analysed with untrusted data once, whoever passes it. */
  const applied = new Set<string>();
  let todo = calls;
  for (let round = 0; round < ROUNDS && todo.length; round++) {
    const targets = new Map<string, { scanner: Scanner; seeds: Seed[] }>();
    for (const c of todo) {
      const scanner = byName.get(c.scanner);
      if (!scanner) continue;
      const has = (p: string) => walked.has(p);
      const found = c.dotted ? resolveDotted(c.from, c.spec, has, suffixIndex) : { file: resolveSpec(c.from, c.spec, has, EXTENSIONS, suffixIndex), path: [] };
      const file = found?.file;
      if (!file || !scanner.accepts(file)) continue;
      const path = [...found.path, ...c.path];
      for (const a of c.args) {
        const key = `${c.scanner}\0${file}\0${path.join('.')}\0${a.keyword ?? a.index}`;
        if (applied.has(key)) continue;
        applied.add(key);
        const t = targets.get(`${c.scanner}\0${file}`) ?? { scanner, seeds: [] };
        const seed: Seed = { path, index: a.index, src: `${a.src}, passed by ${c.from}:${c.line}`, clean: a.clean };
        if (a.keyword) seed.keyword = a.keyword;
        if (a.local) seed.local = true;
        t.seeds.push(seed);
        targets.set(`${c.scanner}\0${file}`, t);
      }
    }
    const next: ProjectCall[] = [];
    let analysed = 0;
    for (const [key, { scanner, seeds }] of targets) {
      if (++analysed > MAX_FILES_PER_ROUND) break;
      const file = key.slice(key.indexOf('\0') + 1);
      const text = readText(file, walked.get(file)!, maxBytes);
      if (text === undefined) continue;
      const out = scanner.scanSeeded!(file, text, seeds);
      for (const f of out.findings) {
        const place = placeOf(f);
        const known = at.get(place);
        if (known === undefined) {
          at.set(place, raw.length);
          raw.push(f);
        } else if (severityRank(f.severity) > severityRank(raw[known]!.severity)) raw[known] = f;
      }
      for (const c of out.calls) next.push(c);
    }
    todo = next;
  }
}

function placeOf(f: RawFinding): string {
  return `${f.ruleId}\0${f.file}\0${f.line}\0${f.column}`;
}

/** The file's text as the scan read it; undefined for one the scan skipped (binary, too large, not UTF-8). */
function readText(path: string, abs: string, maxBytes: number): string | undefined {
  let buf: Buffer;
  try {
    buf = readFileSync(abs);
  } catch (err) {
    throw new Error(`cannot read ${path}: ${(err as Error).message}`);
  }
  if (buf.length > maxBytes) return undefined;
  const decoded = decodeContent(path, buf, maxBytes);
  return 'skip' in decoded ? undefined : decoded.text;
}

import { runInNewContext } from 'node:vm';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { v8 } from '../core/builtins.js';
import { LineIndex } from '../core/lines.js';
import type { Fragment, RawFinding, SkippedItem } from '../core/types.js';
import type { ScanContext, Scanner } from '../scanners/scanner.js';
import type { ProjectCall } from '../scanners/taint/project-calls.js';
import { decodeContent } from '../sources/content.js';
import { CHUNK_BYTES, scanFileInChunks } from './chunked-file.js';

/** The result of scanning one file or fragment, before suppressions and baseline. */
export interface UnitResult {
  findings: RawFinding[];
  skipped: SkippedItem[];
  bytes: number;
  files: number;
  /** Calls into other files of the project with untrusted data (taint/project-calls.ts), for the cross-file pass. */
  calls?: ProjectCall[];
}

/**
 * One turn of the event loop. The bulk scan loops take it after each file: native memory (the code
 * scanners' tree-sitter trees) is released by finalizers that Node runs from the event loop after a
 * garbage collection, not during a run of promise continuations, so a loop that never turns keeps
 * every tree since the last turn (hundreds of MB over a large tree). It also lets the workers'
 * finished batches in sooner.
 */
export function nextTurn(scannedBytes = 0): Promise<void> {
  collectNowAndThen(scannedBytes);
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Bytes scanned in this thread between two requested collections. A tree's JavaScript wrapper is
 * tiny and often survives into the old generation while its file is analysed; V8 does not know
 * about the native tree behind it, so with little other garbage it may collect the old generation
 * rarely, and the trees of many files wait for it (peak RSS of `--all`). Asking for a concurrent
 * major collection every few MB scanned bounds that. Only bulk scans get that far: a hook's one
 * file never does.
 */
const COLLECT_EVERY_BYTES = 12 * 1024 * 1024;
let sinceCollect = 0;
let collect: ((opts: object) => void) | null | undefined;

function collectNowAndThen(bytes: number): void {
  sinceCollect += bytes;
  if (sinceCollect < COLLECT_EVERY_BYTES) return;
  sinceCollect = 0;
  if (collect === undefined) {
    try {
      // V8's gc() exposed at run time; the flag change makes code caches written after it unusable,
      // so the bundle loader does not write one in this process (cli/bundle-loader.ts).
      (globalThis as { __msoFlagsChanged?: boolean }).__msoFlagsChanged = true;
      v8().setFlagsFromString('--expose-gc');
      collect = runInNewContext('gc') as (opts: object) => void;
    } catch {
      collect = null;
    }
  }
  collect?.({ type: 'major', execution: 'async' });
}

/** Runs every scanner that accepts the fragment's path. */
export async function scanFragment(scanners: Scanner[], fragment: Fragment, skipped?: SkippedItem[], calls?: ProjectCall[]): Promise<RawFinding[]> {
  const out: RawFinding[] = [];
  const ctx: ScanContext = { skip: (item) => skipped?.push(item) };
  if (calls) ctx.call = (c) => calls.push(c);
  for (const s of scanners) {
    if (!s.accepts(fragment.path)) continue;
    const found = await s.scan(fragment, ctx);
    if (fragment.reportLines) {
      const lines = fragment.reportLines;
      for (const f of found) {
        for (let l = f.line; l <= f.endLine; l++) {
          if (lines.has(l)) {
            out.push(f);
            break;
          }
        }
      }
    } else for (const f of found) out.push(f);
  }
  return withoutRepeatedCredentials(out);
}

/**
 * One finding per leaked credential: when the secrets scanner reports a line, a code scanner's
 * hard-coded credential finding (CWE-798) on that line says the same thing with less (the secrets
 * finding names the provider and how to revoke it), so it is dropped. A code scanner run alone
 * (`--scanner python`) still reports it.
 */
export function withoutRepeatedCredentials(findings: RawFinding[]): RawFinding[] {
  let secretLines: Set<number> | undefined;
  for (const f of findings) if (f.scanner === 'secrets') (secretLines ??= new Set()).add(f.line);
  if (!secretLines || findings.every((f) => f.scanner === 'secrets')) return findings;
  return findings.filter((f) => {
    if (f.scanner === 'secrets' || !f.cwe?.includes('CWE-798')) return true;
    for (let l = f.line; l <= f.endLine; l++) if (secretLines!.has(l)) return false;
    return true;
  });
}

/** Errors of open() that mean the path is gone or not a file any more (skipped, as a failed stat was); others fail the scan. */
const GONE = new Set(['ENOENT', 'ENOTDIR', 'ELOOP', 'EISDIR']);

/**
 * Reads a file from disk (size-checked before reading) and scans it; text files over CHUNK_BYTES are read and scanned in chunks.
 * One open, fstat, read and close per file: the size comes from the open descriptor, not from a separate stat of the path.
 */
export async function scanFile(scanners: Scanner[], path: string, abs: string, maxBytes: number, written?: readonly string[]): Promise<UnitResult> {
  let fd: number;
  try {
    fd = openSync(abs, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? '';
    if (GONE.has(code)) return { findings: [], skipped: [{ path, reason: 'unreadable', detail: (err as Error).message }], bytes: 0, files: 0 };
    // A file we were asked to scan and could not read is an error, not a silent pass.
    throw new Error(`cannot read ${path}: ${(err as Error).message}`);
  }
  let buf: Buffer;
  try {
    let size: number;
    try {
      size = fstatSync(fd).size;
    } catch (err) {
      return { findings: [], skipped: [{ path, reason: 'unreadable', detail: (err as Error).message }], bytes: 0, files: 0 };
    }
    if (size > maxBytes) return { findings: [], skipped: [{ path, reason: 'too-large', detail: `${size} bytes > limit ${maxBytes}` }], bytes: 0, files: 0 };
    if (size > CHUNK_BYTES) {
      let chunked: UnitResult | undefined;
      try {
        chunked = await scanFileInChunks(scanFragment, scanners, path, abs, size);
      } catch (err) {
        throw new Error(`cannot scan ${path}: ${(err as Error).message}`);
      }
      if (chunked) return chunked;
    }
    try {
      buf = readWhole(fd, size);
    } catch (err) {
      throw new Error(`cannot read ${path}: ${(err as Error).message}`);
    }
  } finally {
    closeSync(fd);
  }
  // Decoded synchronously right after the read: the pooled bytes are not looked at again.
  const bytes = buf.length;
  const decoded = decodeContent(path, buf, maxBytes);
  if ('skip' in decoded) return { findings: [], skipped: [decoded.skip], bytes: 0, files: 0 };
  const skipped: SkippedItem[] = [];
  const changedLines = written ? linesHolding(decoded.text, written) : undefined;
  const calls: ProjectCall[] = [];
  const findings = await scanFragment(scanners, { path, text: decoded.text, ...(changedLines ? { changedLines } : {}) }, skipped, calls);
  return calls.length ? { findings, skipped, bytes, files: 1, calls } : { findings, skipped, bytes, files: 1 };
}

/**
 * The 1-based lines of `text` covered by an occurrence of one of `written` (what an Edit put in the
 * file). Every occurrence counts, those the edit did not make too: a line taken as new only moves
 * a finding to a call on it, so erring wide reports more, never less.
 */
export function linesHolding(text: string, written: readonly string[]): Set<number> {
  const lines = new Set<number>();
  let index: LineIndex | undefined;
  for (const w of written) {
    if (!w.trim()) continue;
    for (let at = text.indexOf(w); at !== -1; at = text.indexOf(w, at + w.length)) {
      index ??= new LineIndex(text);
      const last = index.lineAt(at + w.length - 1);
      for (let l = index.lineAt(at); l <= last; l++) lines.add(l);
    }
  }
  return lines;
}

const POOL_BYTES = 1024 * 1024;
let pool: Buffer | undefined;

/** The file's bytes, up to the size fstat gave (as readFileSync reads them); a size of 0 (a special file) is read to its end. */
function readWhole(fd: number, size: number): Buffer {
  if (size === 0) {
    const parts: Buffer[] = [];
    for (;;) {
      const part = Buffer.allocUnsafe(64 * 1024);
      const n = readSync(fd, part, 0, part.length, null);
      if (n === 0) return Buffer.concat(parts);
      parts.push(part.subarray(0, n));
    }
  }
  // Files up to POOL_BYTES are read into one reused buffer: decodeContent copies them into a string
  // at once and nothing keeps the bytes, so a bulk scan does not allocate (and collect) a buffer per file.
  const buf = size <= POOL_BYTES ? (pool ??= Buffer.allocUnsafe(POOL_BYTES)).subarray(0, size) : Buffer.allocUnsafe(size);
  let got = 0;
  while (got < size) {
    const n = readSync(fd, buf, got, size - got, null);
    if (n === 0) break;
    got += n;
  }
  return got === size ? buf : buf.subarray(0, got);
}

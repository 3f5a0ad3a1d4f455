import { closeSync, openSync, readSync } from 'node:fs';
import type { Fragment, RawFinding, SkippedItem } from '../core/types.js';
import type { Scanner } from '../scanners/scanner.js';
import { isBinary } from '../sources/content.js';
import type { UnitResult } from './scan-file.js';

type ScanFragment = (scanners: Scanner[], fragment: Fragment, skipped?: SkippedItem[]) => Promise<RawFinding[]>;

/**
 * Large text files (bundles, minified code, logs, dumps) are scanned in
 * bounded chunks, so memory stays flat whatever the file size. Each chunk
 * reads OVERLAP bytes past its cut, so a token (or a multi-line match such as
 * a name/value pair) that straddles the cut is found whole by the chunk where
 * it starts; its findings are kept up to half-way into the overlap, and the
 * next chunk drops the ones it finds again. Cuts fall on a line end when one is
 * near, else between UTF-8 characters (one long minified line); a match that
 * ran over a cut also hides the tail of itself that the next chunk would see.
 */
export const CHUNK_BYTES = 8 * 1024 * 1024;
/** Longer than any built-in rule's match (a PEM block is at most about 20 KB). */
export const OVERLAP_BYTES = 64 * 1024;
/** How far back from a chunk's end a line end is looked for. */
const LINE_SEARCH = 1024 * 1024;

/** Whether a scanner can take a file piecewise; others (syntax trees) need the whole file. */
function takesChunks(s: Scanner): boolean {
  return s.scansChunks === true;
}

function readAt(fd: number, start: number, end: number): Buffer {
  const buf = Buffer.allocUnsafe(end - start);
  let got = 0;
  while (got < buf.length) {
    const n = readSync(fd, buf, got, buf.length - got, start + got);
    if (n === 0) break;
    got += n;
  }
  return got === buf.length ? buf : buf.subarray(0, got);
}

/** Moves a byte offset back to the start of a UTF-8 character. */
function charBoundary(buf: Buffer, at: number): number {
  let i = at;
  while (i > 0 && i < buf.length && (buf[i]! & 0xc0) === 0x80) i--;
  return i;
}

interface Pos {
  line: number;
  column: number;
}
const before = (a: Pos, b: Pos) => a.line < b.line || (a.line === b.line && a.column < b.column);

/** The position just past `text` when it starts at `from`. */
function endOf(text: string, from: Pos): Pos {
  let lines = 0;
  let lastNl = -1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    lines++;
    lastNl = i;
  }
  return lines === 0 ? { line: from.line, column: from.column + text.length } : { line: from.line + lines, column: text.length - lastNl };
}

/**
 * Scans a file larger than CHUNK_BYTES. Returns undefined when the file is not
 * plain UTF-8 text at its start (a byte-order mark for UTF-16/32, or binary):
 * the caller then treats it as a whole file.
 */
export async function scanFileInChunks(
  scanFragment: ScanFragment,
  scanners: Scanner[],
  path: string,
  abs: string,
  size: number,
): Promise<UnitResult | undefined> {
  const fd = openSync(abs, 'r');
  try {
    const head = readAt(fd, 0, Math.min(size, 8000));
    if (isBinary(head) || (head[0] === 0xfe && head[1] === 0xff) || (head[0] === 0xff && head[1] === 0xfe)) return undefined;
    const skipped: SkippedItem[] = [];
    const chunkers = scanners.filter(takesChunks);
    // A whole-file scanner may know the file for what it is (generated code) from its first and last bytes.
    const tail = () => readAt(fd, Math.max(0, size - 4096), size).toString('utf8');
    for (const s of scanners) {
      if (!takesChunks(s) && s.accepts(path)) {
        const own = s.largeFileSkip?.(path, head.toString('utf8'), tail());
        skipped.push(own ?? { path, reason: 'too-large', detail: `${size} bytes: the ${s.name} scanner reads whole files up to ${CHUNK_BYTES} bytes; secrets were scanned in chunks` });
      }
    }
    const findings: RawFinding[] = [];
    let start = 0;
    let lineBase = 0; // lines before this chunk
    let colBase = 0; // characters before this chunk on its first line
    let hideUntil: Pos | undefined; // end of a match that ran over the last cut
    let carried = new Set<string>(); // findings past the last cut, already reported by the chunk before
    while (start < size) {
      const want = Math.min(size, start + CHUNK_BYTES + OVERLAP_BYTES);
      const buf = readAt(fd, start, want);
      let own = Math.min(buf.length, CHUNK_BYTES);
      const last = start + own >= size;
      if (!last) {
        const nl = buf.lastIndexOf(0x0a, own - 1);
        own = nl !== -1 && nl >= own - LINE_SEARCH ? nl + 1 : charBoundary(buf, own);
        if (own === 0) own = Math.min(buf.length, CHUNK_BYTES); // no boundary found: cut anyway
      }
      // Findings of this chunk are kept up to half-way into the overlap: past that, a token may be
      // cut short by the end of what was read; the next chunk sees those whole.
      const half = last ? buf.length : charBoundary(buf, Math.min(buf.length, own + OVERLAP_BYTES / 2));
      const end = last ? buf.length : charBoundary(buf, buf.length);
      const bom = start === 0 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
      const ownText = buf.toString('utf8', bom, own);
      const nearText = buf.toString('utf8', own, half);
      const text = ownText + nearText + buf.toString('utf8', half, end);
      const ownEnd = endOf(ownText, { line: 1, column: 1 });
      const keepEnd = endOf(nearText, ownEnd);
      const abs = (p: Pos): Pos => ({ line: p.line + lineBase, column: p.line === 1 ? p.column + colBase : p.column });
      const cut = abs(ownEnd);
      const crossing: Pos[] = [];
      const next = new Set<string>();
      for (const f of await scanFragment(chunkers, { path, text }, skipped)) {
        // endColumn is one past the last character: compare the last character's position.
        if (!last && !before({ line: f.endLine, column: f.endColumn - 1 }, keepEnd)) continue;
        const s = abs({ line: f.line, column: f.column });
        const e = abs({ line: f.endLine, column: f.endColumn });
        const key = `${f.ruleId}:${s.line}:${s.column}:${f.fingerprint}`;
        if (carried.has(key)) continue; // found by the chunk before, whose view reached this far
        if (hideUntil && before(s, hideUntil)) continue; // the tail of a match found by the chunk before
        if (!before(s, cut)) next.add(key);
        else if (before(cut, e)) crossing.push(e);
        findings.push({ ...f, line: s.line, endLine: e.line, column: s.column, endColumn: e.column });
      }
      carried = next;
      hideUntil = crossing.length ? crossing.reduce((a, b) => (before(a, b) ? b : a)) : undefined;
      const lastNl = ownText.lastIndexOf('\n');
      colBase = lastNl === -1 ? colBase + ownText.length : ownText.length - lastNl - 1;
      lineBase += ownEnd.line - 1;
      start += own;
    }
    return { findings, skipped, bytes: size, files: 1 };
  } finally {
    closeSync(fd);
  }
}

import type { SkippedItem } from '../core/types.js';

/**
 * Turns raw bytes into scannable text, or says why not. Binary means a NUL
 * byte in the first 8000 bytes (git's own heuristic). Invalid UTF-8 is not an
 * error: bad sequences become U+FFFD and the rest is scanned.
 */
export function isBinary(buf: Uint8Array): boolean {
  return buf.subarray(0, 8000).indexOf(0) !== -1; // native scan, not a JS loop: this runs on every file
}

/** UTF-8 to text; a byte-order mark is dropped so columns on line 1 stay right. */
function decodeUtf8(buf: Uint8Array): string {
  const b = Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const start = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  return b.toString('utf8', start);
}

export function decodeContent(path: string, buf: Uint8Array, maxBytes: number): { text: string } | { skip: SkippedItem } {
  if (buf.length > maxBytes) return { skip: { path, reason: 'too-large', detail: `${buf.length} bytes > limit ${maxBytes}` } };
  if (isBinary(buf)) {
    // UTF-16 text (Windows tools write it) has NUL bytes, but a byte-order mark says what it is.
    if (buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff))) {
      return { text: new TextDecoder(buf[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(buf) };
    }
    return { skip: { path, reason: 'binary' } };
  }
  return { text: decodeUtf8(buf) };
}

/** Parses sizes such as 5MB, 512k, 1048576. */
export function parseSize(value: string | number): number {
  if (typeof value === 'number') return value;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmg]?)i?b?\s*$/i.exec(value);
  if (!m) throw new Error(`not a size: ${value} (use e.g. 5MB, 512KB or a number of bytes)`);
  const mult = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2]!.toLowerCase() as '' | 'k' | 'm' | 'g'];
  return Math.floor(Number(m[1]) * mult);
}

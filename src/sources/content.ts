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

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be';

/**
 * The encoding a byte-order mark names, if any. UTF-32 is checked before
 * UTF-16: the UTF-32 LE mark (FF FE 00 00) starts with the UTF-16 LE one.
 */
export function sniffBom(buf: Uint8Array): { encoding: TextEncoding; bomLength: number } | undefined {
  const [a, b, c, d] = [buf[0], buf[1], buf[2], buf[3]];
  if (buf.length >= 4 && a === 0xff && b === 0xfe && c === 0 && d === 0) return { encoding: 'utf-32le', bomLength: 4 };
  if (buf.length >= 4 && a === 0 && b === 0 && c === 0xfe && d === 0xff) return { encoding: 'utf-32be', bomLength: 4 };
  if (buf.length >= 2 && a === 0xff && b === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (buf.length >= 2 && a === 0xfe && b === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  if (buf.length >= 3 && a === 0xef && b === 0xbb && c === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  return undefined;
}

/** UTF-32 by hand (TextDecoder has no UTF-32); a code point out of range becomes U+FFFD like invalid UTF-8 does. */
function decodeUtf32(buf: Uint8Array, littleEndian: boolean): string {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const parts: string[] = [];
  let chunk: number[] = [];
  for (let i = 0; i + 4 <= buf.length; i += 4) {
    const cp = view.getUint32(i, littleEndian);
    chunk.push(cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ? 0xfffd : cp);
    if (chunk.length >= 8192) {
      parts.push(String.fromCodePoint(...chunk));
      chunk = [];
    }
  }
  if (buf.length % 4 !== 0) chunk.push(0xfffd);
  parts.push(String.fromCodePoint(...chunk));
  return parts.join('');
}

/**
 * The one text decoder every source uses (staged, range and pre-push, --all,
 * --stdin, the agent hooks, the voyage review): a byte-order mark names
 * UTF-8, UTF-16 LE/BE or UTF-32 LE/BE; without one the bytes are UTF-8.
 * Returns undefined for binary content (a NUL byte in the first 8000 bytes,
 * checked after decoding, so UTF-16/32 text is not binary but a UTF-16 file
 * holding NUL characters is).
 */
export function decodeText(buf: Uint8Array): string | undefined {
  // A UTF-16/32 mark counts only with NUL bytes (ASCII in a wide encoding has them): "FF FE" in front
  // of bytes without any is more likely broken UTF-8 or Latin-1, scanned as UTF-8 as before.
  const bom = isBinary(buf) ? sniffBom(buf) : undefined;
  if (!bom || bom.encoding === 'utf-8') {
    if (isBinary(buf)) return undefined;
    return decodeUtf8(buf);
  }
  const body = buf.subarray(bom.bomLength);
  const text =
    bom.encoding === 'utf-32le' || bom.encoding === 'utf-32be'
      ? decodeUtf32(body, bom.encoding === 'utf-32le')
      : new TextDecoder(bom.encoding).decode(body);
  return text.slice(0, 8000).includes('\0') ? undefined : text;
}

export function decodeContent(path: string, buf: Uint8Array, maxBytes: number): { text: string } | { skip: SkippedItem } {
  if (buf.length > maxBytes) return { skip: { path, reason: 'too-large', detail: `${buf.length} bytes > limit ${maxBytes}` } };
  const text = decodeText(buf);
  return text === undefined ? { skip: { path, reason: 'binary' } } : { text };
}

/** Parses sizes such as 5MB, 512k, 1048576. */
export function parseSize(value: string | number): number {
  if (typeof value === 'number') return value;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmg]?)i?b?\s*$/i.exec(value);
  if (!m) throw new Error(`not a size: ${value} (use e.g. 5MB, 512KB or a number of bytes)`);
  const mult = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2]!.toLowerCase() as '' | 'k' | 'm' | 'g'];
  return Math.floor(Number(m[1]) * mult);
}

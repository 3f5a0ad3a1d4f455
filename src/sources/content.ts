import type { SkippedItem } from '../core/types.js';

/**
 * Turns raw bytes into scannable text, or says why not. Binary means a NUL
 * byte in the first 8000 bytes (git's own heuristic). Invalid UTF-8 is not an
 * error: bad sequences become U+FFFD and the rest is scanned.
 */
const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });

export function isBinary(buf: Uint8Array): boolean {
  const end = Math.min(buf.length, 8000);
  for (let i = 0; i < end; i++) if (buf[i] === 0) return true;
  return false;
}

export function decodeContent(path: string, buf: Uint8Array, maxBytes: number): { text: string } | { skip: SkippedItem } {
  if (buf.length > maxBytes) return { skip: { path, reason: 'too-large', detail: `${buf.length} bytes > limit ${maxBytes}` } };
  if (isBinary(buf)) return { skip: { path, reason: 'binary' } };
  return { text: decoder.decode(buf) };
}

/** Parses sizes such as 5MB, 512k, 1048576. */
export function parseSize(value: string | number): number {
  if (typeof value === 'number') return value;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmg]?)i?b?\s*$/i.exec(value);
  if (!m) throw new Error(`not a size: ${value} (use e.g. 5MB, 512KB or a number of bytes)`);
  const mult = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2]!.toLowerCase() as '' | 'k' | 'm' | 'g'];
  return Math.floor(Number(m[1]) * mult);
}

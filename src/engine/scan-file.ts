import { readFileSync, statSync } from 'node:fs';
import type { Fragment, RawFinding, SkippedItem } from '../core/types.js';
import type { Scanner } from '../scanners/scanner.js';
import { decodeContent } from '../sources/content.js';
import { CHUNK_BYTES, scanFileInChunks } from './chunked-file.js';

/** The result of scanning one file or fragment, before suppressions and baseline. */
export interface UnitResult {
  findings: RawFinding[];
  skipped: SkippedItem[];
  bytes: number;
  files: number;
}

/** Runs every scanner that accepts the fragment's path. */
export async function scanFragment(scanners: Scanner[], fragment: Fragment, skipped?: SkippedItem[]): Promise<RawFinding[]> {
  const out: RawFinding[] = [];
  const ctx = { skip: (item: SkippedItem) => skipped?.push(item) };
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
  return out;
}

/** Reads a file from disk (size-checked before reading) and scans it; text files over CHUNK_BYTES are read and scanned in chunks. */
export async function scanFile(scanners: Scanner[], path: string, abs: string, maxBytes: number): Promise<UnitResult> {
  let size: number;
  try {
    size = statSync(abs).size;
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
  let buf: Buffer;
  try {
    buf = readFileSync(abs);
  } catch (err) {
    // A file we were asked to scan and could not read is an error, not a silent pass.
    throw new Error(`cannot read ${path}: ${(err as Error).message}`);
  }
  const decoded = decodeContent(path, buf, maxBytes);
  if ('skip' in decoded) return { findings: [], skipped: [decoded.skip], bytes: 0, files: 0 };
  const skipped: SkippedItem[] = [];
  const findings = await scanFragment(scanners, { path, text: decoded.text }, skipped);
  return { findings, skipped, bytes: buf.length, files: 1 };
}

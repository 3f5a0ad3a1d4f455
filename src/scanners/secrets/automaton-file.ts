import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compiledBuild } from '../../config/builtin-rules.js';
import { crypto } from '../../core/builtins.js';
import { packageRoot } from '../../core/package-root.js';
import { fileIdentity, verifiedFiles } from '../../core/verified-files.js';
import type { AutomatonTables } from './keyword-matcher.js';

/**
 * Keyword automata computed by the build (scripts/compile-rules.mjs) for the built-in keyword
 * lists: the code scanners' gate words and the secret rules' keywords and window literals.
 * Building the gate's automaton (~3,500 states) costs ~7–20 ms in a fresh process; reading it
 * ready costs ~0.5 ms, so a hook that scans one edited file loads it (keyword-matcher.ts).
 *
 * One file per keyword list, dist/keyword-automata/<key>.bin, the key being a 64-bit hash of the
 * list (a name, computed without node:crypto); the file holds the list itself, so a matcher
 * uses the file of exactly its own keywords or none (a user's rule file, an edited one: another
 * list, computed as before). A file is used only when it is whole (its own SHA-256 at its end),
 * of this format, written by the build that wrote dist/builtin-rules.json, and for this list;
 * anything else, a missing file included, leaves the automaton to be computed. The digest is
 * checked once per file identity (core/verified-files.ts), not on every run. (It catches damage,
 * not forgery: whoever can write dist/ can change mso's code too.)
 *
 * Layout, little-endian, every array 4-byte aligned:
 *   u32 magic "MSOK", u32 format version, u32 n, n bytes of JSON metadata (padded to 4),
 *   outStart (i32 × emitting+1), outIds (i32 × outputs), codes (u16 × width−1, padded to 4),
 *   delta (u16 or i32, as the metadata says, × states·width, padded to 4), then the SHA-256 of
 *   everything before it (32 bytes).
 * Binary, not JSON: the gate's table is ~180,000 numbers; read as typed-array views over the
 * file's bytes it costs a read and a hash (docs/benchmarks.md compares the two).
 */
export const AUTOMATA_DIR = join('dist', 'keyword-automata');

const MAGIC = 0x4b4f534d; // "MSOK" read as a little-endian u32
/** Bump when what the tables mean changes (KeywordMatcher.build / hits): older files are then refused. */
const VERSION = 2;
const DIGEST = 32;
const HEAD = 12;

interface Meta {
  key: string;
  /** The keyword list, as JSON (automatonList). */
  list?: string;
  build: string;
  width: number;
  states: number;
  firstEmitting: number;
  emitting: number;
  outputs: number;
  /** Bytes per entry of delta: 2 or 4. */
  deltaBytes: number;
}

const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const sha256 = (data: string | Uint8Array) => crypto().createHash('sha256').update(data).digest();
const pad4 = (n: number) => (n + 3) & ~3;

/** A keyword list as the file holds it: JSON (ids are positions: order counts). */
export const automatonList = (keywords: readonly string[]) => JSON.stringify(keywords);

/**
 * The key (file name) of a keyword list: two 32-bit FNV-1a-style hashes of its JSON, in hex, and
 * the JSON's length. Over at most ~4,000 of its characters, evenly spaced: the key only names a
 * file, and the file holds its list, compared in full before it is used (decodeAutomaton), so two
 * lists under one key cost a computed automaton, never a wrong one. The gate's list is ~40 KB, and
 * a loop over every character, run once per process and never optimised, cost ~1 ms of a hook.
 */
export function automatonKey(keywords: readonly string[]): string {
  return listKey(automatonList(keywords));
}

function listKey(text: string): string {
  const step = Math.max(1, Math.floor(text.length / 4096));
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < text.length; i += step) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0') + text.length.toString(16);
}

export const automatonFile = (root: string, key: string) => join(root, AUTOMATA_DIR, `${key}.bin`);

/** The file's bytes for these tables (see the layout above). */
export function encodeAutomaton(t: AutomatonTables, key: string, build: string, list?: string): Buffer {
  const width = t.codes.length + 1;
  const meta: Meta = {
    key,
    ...(list === undefined ? {} : { list }),
    build,
    width,
    states: t.delta.length / width,
    firstEmitting: t.firstEmitting,
    emitting: t.outStart.length - 1,
    outputs: t.outIds.length,
    deltaBytes: t.delta instanceof Uint16Array ? 2 : 4,
  };
  const json = Buffer.from(JSON.stringify(meta), 'utf8');
  const parts = [
    le32(Int32Array.of(MAGIC, VERSION, json.length)),
    json,
    Buffer.alloc(pad4(json.length) - json.length),
    le32(t.outStart),
    le32(t.outIds),
    le16(t.codes),
    Buffer.alloc(pad4(t.codes.length * 2) - t.codes.length * 2),
    t.delta instanceof Uint16Array ? le16(t.delta) : le32(t.delta),
    Buffer.alloc(pad4(t.delta.byteLength) - t.delta.byteLength),
  ];
  const body = Buffer.concat(parts);
  return Buffer.concat([body, sha256(body)]);
}

function le32(a: Int32Array | Uint32Array): Buffer {
  const out = Buffer.alloc(a.length * 4);
  for (let i = 0; i < a.length; i++) out.writeInt32LE(a[i]! | 0, i * 4);
  return out;
}

function le16(a: Uint16Array): Buffer {
  const out = Buffer.alloc(a.length * 2);
  for (let i = 0; i < a.length; i++) out.writeUInt16LE(a[i]!, i * 2);
  return out;
}

const count = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= 0x3fffffff;

/**
 * The tables in a file's bytes, or undefined when they are not whole, not this format, not of
 * this build or not for this key (and, given `list`, this keyword list). The arrays are views over
 * `bytes` (copied once if misaligned). `checkDigest` false: the caller knows these bytes were
 * checked before (verified-files.ts).
 */
export function decodeAutomaton(bytes: Uint8Array, key: string, build: string, list?: string, checkDigest = true): AutomatonTables | undefined {
  // Typed arrays read in the machine's order: the file is little-endian.
  if (!littleEndian || bytes.length < HEAD + DIGEST || bytes.length % 4 !== 0) return undefined;
  const end = bytes.length - DIGEST;
  if (checkDigest) {
    const digest = sha256(bytes.subarray(0, end));
    for (let i = 0; i < DIGEST; i++) if (digest[i] !== bytes[end + i]) return undefined;
  }
  if (bytes.byteOffset % 4 !== 0) bytes = Uint8Array.from(bytes);
  const head = new Uint32Array(bytes.buffer, bytes.byteOffset, 3);
  if (head[0] !== MAGIC || head[1] !== VERSION || head[2]! > end - HEAD) return undefined;
  let meta: Meta;
  try {
    meta = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset + HEAD, head[2]!).toString('utf8')) as Meta;
  } catch {
    return undefined;
  }
  if (!meta || typeof meta !== 'object' || meta.key !== key || meta.build !== build) return undefined;
  if (list !== undefined && meta.list !== list) return undefined;
  const { width, states, firstEmitting, emitting, outputs, deltaBytes } = meta;
  if (![width, states, firstEmitting, emitting, outputs].every(count) || width < 1 || width > 256) return undefined;
  if (deltaBytes !== 2 && deltaBytes !== 4) return undefined;
  let at = HEAD + pad4(head[2]!);
  const view = <T>(n: number, size: number, make: (buffer: ArrayBufferLike, offset: number, length: number) => T): T | undefined => {
    const length = n * size; // up to 2^62 from the metadata's counts: compared before any bit operation
    if (!(length <= end - at)) return undefined;
    const a = make(bytes.buffer, bytes.byteOffset + at, n);
    at += pad4(length);
    return a;
  };
  const i32 = (b: ArrayBufferLike, o: number, n: number) => new Int32Array(b, o, n);
  const u16 = (b: ArrayBufferLike, o: number, n: number) => new Uint16Array(b, o, n);
  const outStart = view(emitting + 1, 4, i32);
  const outIds = view(outputs, 4, i32);
  const codes = view(width - 1, 2, u16);
  const delta = deltaBytes === 2 ? view(states * width, 2, u16) : view(states * width, 4, i32);
  if (!outStart || !outIds || !codes || !delta || at !== end) return undefined;
  return { codes, delta, firstEmitting, outStart, outIds };
}

/**
 * The build's automaton for exactly this keyword list, or undefined (none, unreadable, damaged,
 * another build's): the matcher then computes it. Never throws. `root` and `build` (the package
 * folder, the id of the build that wrote dist/builtin-rules.json) are for tests.
 */
export function builtinAutomaton(keywords: readonly string[], root?: string, build?: string): AutomatonTables | undefined {
  try {
    const list = automatonList(keywords);
    const key = listKey(list);
    root ??= packageRoot();
    build ??= compiledBuild();
    if (!build) return undefined;
    const file = automatonFile(root, key);
    const verified = verifiedFiles(root, build);
    const trusted = verified.trusted(file);
    const identity = trusted ? undefined : fileIdentity(file); // before the read (verified-files.ts)
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      return undefined; // not built for this list (a user's rules), or not built at all
    }
    const tables = decodeAutomaton(bytes, key, build, list, !trusted);
    if (tables && !trusted) {
      verified.remember(file, identity);
      verified.save();
    }
    return tables;
  } catch {
    return undefined;
  }
}

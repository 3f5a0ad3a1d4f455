/**
 * Finds encoded segments in text and decodes them, so the secret rules can
 * look at what an encoding hides: base64 and base64url, hex, percent-encoded
 * runs, backslash escapes (\uXXXX, \xXX, \/) and HTML entities. Decoding is
 * recursive to a depth (base64 of a JSON string with \u escapes, percent-encoded
 * base64), and bounded by a budget per fragment so a 3 MB blob cannot blow up
 * time or memory. Nothing here reports anything: decoding-scanner.ts scans the
 * decoded text and maps findings back to the encoded span.
 */
export type Encoding = 'base64' | 'base64url' | 'hex' | 'percent' | 'escape' | 'html';

export interface Segment {
  /** Offsets of the encoded text in the text it was found in. */
  start: number;
  end: number;
  /** The decoded text, with inner segments decoded too (to the depth limit). */
  decoded: string;
  /** Outermost encoding first, then any inner ones: "percent+base64". */
  encoding: string;
}

export interface DecodeLimits {
  /** Levels of decoding (1: decode what is in the text; 2: also what the decoded text holds). */
  depth: number;
  /** Encoded segments longer than this are not decoded (noted). */
  maxSegmentChars: number;
  /** Total characters decoded per fragment; past it, the rest is not decoded (noted). */
  maxDecodedChars: number;
  /** Segments examined per fragment. */
  maxSegments: number;
}

export const DEFAULT_LIMITS: DecodeLimits = {
  depth: 2,
  maxSegmentChars: 256 * 1024,
  maxDecodedChars: 2 * 1024 * 1024,
  maxSegments: 20_000,
};

/** Tracks the work done on one fragment and why any was left undone. */
export class DecodeBudget {
  decodedChars = 0;
  segments = 0;
  notes: string[] = [];

  constructor(readonly limits: DecodeLimits) {}

  spend(chars: number): boolean {
    this.segments++;
    if (this.segments > this.limits.maxSegments) {
      this.note(`more than ${this.limits.maxSegments} encoded segments; the rest were not decoded`);
      return false;
    }
    if (this.decodedChars + chars > this.limits.maxDecodedChars) {
      this.note(`decoding budget of ${this.limits.maxDecodedChars} characters used up; the rest was not decoded`);
      return false;
    }
    this.decodedChars += chars;
    return true;
  }

  note(n: string): void {
    if (!this.notes.includes(n)) this.notes.push(n);
  }
}

/** Anything worth a closer look: one cheap pass before the finders run. */
const QUICK = /%[0-9A-Fa-f]{2}|\\(?:u[0-9A-Fa-f{]|x[0-9A-Fa-f]{2}|\/)|&(?:#[0-9xX]|[a-zA-Z]{2,8};)|[A-Za-z0-9+/_-]{20}|[A-Za-z0-9+/_-]{8}=/;

export function mayHoldEncoded(text: string): boolean {
  return QUICK.test(text);
}

interface Candidate {
  start: number;
  end: number;
  kind: Encoding;
}

const ESCAPE_AT = /\\(?:u[0-9A-Fa-f]{4}|u\{[0-9A-Fa-f]{1,6}\}|x[0-9A-Fa-f]{2}|\/)/g;
const PERCENT_AT = /%[0-9A-Fa-f]{2}/g;
const ENTITY_AT = /&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z]{2,8});/g;
// Bounded: an unbounded greedy run over a multi-megabyte line overflows the regex engine's stack.
// Longer runs come back as adjacent matches and are joined.
// Short runs only with padding: base64 of a short password ("changeme" is Y2hhbmdlbWU=).
const BASE64_CHUNK = /[A-Za-z0-9+/_-]{20,4096}={0,2}|[A-Za-z0-9+/_-]{8,19}={1,2}/g;

const isSpace = (c: number) => c === 32 || (c >= 9 && c <= 13);
const isQuote = (c: number) => c === 34 || c === 39 || c === 96;
/** Characters of a URL or a form body (RFC 3986 without the quote). */
const URL_CHARS = /[A-Za-z0-9\-._~!$&()*+,;=:@/?#[\]%]/;

/** Grows [start, end) over characters `ok` accepts, at most `max` characters. */
function grow(text: string, start: number, end: number, ok: (i: number) => boolean, max: number): [number, number] {
  let s = start;
  let e = end;
  while (s > 0 && end - s < max && ok(s - 1)) s--;
  while (e < text.length && e - start < max && ok(e)) e++;
  return [s, e];
}

/** Runs around each occurrence of `at`, merged; `ok` says which characters belong to a run. */
function runsAround(text: string, at: RegExp, kind: Encoding, ok: (i: number) => boolean, max: number, out: Candidate[]): void {
  at.lastIndex = 0;
  let last: Candidate | undefined;
  for (let m = at.exec(text); m; m = at.exec(text)) {
    if (last && m.index < last.end) continue; // already inside the previous run
    const [s, e] = grow(text, m.index, m.index + m[0].length, ok, max);
    last = { start: s, end: e, kind };
    out.push(last);
    at.lastIndex = e;
  }
}

function findCandidates(text: string, max: number): Candidate[] {
  const out: Candidate[] = [];
  // A string's content: up to whitespace or a quote that is not escaped.
  const inString = (i: number) => {
    const c = text.charCodeAt(i);
    if (isSpace(c)) return false;
    return !isQuote(c) || text.charCodeAt(i - 1) === 92;
  };
  if (text.includes('\\')) runsAround(text, ESCAPE_AT, 'escape', inString, max, out);
  if (text.includes('%')) runsAround(text, PERCENT_AT, 'percent', (i) => URL_CHARS.test(text[i]!), max, out);
  if (text.includes('&')) {
    runsAround(text, ENTITY_AT, 'html', (i) => {
      const c = text.charCodeAt(i);
      return !isSpace(c) && c !== 60 && c !== 62 && !isQuote(c);
    }, max, out);
  }
  const run = (start: number, end: number) => {
    const s = text.slice(start, end);
    if (/^[0-9A-Fa-f]+$/.test(s)) {
      // hex of text: an even number of digits, at least 32 (a 16-character token)
      if (s.length >= 32 && s.length % 2 === 0) out.push({ start, end, kind: 'hex' });
      return;
    }
    // Base64 of text mixes cases; lower-case identifiers, words, paths and hex do not.
    // (A run longer than the limit is still a candidate: the caller notes it instead of decoding it.)
    if (!/[A-Z]/.test(s) || !/[a-z]/.test(s)) return;
    out.push({ start, end, kind: /[-_]/.test(s) ? 'base64url' : 'base64' });
  };
  BASE64_CHUNK.lastIndex = 0;
  let rs = -1;
  let re = -1;
  for (let m = BASE64_CHUNK.exec(text); m; m = BASE64_CHUNK.exec(text)) {
    if (m.index === re && text.charCodeAt(re - 1) !== 61) {
      re = m.index + m[0].length; // the same run, continued
      continue;
    }
    if (rs >= 0) run(rs, re);
    rs = m.index;
    re = m.index + m[0].length;
  }
  if (rs >= 0) run(rs, re);
  if (out.length < 2) return out;
  // Overlaps: keep the wider run (a string holding a base64 value is decoded whole, the value at the next level).
  out.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const kept: Candidate[] = [];
  for (const c of out) {
    const prev = kept[kept.length - 1];
    if (prev && c.start < prev.end) {
      if (c.end - c.start > prev.end - prev.start) kept[kept.length - 1] = c;
      continue;
    }
    kept.push(c);
  }
  return kept;
}

/** Decoded text worth scanning: no control characters, no replacement characters. */
function isText(s: string): boolean {
  if (s.length < 6) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 13) || c === 0x7f || c === 0xfffd) return false;
  }
  return true;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

function utf8(bytes: Uint8Array): string | undefined {
  try {
    return UTF8.decode(bytes);
  } catch {
    return undefined;
  }
}

function decodeBase64(s: string, url: boolean): string | undefined {
  let body = s.replace(/=+$/, '');
  if (url ? /[+/]/.test(body) : /[-_]/.test(body)) return undefined;
  if (body.length % 4 === 1) body = body.slice(0, -1);
  return utf8(Buffer.from(body, url ? 'base64url' : 'base64'));
}

function decodePercent(s: string): string | undefined {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 37 && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (c < 0x80) bytes.push(c);
    else bytes.push(...Buffer.from(s[i]!, 'utf8'));
  }
  return utf8(Uint8Array.from(bytes));
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '0': '\0', '"': '"', "'": "'", '\\': '\\', '/': '/' };

function decodeEscapes(s: string): string {
  return s.replace(/\\(?:u([0-9A-Fa-f]{4})|u\{([0-9A-Fa-f]{1,6})\}|x([0-9A-Fa-f]{2})|(.))/g, (m, u4: string, ub: string, x2: string, ch: string) => {
    if (u4) return String.fromCharCode(parseInt(u4, 16));
    if (ub) {
      const cp = parseInt(ub, 16);
      return cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
    }
    if (x2) return String.fromCharCode(parseInt(x2, 16));
    return SIMPLE_ESCAPES[ch] ?? m;
  });
}

const ENTITIES: Record<string, string> = {
  quot: '"', amp: '&', lt: '<', gt: '>', apos: "'", nbsp: ' ', sol: '/', colon: ':', equals: '=', plus: '+', period: '.',
  comma: ',', lowbar: '_', hyphen: '-', dash: '-', num: '#', dollar: '$', percnt: '%', excl: '!', quest: '?', semi: ';',
  lpar: '(', rpar: ')', lsqb: '[', rsqb: ']', lcub: '{', rcub: '}', commat: '@', bsol: '\\', grave: '`', tilde: '~', ast: '*',
};

function decodeEntities(s: string): string {
  return s.replace(/&(?:#([0-9]{1,7})|#[xX]([0-9A-Fa-f]{1,6})|([A-Za-z]{2,8}));/g, (m, dec: string, hex: string, name: string) => {
    if (name) return ENTITIES[name.toLowerCase()] ?? m;
    const cp = dec ? parseInt(dec, 10) : parseInt(hex, 16);
    return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
  });
}

function decodeOne(s: string, kind: Encoding): string | undefined {
  switch (kind) {
    case 'base64':
      return decodeBase64(s, false);
    case 'base64url':
      return decodeBase64(s, true);
    case 'hex':
      return utf8(Buffer.from(s, 'hex'));
    case 'percent':
      return decodePercent(s);
    case 'escape':
      return decodeEscapes(s);
    case 'html':
      return decodeEntities(s);
  }
}

/**
 * The encoded segments of `text` that decode to text, each decoded to the
 * depth limit (`level` is the level of `text` itself: 1 for the original).
 */
export function decodeSegments(text: string, budget: DecodeBudget, level = 1): Segment[] {
  const { limits } = budget;
  if (level > limits.depth || !mayHoldEncoded(text)) return [];
  const out: Segment[] = [];
  for (const c of findCandidates(text, limits.maxSegmentChars + 1)) {
    const len = c.end - c.start;
    if (len > limits.maxSegmentChars) {
      budget.note(`an encoded segment of ${len} characters is longer than the ${limits.maxSegmentChars}-character limit and was not decoded`);
      continue;
    }
    if (!budget.spend(len)) break;
    const raw = text.slice(c.start, c.end);
    let decoded = decodeOne(raw, c.kind);
    if (decoded === undefined || decoded === raw || !isText(decoded)) continue;
    // user:password (HTTP Basic, Docker auths): the password also on a line of its own, where token rules see it whole.
    const basic = c.kind.startsWith('base64') ? /^[^:\s]{1,64}:(\S{6,})$/.exec(decoded) : null;
    if (basic) decoded = `${decoded}\n${basic[1]}`;
    // Inner segments: decode what the decoded text holds, in place.
    const inner = decodeSegments(decoded, budget, level + 1);
    let full = decoded;
    const kinds = new Set<string>();
    for (let i = inner.length - 1; i >= 0; i--) {
      const s = inner[i]!;
      full = full.slice(0, s.start) + s.decoded + full.slice(s.end);
      for (const k of s.encoding.split('+')) kinds.add(k);
    }
    kinds.delete(c.kind);
    // Both forms: decoding the inner segments can also destroy a token made of them (a JWT's parts are base64url).
    out.push({ start: c.start, end: c.end, decoded: full === decoded ? decoded : `${decoded}\n${full}`, encoding: [c.kind, ...kinds].join('+') });
  }
  return out;
}

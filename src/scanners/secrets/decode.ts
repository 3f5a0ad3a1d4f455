/**
 * Finds encoded segments in text and decodes them, so the secret rules can
 * look at what an encoding hides: base64 and base64url, hex, percent-encoded
 * runs, backslash escapes (\uXXXX, \xXX, \/), HTML entities, and string literals joined into
 * one (`"ghp_ab" + "cd"`, `["ghp_ab", "cd"].join("")`: a token split to pass a scanner is whole once
 * joined), and characters written as their codes (`String.fromCharCode(…)`). Decoding is
 * recursive to a depth (base64 of a JSON string with \u escapes, percent-encoded
 * base64), and bounded by a budget per fragment so a 3 MB blob cannot blow up
 * time or memory. Nothing here reports anything: decoding-scanner.ts scans the
 * decoded text and maps findings back to the encoded span.
 */
export type Encoding = 'base64' | 'base64url' | 'hex' | 'percent' | 'escape' | 'html' | 'concat';

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
const QUICK = /%[0-9A-Fa-f]{2}|\\(?:u[0-9A-Fa-f{]|x[0-9A-Fa-f]{2}|[0-3][0-7]{2}|\/)|&(?:#[0-9xX]|[a-zA-Z]{2,8};)/;

export function mayHoldEncoded(text: string): boolean {
  return QUICK.test(text);
}

interface Candidate {
  start: number;
  end: number;
  kind: Encoding;
  /** What it decodes to, when the finder already knows (joined literals). */
  decoded?: string;
}

/**
 * Where an escape, a percent-encoded byte or an HTML entity starts. Each pattern opens with one fixed
 * character, so `findAt` finds that character with `indexOf` (memchr speed) and tries the sticky regex
 * only there: the same matches as a global regex, which steps through every position of the text.
 */
const ESCAPE = { at: /\\(?:u[0-9A-Fa-f]{4}|u\{[0-9A-Fa-f]{1,6}\}|x[0-9A-Fa-f]{2}|[0-3][0-7]{2}|\/)/y, lead: '\\' };
const PERCENT = { at: /%[0-9A-Fa-f]{2}/y, lead: '%' };
const ENTITY = { at: /&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z]{2,8});/y, lead: '&' };
interface EncodedStart {
  at: RegExp;
  lead: string;
}
/** Exported for the test that compares `findAt` with a global exec. */
export const ENCODED_STARTS: readonly EncodedStart[] = [ESCAPE, PERCENT, ENTITY];
/**
 * What each ASCII character is to the run finder (a table: this loop runs over every character of
 * every file): a base64/base64url character, and which kinds of one.
 */
const B64 = 1;
const UPPER = 2;
const LOWER = 4;
const NOT_HEX = 8;
const URL_SAFE = 16; // - and _
const CLASS = new Uint8Array(65536);
for (const ch of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_-') {
  let k = B64;
  if (/[A-Z]/.test(ch)) k |= UPPER;
  if (/[a-z]/.test(ch)) k |= LOWER;
  if (!/[0-9A-Fa-f]/.test(ch)) k |= NOT_HEX;
  if (ch === '-' || ch === '_') k |= URL_SAFE;
  CLASS[ch.charCodeAt(0)] = k;
}
/** Characters whose base64 value is below 32: the first of each 4-character group of base64 of ASCII text. */
const ASCII_LEAD = new Uint8Array(128);
for (const ch of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef') ASCII_LEAD[ch.charCodeAt(0)] = 1;

/** Unpadded runs this long are candidates; padded ones from PADDED_MIN. */
const RUN_MIN = 20;
const PADDED_MIN = 8;

/** The `kinds` bits of text[start, end). */
function kindsOf(text: string, start: number, end: number): number {
  let k = 0;
  for (let i = start; i < end; i++) k |= CLASS[text.charCodeAt(i)]!;
  return k;
}

/**
 * Runs (maximal stretches) of base64 characters long enough to decode (RUN_MIN), or short ones with
 * padding (base64 of a short password: "changeme" is Y2hhbmdlbWU=), in order. `end` includes up to
 * two `=` of padding. A plain loop: linear, and no regex engine stack to overflow on a
 * multi-megabyte line.
 *
 * This runs over every file, so it reads as few characters as it can: a run of RUN_MIN or more holds
 * every RUN_MIN-th position, so only those are probed (most code is short words, and a probe that
 * lands between words skips RUN_MIN characters); shorter padded runs are found from their `=`.
 */
export function base64Runs(text: string, each: (start: number, end: number, padded: boolean) => void): void {
  const n = text.length;
  const padEnd = (i: number) => {
    let end = i;
    while (end < n && end - i < 2 && text.charCodeAt(end) === 61) end++;
    return end;
  };
  // Short padded runs: [start, end) pairs, in order.
  const padded: number[] = [];
  for (let q = text.indexOf('='); q !== -1; q = text.indexOf('=', q + 1)) {
    let s = q;
    while (s > 0 && q - s <= RUN_MIN && CLASS[text.charCodeAt(s - 1)] !== 0) s--;
    const len = q - s;
    if (len >= PADDED_MIN && len < RUN_MIN) padded.push(s, padEnd(q));
  }
  let p = 0; // next padded run to report
  const flushBefore = (limit: number) => {
    for (; p < padded.length && padded[p]! < limit; p += 2) each(padded[p]!, padded[p + 1]!, true);
  };
  // Invariant: no run of RUN_MIN or more starts before i that was not reported.
  let i = 0;
  while (i + RUN_MIN <= n) {
    const probe = i + RUN_MIN - 1;
    if (CLASS[text.charCodeAt(probe)] === 0) {
      i = probe + 1;
      continue;
    }
    let s = probe;
    while (s > i && CLASS[text.charCodeAt(s - 1)] !== 0) s--;
    let e = probe + 1;
    while (e < n && CLASS[text.charCodeAt(e)] !== 0) e++;
    if (e - s < RUN_MIN) {
      i = e;
      continue;
    }
    const end = padEnd(e);
    flushBefore(s);
    each(s, end, end > e);
    i = end;
  }
  flushBefore(n);
}

/** Cheap look at the first groups: base64 of (mostly ASCII) text has a small value first in each group. */
function looksLikeBase64OfText(text: string, start: number, end: number): boolean {
  let misses = 0;
  for (let g = 0; g < 12 && g * 4 < end - start; g++) {
    const c = text.charCodeAt(start + g * 4);
    if (!(c < 128 && ASCII_LEAD[c])) misses++;
  }
  return misses <= 2;
}

/** Hex of ASCII text: every byte's first digit is 2 to 7 (checked on the first bytes). */
function looksLikeHexOfText(text: string, start: number, end: number): boolean {
  for (let i = start; i < end && i < start + 64; i += 2) {
    const c = text.charCodeAt(i);
    if (c < 50 || c > 55) return false;
  }
  return true;
}

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

/**
 * The first match of the sticky regex `at` at or after `from`, tried only where its leading character
 * `lead` is (what a global exec from `from` returns), or null.
 */
export function findAt(text: string, at: RegExp, lead: string, from: number): RegExpExecArray | null {
  for (let q = text.indexOf(lead, from); q !== -1; q = text.indexOf(lead, q + 1)) {
    at.lastIndex = q;
    const m = at.exec(text);
    if (m) return m;
  }
  return null;
}

/** Runs around each match of `at` (sticky, opening with `lead`), merged; `ok` says which characters belong to a run. */
function runsAround(text: string, { at, lead }: EncodedStart, kind: Encoding, ok: (i: number) => boolean, max: number, out: Candidate[]): void {
  let from = 0; // the next match starts after the previous run (which ends at or after its match)
  for (let m = findAt(text, at, lead, 0); m; m = findAt(text, at, lead, from)) {
    const [s, e] = grow(text, m.index, m.index + m[0].length, ok, max);
    out.push({ start: s, end: e, kind });
    from = e;
  }
}

/**
 * Where one string literal ends and another begins: joined by `+` (most languages), `.` or `..` (PHP,
 * Perl, Lua; spaced on both sides or neither), or by nothing across a line break (C, Python in
 * parentheses), with the operator at the end of a line or the start of the next. Prose does not
 * join this way (`'x' 'y'`, "`a`. `b`" are not joins).
 */
const JOIN = /["'`](?:[ \t]*\+[ \t]*(?:\r?\n[ \t]*)?|[ \t]*\r?\n[ \t]*(?:(?:\+|\.\.?)[ \t]*)?|[ \t]+\.\.?[ \t]+|\.\.?)[rRbBuUf]?["'`]/g;
const JOIN_AT = new RegExp(JOIN.source.slice('["\'`]'.length), 'y');
/** Characters of a token: a split token is a run of these across a join. */
const TOKEN_CHAR = /[A-Za-z0-9_\-+/=.~]/;
/** A run of token characters across a join at least this long makes joined literals a candidate. */
const SPLIT_TOKEN_MIN = 16;

/** A piece of a split token is short: literals are looked for this far (a minified line can be megabytes long). */
const MAX_PIECE = 512;

/** The literal quoted by `q` that ends at `close` (its closing quote): its opening quote's index, or -1. */
function literalStart(text: string, close: number, q: number): number {
  for (let i = close - 1; i >= 0 && close - i <= MAX_PIECE; i--) {
    const c = text.charCodeAt(i);
    if (c === 10) return -1;
    if (c === q && text.charCodeAt(i - 1) !== 92) return i;
  }
  return -1;
}

/** The closing quote of the literal whose opening quote is at `open`, on the same line, or -1. */
function literalEnd(text: string, open: number): number {
  const q = text.charCodeAt(open);
  for (let i = open + 1; i < text.length && i - open <= MAX_PIECE; i++) {
    const c = text.charCodeAt(i);
    if (c === 92) i++;
    else if (c === q) return i;
    else if (c === 10) return -1;
  }
  return -1;
}

/**
 * Literals joined by nothing but a line break (`("ab"\n "cd")`): only when the first one opens its
 * line's code (after `(`, `=`, `:` and the like), not when it ends a line of other literals or sits in
 * a comment (`"x", // "Hello"` followed by the next line's `"…"`).
 */
function implicitJoinStart(text: string, start: number): boolean {
  let i = start - 1;
  while (i >= 0 && start - i <= MAX_PIECE && text.charCodeAt(i) !== 10) i--;
  const before = text.slice(i + 1, start);
  return !/["'`#]|\/\/|\/\*|^\s*\*|--/.test(before);
}

/**
 * Chains of joined string literals that hold a run of token characters across a join (a split
 * token); decoded to one literal in the first one's quotes, so `token = "…" + "…"` still reads as an
 * assignment. A template literal piece with `${` ends the chain (its value is not known).
 */
function concatRuns(text: string, max: number, out: Candidate[]): void {
  JOIN.lastIndex = 0;
  for (let m = JOIN.exec(text); m; m = JOIN.exec(text)) {
    const close = m.index;
    if (templateJoinRefused(text, close, m[0])) continue;
    const start = literalStart(text, close, text.charCodeAt(close));
    if (start === -1 || (!/[+.]/.test(m[0]) && !implicitJoinStart(text, start))) continue;
    const parts = [text.slice(start + 1, close)];
    let end = close + 1;
    let open = m.index + m[0].length - 1;
    for (;;) {
      const e = literalEnd(text, open);
      if (e === -1 || e - start > max) break;
      const part = text.slice(open + 1, e);
      if (text[open] === '`' && part.includes('${')) break;
      parts.push(part);
      end = e + 1;
      JOIN_AT.lastIndex = end;
      const next = JOIN_AT.exec(text);
      if (!next || templateJoinRefused(text, end - 1, next[0])) break;
      open = end + next[0].length - 1;
    }
    JOIN.lastIndex = Math.max(end, close + 1);
    if (parts.length < 2 || parts[0]!.includes('${') || !splitsToken(parts)) continue;
    const q = text[start]!;
    out.push({ start, end, kind: 'concat', decoded: q + parts.join('') + q });
  }
}

/**
 * A template literal is joined only by `+` (backticks in prose and Markdown are not code): whether the join
 * `join` after the closing quote at `close` is refused for that.
 */
function templateJoinRefused(text: string, close: number, join: string): boolean {
  return (text.charCodeAt(close) === 96 || join.endsWith('`')) && !join.includes('+');
}

/**
 * Lists joined with no separator: `["ghp_ab", "cd…"].join("")` (JS) and `"".join(["ab", "cd…"])` (Python, a
 * list or a tuple), their items string literals or names bound to one (`[p1, p2].join("")`); or a name bound to
 * such a list, joined elsewhere (`const P = ["ab", "cd"]; … P.join("")`, `"".join(P)`). Any other item refuses
 * the list; the call's separator must be empty (a list of words joined by a space or a comma is not a token).
 */
function listJoinRuns(text: string, max: number, names: NameLookup, out: Candidate[]): void {
  for (let at = text.indexOf('join(', 0); at !== -1; at = text.indexOf('join(', at + 5)) {
    if (text.charCodeAt(at - 1) !== 46) continue; // `.join(`
    // JS: `[ … ].join('')`, `Array.of( … ).join('')`, `P.join('')`
    const sep = /^join\(\s*(["'`])\1\s*\)/.exec(text.slice(at, at + 16));
    if (sep) {
      let close = at - 2;
      while (close >= 0 && isSpace(text.charCodeAt(close))) close--;
      const list = text[close] === ']' || text[close] === ')' ? listBackward(text, close, max, names) : boundList(text, close, max, names);
      if (list) pushJoined(list.parts, list.start, at + sep[0].length, list.quote, out);
      continue;
    }
    // Python: `"".join([ … ])`, `"".join(( … ))`, `"".join(P)`
    const q = text[at - 2];
    if ((q !== '"' && q !== "'") || text[at - 3] !== q || text[at - 4] === q) continue;
    let open = at + 5;
    while (open < text.length && isSpace(text.charCodeAt(open))) open++;
    if (text[open] === '[' || text[open] === '(') {
      const list = itemsForward(text, open, text[open] === '[' ? ']' : ')', max, names);
      const e = list ? skipSpace(text, list.end) : -1;
      if (list && text[e] === ')') pushJoined(list.parts, at - 3, e + 1, list.quote, out);
      continue;
    }
    IDENT_AT.lastIndex = open;
    const id = IDENT_AT.exec(text);
    const e = id ? skipSpace(text, open + id[0].length) : -1;
    if (!id || text[e] !== ')') continue;
    const list = boundList(text, open + id[0].length - 1, max, names);
    if (list) pushJoined(list.parts, at - 3, e + 1, list.quote, out);
  }
}

const skipSpace = (text: string, i: number) => {
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i;
};

/**
 * The list a name ending at `last` is bound to, once, in the text (`const P = ["ab", cd]`, `P = ("ab", "cd")`):
 * its items as `itemsForward` reads them; null if the name is bound to anything else, or more than once, in the
 * 16 KB before.
 */
const LIST_BINDING_WINDOW = 16 * 1024;
function boundList(text: string, last: number, max: number, names: NameLookup): { parts: string[]; start: number; quote: string } | null {
  const s = nameStart(text, last);
  if (s === -1) return null;
  const name = text.slice(s, last + 1);
  // looked for in the lines before the use only (a 9 MB bundle joins many arrays)
  const from = Math.max(0, s - LIST_BINDING_WINDOW);
  const bind = new RegExp(`(?<![\\w$.])${escapeRe(name)}[ \\t]*(?::[^=\\n]{1,40})?=[ \\t]*([[(])`, 'g');
  const window = text.slice(from, s);
  const first = bind.exec(window);
  if (!first || bind.exec(window)) return null;
  const open = from + first.index + first[0].length - 1;
  const list = itemsForward(text, open, text[open] === '[' ? ']' : ')', max, names);
  return list && { parts: list.parts, start: s, quote: list.quote };
}

/** The split token in `parts`, if any, as one candidate decoded to one literal in `quote`. */
function pushJoined(parts: string[], start: number, end: number, quote: string, out: Candidate[]): void {
  if (parts.length >= 2 && !parts.some((p) => p.includes('${')) && splitsToken(parts)) out.push({ start, end, kind: 'concat', decoded: quote + parts.join('') + quote });
}

/** Whether the character at `i` separates list items (a comma or white space). */
const isListGap = (text: string, i: number) => text.charCodeAt(i) === 44 || isSpace(text.charCodeAt(i));

/**
 * The items of the list closed by `]` (or the `Array.of(` call closed by `)`) at `close`, read backwards to its
 * opening: string literals as written, names bound to a literal as their value; null if it holds anything else.
 */
function listBackward(text: string, close: number, max: number, names: NameLookup): { parts: string[]; start: number; quote: string } | null {
  const parts: string[] = [];
  const opener = text[close] === ']' ? '[' : '(';
  let i = close - 1;
  for (;;) {
    while (i >= 0 && close - i <= max && isListGap(text, i)) i--;
    if (i < 0 || close - i > max) return null;
    if (text[i] === opener) {
      if (opener === '(' && text.slice(i - 8, i) !== 'Array.of') return null;
      return parts.length ? { parts: parts.reverse(), start: opener === '(' ? i - 8 : i, quote: quoteOf(text[i + 1 + leadingGap(text, i + 1)]!) } : null;
    }
    const c = text.charCodeAt(i);
    if (isQuote(c)) {
      const s = literalStart(text, i, c);
      if (s === -1) return null;
      parts.push(text.slice(s + 1, i));
      i = s - 1;
      continue;
    }
    const named = nameBefore(text, i, names);
    if (!named) return null;
    parts.push(named.text);
    i = named.start - 1;
  }
}

/**
 * The items of the list opened at `open`, read forwards to `closer` (string literals as written, names bound to a
 * literal as their value) and the index after `closer`; null if it holds anything else.
 */
function itemsForward(text: string, open: number, closer: string, max: number, names: NameLookup): { parts: string[]; end: number; quote: string } | null {
  const parts: string[] = [];
  let i = open + 1;
  let quote = '"';
  for (;;) {
    while (i < text.length && i - open <= max && isListGap(text, i)) i++;
    if (i >= text.length || i - open > max) return null;
    if (text[i] === closer) return parts.length ? { parts, end: i + 1, quote } : null;
    if (isQuote(text.charCodeAt(i))) {
      const e = literalEnd(text, i);
      if (e === -1) return null;
      if (!parts.length) quote = quoteOf(text[i]!);
      parts.push(text.slice(i + 1, e));
      i = e + 1;
      continue;
    }
    const named = nameAt(text, i, names);
    if (!named) return null;
    parts.push(named.text);
    i = named.end;
  }
}

const leadingGap = (text: string, from: number) => {
  let n = 0;
  while (isListGap(text, from + n)) n++;
  return n;
};
/** The quote a joined list decodes into: its first item's, or double quotes (a template literal's or a name's pieces are one plain literal). */
const quoteOf = (c: string) => (c === "'" ? c : '"');

/**
 * Characters written as their codes: a bracketed or parenthesised list of 16 or more integer literals
 * (decimal, hex, octal, binary, with `_` separators; comments between them), every one a printable ASCII
 * code. Whatever turns them into text (`String.fromCharCode` in any of its call forms, `Reflect.apply`,
 * `chr`, `bytes`, `Buffer.from`, `TextDecoder`…) may be in another statement or another file
 * (`const K = [103, …]` written alone, converted elsewhere), so the list is decoded where it is written, to
 * one double-quoted literal. What a program does to the codes first (arithmetic, XOR) is not undone.
 */
const CODE = String.raw`(?:0[xX][0-9A-Fa-f](?:_?[0-9A-Fa-f]){0,5}|0[oO][0-7](?:_?[0-7]){0,7}|0[bB][01](?:_?[01]){0,15}|\d(?:_?\d){0,4})`;
// Between codes: white space and comments (JS block and line comments, Python's #).
const GAP = String.raw`(?:\s|/\*(?:[^*]|\*(?!/)){0,80}\*/|//[^\n]{0,160}\n|#[^\n]{0,160}\n)*`;
const CODE_LIST = new RegExp(
  String.raw`[[(](?:\s*(?:null|undefined|this|String|window|globalThis)\s*,)?((?:${GAP}${CODE}${GAP},){15,}${GAP}${CODE}${GAP}(?:,${GAP})?)[\])]`,
  'g',
);
const COMMENT = /\/\*(?:[^*]|\*(?!\/))*\*\/|\/\/[^\n]*\n|#[^\n]*\n/g;

/** The codes of a list as written (comments and `_` dropped); a legacy octal `0147` is octal, as sloppy JS reads it. */
function codesOf(list: string): number[] {
  return list
    .replace(COMMENT, ' ')
    .split(',')
    .map((c) => c.trim().replaceAll('_', ''))
    .filter((c) => c !== '')
    .map((c) => (/^0[0-7]+$/.test(c) ? parseInt(c, 8) : Number(c)));
}

const printable = (codes: number[]) => codes.length > 0 && codes.every((c) => c >= 0x20 && c < 0x7f);

function charCodeRuns(text: string, max: number, out: Candidate[]): void {
  CODE_LIST.lastIndex = 0;
  for (let m = CODE_LIST.exec(text); m; m = CODE_LIST.exec(text)) { // mso:allow every repeat of CODE_LIST ends with a comma nothing else in it matches
    if (m[0].length > max) continue;
    const codes = codesOf(m[1]!);
    if (!printable(codes)) continue; // printable ASCII: what a token is made of
    out.push({ start: m.index, end: m.index + m[0].length, kind: 'concat', decoded: `"${String.fromCharCode(...codes)}"` });
  }
}

/**
 * A token built from short pieces: calls that make text from codes (`String.fromCharCode(103, 104)`,
 * `String.fromCodePoint(…)`, Python's `chr(103)`), however few codes each holds, joined by `+` or listed
 * with commas (what `"".join([...])` joins), with string literals among them. The whole run is decoded to one
 * literal; a run with no call in it is the literal joiner's (concatRuns).
 */
const CODE_CALL = new RegExp(String.raw`\b(?:fromCharCode|fromCodePoint|chr)\s*\(((?:${GAP}${CODE}${GAP},)*${GAP}${CODE}${GAP})\)`, 'y');
const CODE_CALL_AT = /\b(?:fromCharCode|fromCodePoint|chr)\s*\(/g;
const PIECE_JOIN = /\s*[+,]\s*/y;
const JOINED_BEFORE = /\s*[+,]\s*$/;

/** A plain literal (no escape, no `${}`) opening at `i`: its end and its text, or null. */
function plainLiteralAt(text: string, i: number): { end: number; text: string } | null {
  if (!isQuote(text.charCodeAt(i))) return null;
  const e = literalEnd(text, i);
  if (e === -1 || e - i > MAX_PIECE) return null;
  const body = text.slice(i + 1, e);
  return body.includes('\\') || body.includes('${') ? null : { end: e + 1, text: body };
}

/** A plain literal joined (by `join`) to what starts at `start`: its opening quote and its text, or null. */
function plainLiteralBefore(text: string, start: number, join: RegExp): { open: number; text: string } | null {
  const j = join.exec(text.slice(Math.max(0, start - 16), start));
  if (!j) return null;
  const close = start - j[0].length - 1;
  if (close < 0 || !isQuote(text.charCodeAt(close))) return null;
  const open = literalStart(text, close, text.charCodeAt(close));
  if (open === -1 || close - open > MAX_PIECE) return null;
  const body = text.slice(open + 1, close);
  return body.includes('\\') || body.includes('${') ? null : { open, text: body };
}

/**
 * Pieces joined (by the sticky `join`) after `end`, each read by `piece`, into `parts`, while the whole run from
 * `start` stays within `max`: the end of the last one.
 */
function joinForward(text: string, start: number, end: number, max: number, join: RegExp, piece: (i: number) => { end: number; text: string } | null, parts: string[]): number {
  for (;;) {
    join.lastIndex = end;
    const j = join.exec(text);
    if (!j) return end;
    const next = piece(end + j[0].length);
    if (!next || next.end - start > max) return end;
    parts.push(next.text);
    end = next.end;
  }
}

/** The end of the piece at `i` and its text (a code call or a short literal), or null. */
function pieceAt(text: string, i: number): { end: number; text: string } | null {
  if (isQuote(text.charCodeAt(i))) return plainLiteralAt(text, i);
  // A receiver before the call (String., the chr of Python has none) is part of the piece.
  let at = i;
  if (text.startsWith('String.', at)) at += 'String.'.length;
  CODE_CALL.lastIndex = at;
  const m = CODE_CALL.exec(text);
  if (!m) return null;
  const codes = codesOf(m[1]!);
  return printable(codes) ? { end: m.index + m[0].length, text: String.fromCharCode(...codes) } : null;
}

function codeCallRuns(text: string, max: number, out: Candidate[]): void {
  CODE_CALL_AT.lastIndex = 0;
  let covered = 0;
  for (let m = CODE_CALL_AT.exec(text); m; m = CODE_CALL_AT.exec(text)) {
    let start = m.index;
    if (start < covered) continue;
    if (text.startsWith('String.', start - 'String.'.length)) start -= 'String.'.length;
    const first = pieceAt(text, start);
    if (!first) continue;
    const parts = [first.text];
    // Literals written before the first call.
    for (let lit = plainLiteralBefore(text, start, JOINED_BEFORE); lit; lit = plainLiteralBefore(text, start, JOINED_BEFORE)) {
      parts.unshift(lit.text);
      start = lit.open;
    }
    const end = joinForward(text, start, first.end, max, PIECE_JOIN, (i) => pieceAt(text, i), parts);
    covered = end;
    CODE_CALL_AT.lastIndex = end;
    const joined = parts.join('');
    if (parts.length < 2 || joined.length < SPLIT_TOKEN_MIN) continue;
    out.push({ start, end, kind: 'concat', decoded: `"${joined}"` });
  }
}

/**
 * A token split over names: `const a = "ghp_Ab12"; const b = "Cd34…"; … a + b`, `` `${a}${b}` ``, Python
 * `f"{a}{b}"`. Names bound once in the text to a short literal of token characters are read back where they are
 * joined with `+` (with literals among them) or side by side in a template; the join is decoded where it is
 * written, when a run of token characters crosses it (as for joined literals).
 */
/** `= "piece"`: found by its `=` (rarer than any identifier start), the name read backwards from there. */
const BIND_VALUE = /=[ \t]*(['"`])([A-Za-z0-9_\-+/=.~]{1,256})\1/g;
const MAX_BINDINGS = 512;
const isIdent = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;

/**
 * What is assigned just before the `=` at `eq`: a name (`name = `, `name: type = `), a property as `.key`
 * (`this.key = `, `self.key = `, `o.key = `), or undefined for `==`, `+=`, `o[k] =`.
 */
function boundName(text: string, eq: number): string | undefined {
  const before = text.charCodeAt(eq - 1);
  if ('=!<>+-*/%&|^?'.includes(text[eq - 1] ?? '') || Number.isNaN(before)) return undefined;
  const word = (end: number): [number, number] => {
    let i = end;
    while (i > 0 && (text.charCodeAt(i - 1) === 32 || text.charCodeAt(i - 1) === 9)) i--;
    const e = i;
    while (i > 0 && isIdent(text.charCodeAt(i - 1))) i--;
    return [i, e];
  };
  let [s, e] = word(eq);
  if (s === e) return undefined;
  // `name: string = "…"` (TypeScript, Python annotations)
  let k = s;
  while (k > 0 && (text.charCodeAt(k - 1) === 32 || text.charCodeAt(k - 1) === 9)) k--;
  if (text[k - 1] === ':') [s, e] = word(k - 1);
  if (s === e || (text.charCodeAt(s) >= 48 && text.charCodeAt(s) <= 57)) return undefined;
  return text[s - 1] === '.' ? '.' + text.slice(s, e) : text.slice(s, e);
}

/** `key: "piece"` in an object or dict literal (`{ key: …`, `, "key": …`): found by its `:`, the key read backwards. */
const KEY_VALUE = /:[ \t]*(['"`])([A-Za-z0-9_\-+/=.~]{1,256})\1/g;

/** The key written just before the `:` at `colon`, as `.key`, if it opens an entry (after `{`, `,` or a line break). */
function boundKey(text: string, colon: number): string | undefined {
  let e = colon;
  while (e > 0 && (text.charCodeAt(e - 1) === 32 || text.charCodeAt(e - 1) === 9)) e--;
  const q = text[e - 1];
  const quoted = q === '"' || q === "'";
  const end = quoted ? e - 1 : e;
  let s = end;
  while (s > 0 && isIdent(text.charCodeAt(s - 1))) s--;
  if (s === end || (text.charCodeAt(s) >= 48 && text.charCodeAt(s) <= 57)) return undefined;
  if (quoted && text[s - 1] !== q) return undefined;
  let b = quoted ? s - 2 : s - 1;
  while (b >= 0 && isSpace(text.charCodeAt(b))) b--;
  const lead = text[b];
  return b < 0 || lead === '{' || lead === ',' || /\n/.test(text.slice(b + 1, quoted ? s - 1 : s)) ? '.' + text.slice(s, end) : undefined;
}

function nameBindings(text: string): Map<string, string> | undefined {
  const seen = new Map<string, string | null>();
  // a name (or key) bound twice is not known to hold either value where it is used
  const bind = (name: string, value: string) => seen.set(name, seen.has(name) && seen.get(name) !== value ? null : value);
  BIND_VALUE.lastIndex = 0;
  for (let m = BIND_VALUE.exec(text); m && seen.size < MAX_BINDINGS; m = BIND_VALUE.exec(text)) {
    const name = boundName(text, m.index);
    if (name) bind(name, m[2]!);
  }
  if (text.includes(':')) {
    KEY_VALUE.lastIndex = 0;
    for (let m = KEY_VALUE.exec(text); m && seen.size < 2 * MAX_BINDINGS; m = KEY_VALUE.exec(text)) {
      const key = boundKey(text, m.index);
      if (key) bind(key, m[2]!);
    }
  }
  const out = new Map<string, string>();
  for (const [k, v] of seen) if (v !== null) out.set(k, v);
  return out.size ? out : undefined;
}

const escapeRe = (s: string) => s.replace(/[$]/g, '\\$');
const PLUS = /\s*\+\s*/y;
const IDENT_AT = /[A-Za-z_$][\w$]*/y;

/** The names bound once to a short literal in a text, read on first need (one pass over the text). */
type NameLookup = () => Map<string, string> | undefined;
function lazyNames(text: string): NameLookup {
  let names: Map<string, string> | undefined | null = null;
  return () => (names === null ? (names = nameBindings(text)) : names);
}

/**
 * The value a reference holds: a bare name bound to a literal, or for `o.key`, `o?.key`, `o["key"]`, the literal
 * bound to `key` as a property or dict entry (or, for class attributes read as `C.key` / `self.key`, as a name).
 */
function valueOf(names: Map<string, string> | undefined, name: string, key: string | undefined): string | undefined {
  if (!names) return undefined;
  return key === undefined ? names.get(name) : names.get('.' + key) ?? names.get(key);
}

/** `.key`, `?.key` or `["key"]` at `j`: the key and the index after it, or null. */
function accessorAt(text: string, j: number): { key: string; end: number } | null {
  let d = j;
  if (text[d] === '?' && text[d + 1] === '.') d++;
  if (text[d] === '.') {
    IDENT_AT.lastIndex = d + 1;
    const id = IDENT_AT.exec(text);
    return id ? { key: id[0], end: d + 1 + id[0].length } : null;
  }
  const q = text[j + 1];
  if (text[j] !== '[' || (q !== '"' && q !== "'")) return null;
  IDENT_AT.lastIndex = j + 2;
  const id = IDENT_AT.exec(text);
  return id && text[j + 2 + id[0].length] === q && text[j + 3 + id[0].length] === ']' ? { key: id[0], end: j + 4 + id[0].length } : null;
}

/** A reference starting at `i` (a name, or a chain of property reads) that holds a bound literal: its end and value, or null. */
function nameAt(text: string, i: number, names: NameLookup, until = Infinity): { end: number; text: string } | null {
  if (i > 0 && (isIdent(text.charCodeAt(i - 1)) || text[i - 1] === '.')) return null;
  IDENT_AT.lastIndex = i;
  const id = IDENT_AT.exec(text);
  if (!id) return null;
  let end = i + id[0].length;
  let key: string | undefined;
  for (let a = end < until ? accessorAt(text, end) : null; a; a = end < until ? accessorAt(text, end) : null) [key, end] = [a.key, a.end];
  // read up to `until` (a receiver: `o.key.concat(…)`), or a whole reference that is not called
  const v = end < until && text.charCodeAt(end) === 40 /* ( */ ? undefined : valueOf(names(), id[0], key);
  return v === undefined ? null : { end, text: v };
}

/** Where the name ending at `last` (its last character) starts, or -1: no name ends there, or it is a property (`o.x`). */
function nameStart(text: string, last: number): number {
  let s = last + 1;
  while (s > 0 && isIdent(text.charCodeAt(s - 1))) s--;
  return s > last || text[s - 1] === '.' ? -1 : s;
}

/** Where the reference (a name or a chain of property reads) ending at `last` starts, or -1. */
function referenceStart(text: string, last: number): number {
  let i = last;
  for (;;) {
    if (text[i] === ']') {
      const q = text.charCodeAt(i - 1);
      if (q !== 34 && q !== 39) return -1;
      const open = literalStart(text, i - 1, q);
      if (open < 1 || text[open - 1] !== '[') return -1;
      i = open - 2;
      continue;
    }
    let s = i + 1;
    while (s > 0 && isIdent(text.charCodeAt(s - 1))) s--;
    if (s > i) return -1;
    if (text[s - 1] !== '.') return s;
    i = text[s - 2] === '?' ? s - 3 : s - 2;
  }
}

/** A reference ending at `last` (its last character) that holds a bound literal: its start and value, or null. */
function nameBefore(text: string, last: number, names: NameLookup): { start: number; text: string } | null {
  const s = referenceStart(text, last);
  if (s === -1) return null;
  const ref = nameAt(text, s, names, last + 1);
  return ref && ref.end === last + 1 ? { start: s, text: ref.text } : null;
}

/** A literal or a bound name starting at `i`: its end and text, or null. */
const operandAt = (text: string, i: number, names: NameLookup) => (isQuote(text.charCodeAt(i)) ? plainLiteralAt(text, i) : nameAt(text, i, names));

function nameJoinRuns(text: string, max: number, names: NameLookup, out: Candidate[]): void {
  if (!names()) return;
  const emit = (parts: string[], start: number, end: number) => {
    if (parts.length > 1 && splitsToken(parts)) out.push({ start, end, kind: 'concat', decoded: `"${parts.join('')}"` });
  };
  // Found from their operators (a search for every bound name and key cost ~3x this on a 9 MB bundle).
  // `${a}${cfg.b}` in a template, `{a}{b}` in an f-string: the whole literal, if all of it is known
  let covered = 0;
  for (let b = text.indexOf('{', 0); b !== -1; b = text.indexOf('{', b + 1)) {
    if (b < covered) continue;
    const ref = nameAt(text, b + 1, names);
    if (!ref || text[ref.end] !== '}') continue;
    const t = templateAround(text, text[b - 1] === '$' ? b - 1 : b, names, max);
    if (!t) continue;
    covered = t.end;
    emit(t.parts, t.start, t.end);
  }
  // a + cfg.b + "c": at a `+` with a bound reference on either side, the whole run of operands
  covered = 0;
  for (let p = text.indexOf('+', 0); p !== -1; p = text.indexOf('+', p + 1)) {
    if (p < covered || text[p + 1] === '+' || text[p + 1] === '=' || text[p - 1] === '+') continue;
    let k = p - 1;
    while (k >= 0 && isSpace(text.charCodeAt(k))) k--;
    const left = operandBefore(text, k, names);
    if (!left) continue;
    let r = p + 1;
    while (r < text.length && isSpace(text.charCodeAt(r))) r++;
    if (!left.named && (isQuote(text.charCodeAt(r)) || !nameAt(text, r, names))) continue; // literals alone: concatRuns
    const parts = [left.text];
    let start = left.start;
    for (;;) {
      let j = start - 1;
      while (j >= 0 && isSpace(text.charCodeAt(j))) j--;
      if (text[j] !== '+' || text[j - 1] === '+') break;
      j--;
      while (j >= 0 && isSpace(text.charCodeAt(j))) j--;
      const before = operandBefore(text, j, names);
      if (!before || k - before.start > max) break;
      parts.unshift(before.text);
      start = before.start;
    }
    const end = joinForward(text, start, k + 1, max, PLUS, (i) => operandAt(text, i, names), parts);
    covered = end;
    emit(parts, start, end);
  }
}

/** The operand ending at `last`: a plain string literal, or a reference holding a bound literal (`named`). */
function operandBefore(text: string, last: number, names: NameLookup): { start: number; text: string; named: boolean } | null {
  const q = text.charCodeAt(last);
  if (isQuote(q)) {
    const open = literalStart(text, last, q);
    if (open === -1 || last - open > MAX_PIECE) return null;
    const body = text.slice(open + 1, last);
    return body.includes('\\') || body.includes('${') ? null : { start: open, text: body, named: false };
  }
  const ref = nameBefore(text, last, names);
  return ref && { ...ref, named: true };
}

/**
 * `a.concat(b, "c")`, `"".concat(a, b)`, chained `.concat(…)` calls: the receiver and the arguments, literals or
 * names bound to one, joined.
 */
function concatCallRuns(text: string, max: number, names: NameLookup, out: Candidate[]): void {
  for (let at = text.indexOf('.concat(', 0); at !== -1; at = text.indexOf('.concat(', at + 8)) {
    let k = at - 1;
    while (k >= 0 && isSpace(text.charCodeAt(k))) k--;
    let start: number;
    const parts: string[] = [];
    if (isQuote(text.charCodeAt(k))) {
      start = literalStart(text, k, text.charCodeAt(k));
      if (start === -1) continue;
      parts.push(text.slice(start + 1, k));
    } else {
      const named = nameBefore(text, k, names);
      if (!named) continue;
      start = named.start;
      parts.push(named.text);
    }
    let end = -1;
    for (let open = at + 7; ; ) {
      const args = itemsForward(text, open, ')', max - (open - start), names);
      if (!args) break;
      parts.push(...args.parts);
      end = args.end;
      if (!text.startsWith('.concat(', end)) break;
      open = end + 7;
    }
    if (end !== -1) pushJoined(parts.filter((p) => p !== ''), start, end, '"', out);
  }
}

/**
 * Python formatting that only places its arguments: `"{}{}".format(a, b)`, `"{0}{1}".format(…)`,
 * `"%s%s" % (a, b)`, with literals or bound names as arguments; decoded to the formatted literal.
 */
function formatRuns(text: string, max: number, names: NameLookup, out: Candidate[]): void {
  const fill = (fmt: string, slot: RegExp, args: string[]): string[] | null => {
    const parts: string[] = [];
    let next = 0;
    let last = 0;
    for (const m of fmt.matchAll(slot)) {
      const k = m[1] ? Number(m[1]) : next++;
      if (k >= args.length) return null;
      if (m.index! > last) parts.push(fmt.slice(last, m.index));
      parts.push(args[k]!);
      last = m.index! + m[0].length;
    }
    if (last < fmt.length) parts.push(fmt.slice(last));
    return parts.length > 1 ? parts : null;
  };
  const at = (close: number, open: number, slot: RegExp, refuse: RegExp) => {
    const start = literalStart(text, close, text.charCodeAt(close));
    if (start === -1) return;
    const fmt = text.slice(start + 1, close);
    const args = itemsForward(text, open, ')', max, names);
    if (!args || refuse.test(fmt.replace(slot, ''))) return;
    const parts = fill(fmt, slot, args.parts);
    if (parts) pushJoined(parts, start, args.end, '"', out);
  };
  for (let i = text.indexOf('.format(', 0); i !== -1; i = text.indexOf('.format(', i + 8)) {
    if (isQuote(text.charCodeAt(i - 1))) at(i - 1, i + 7, /\{(\d*)\}/g, /[{}\\]/);
  }
  // `"…" % (`: found by its `%`, the literal's closing quote read backwards from there
  for (let i = text.indexOf('%', 0); i !== -1; i = text.indexOf('%', i + 1)) {
    let open = i + 1;
    while (text.charCodeAt(open) === 32 || text.charCodeAt(open) === 9) open++;
    if (text[open] !== '(') continue;
    let close = i - 1;
    while (text.charCodeAt(close) === 32 || text.charCodeAt(close) === 9) close--;
    const q = text.charCodeAt(close);
    if (q === 34 || q === 39) at(close, open, /%s()/g, /[%\\]/);
  }
}

/**
 * A name bound to a literal and grown in place: `let t = "ghp_Ab"; t += "Cd…"; t += p3`. Each `+=` is decoded to
 * what the name holds after it, where it is written.
 */
function augmentedRuns(text: string, max: number, names: NameLookup, out: Candidate[]): void {
  const bound = names();
  if (!bound) return;
  const grown = new Map<string, string>();
  // found by `+=` (rarer than any identifier start), the name read backwards from there
  for (let at = text.indexOf('+=', 0); at !== -1; at = text.indexOf('+=', at + 2)) {
    let last = at - 1;
    while (last >= 0 && (text.charCodeAt(last) === 32 || text.charCodeAt(last) === 9)) last--;
    const s = nameStart(text, last);
    if (s === -1) continue;
    const name = text.slice(s, last + 1);
    const before = grown.get(name) ?? bound.get(name);
    if (before === undefined) continue;
    let i = at + 2;
    while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
    const piece = operandAt(text, i, names);
    if (!piece || before.length + piece.text.length > max) continue;
    grown.set(name, before + piece.text);
    if (splitsToken([before, piece.text])) out.push({ start: s, end: piece.end, kind: 'concat', decoded: `"${before}${piece.text}"` });
  }
}

/** The template or f-string literal around the substitution opening at `sub`, if it is only text and known names. */
function templateAround(text: string, sub: number, names: NameLookup, max: number): { start: number; end: number; parts: string[] } | null {
  let open = -1;
  for (let i = sub - 1; i >= 0 && sub - i <= MAX_PIECE; i--) {
    const c = text.charCodeAt(i);
    if (c === 10) return null;
    if (c === 96 || ((c === 34 || c === 39) && /[fF]/.test(text[i - 1] ?? ''))) {
      open = i;
      break;
    }
  }
  if (open === -1) return null;
  const q = text[open]!;
  const close = text.indexOf(q, sub);
  if (close === -1 || close - open > max || text.slice(open, close).includes('\n')) return null;
  const parts: string[] = [];
  const body = text.slice(open + 1, close);
  const lead = q === '`' ? '${' : '{';
  let lit = '';
  for (let i = 0; i < body.length; ) {
    // a substitution holding only a reference to a bound literal (`${a}`, `${cfg.key}`, `{cfg['key']}`)
    const ref = body.startsWith(lead, i) ? nameAt(body, i + lead.length, names) : null;
    if (body.startsWith(lead, i) && !(ref && body[ref.end] === '}')) return null;
    if (ref) {
      if (lit) parts.push(lit);
      lit = '';
      parts.push(ref.text);
      i = ref.end + 1;
    } else {
      if (body[i] === '\\' || (q === '`' && body.startsWith('${', i)) || (q !== '`' && body[i] === '{')) return null;
      lit += body[i];
      i++;
    }
  }
  if (lit) parts.push(lit);
  return { start: open - (q === '`' ? 0 : 1), end: close + 1, parts };
}

/**
 * A token written backwards and turned round where it is used: JS `"…".split("").reverse().join("")`,
 * `[..."…"].reverse().join("")`, `Array.from("…").reverse().join("")`, Python `"…"[::-1]` and
 * `"".join(reversed("…"))`. Decoded to the literal read forwards.
 */
const REVERSED = [
  /(['"`])([^'"`\\\n]{16,512})\1\s*\.split\(\s*(['"`])\3\s*\)\s*\.reverse\(\)\s*\.join\(\s*(['"`])\4\s*\)/g,
  /(?:\[\s*\.\.\.\s*|Array\.from\(\s*)(['"`])([^'"`\\\n]{16,512})\1\s*[\])]\s*\.reverse\(\)\s*\.join\(\s*(['"`])\3\s*\)/g,
  /[bBrRuU]?(['"])([^'"\\\n]{16,512})\1\s*\[\s*:\s*:\s*-\s*1\s*\]/g,
  /(['"])\1\s*\.join\(\s*reversed\(\s*(['"])([^'"\\\n]{16,512})\2\s*\)\s*\)/g,
];

function reversedRuns(text: string, max: number, out: Candidate[]): void {
  for (const [k, re] of REVERSED.entries()) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m[0].length > max) continue;
      const body = k === 3 ? m[3]! : m[2]!;
      out.push({ start: m.index, end: m.index + m[0].length, kind: 'concat', decoded: `"${[...body].reverse().join('')}"` });
    }
  }
}

/**
 * ROT13 on a line that says so: Python `codecs.decode("…", "rot13")` / `"rot_13"`, a shell `tr 'A-Za-z'
 * 'N-ZA-Mn-za-m'`. Each run of 16+ letters, digits, `_` and `-` on such a line is read rotated as well.
 */
const ROT13_MARK = /rot_?13|N-ZA-Mn-za-m|n-za-mN-ZA-M/i;
const ROT13_RUN = /[A-Za-z0-9_-]{16,}/g;
const rot13 = (x: string) => x.replace(/[A-Za-z]/g, (c) => String.fromCharCode(((c.charCodeAt(0) & 31) + 12) % 26 + (c <= 'Z' ? 65 : 97)));

function rot13Runs(text: string, max: number, out: Candidate[]): void {
  let lineStart = 0;
  while (lineStart < text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd);
    if (ROT13_MARK.test(line)) {
      ROT13_RUN.lastIndex = 0;
      for (let m = ROT13_RUN.exec(line); m; m = ROT13_RUN.exec(line)) {
        if (m[0].length > max || ROT13_MARK.test(m[0])) continue;
        out.push({ start: lineStart + m.index, end: lineStart + m.index + m[0].length, kind: 'concat', decoded: rot13(m[0]) });
      }
    }
    lineStart = lineEnd + 1;
  }
}

/** Whether a run of SPLIT_TOKEN_MIN token characters crosses a join of `parts`. */
function splitsToken(parts: string[]): boolean {
  let run = 0; // token characters before the current join
  for (const [k, part] of parts.entries()) {
    let lead = 0;
    while (lead < part.length && TOKEN_CHAR.test(part[lead]!)) lead++;
    if (k > 0 && run > 0 && lead > 0 && run + lead >= SPLIT_TOKEN_MIN) return true;
    if (k > 0 && run > 0 && lead === part.length) {
      run += lead;
      continue;
    }
    let tail = 0;
    while (tail < part.length && TOKEN_CHAR.test(part[part.length - 1 - tail]!)) tail++;
    run = tail;
  }
  return false;
}

function findCandidates(text: string, max: number): Candidate[] {
  const out: Candidate[] = [];
  // A string's content: up to whitespace or a quote that is not escaped.
  const inString = (i: number) => {
    const c = text.charCodeAt(i);
    if (isSpace(c)) return false;
    return !isQuote(c) || text.charCodeAt(i - 1) === 92;
  };
  if (text.includes('\\')) runsAround(text, ESCAPE, 'escape', inString, max, out);
  if (text.includes('%')) runsAround(text, PERCENT, 'percent', (i) => URL_CHARS.test(text[i]!), max, out);
  if (text.includes('&')) {
    runsAround(text, ENTITY, 'html', (i) => {
      const c = text.charCodeAt(i);
      return !isSpace(c) && c !== 60 && c !== 62 && !isQuote(c);
    }, max, out);
  }
  if (text.length > 1) concatRuns(text, max, out);
  const names = lazyNames(text);
  if (text.includes('join(')) listJoinRuns(text, max, names, out);
  if (text.length > 40) charCodeRuns(text, max, out);
  if (text.includes('fromC') || text.includes('chr(')) codeCallRuns(text, max, out);
  if (text.includes('+') || text.includes('{')) nameJoinRuns(text, max, names, out);
  if (text.includes('+=')) augmentedRuns(text, max, names, out);
  if (text.includes('.concat(')) concatCallRuns(text, max, names, out);
  if (text.includes('.format(') || text.includes('%')) formatRuns(text, max, names, out);
  if (text.includes('reverse') || text.includes('::')) reversedRuns(text, max, out);
  if (ROT13_MARK.test(text)) rot13Runs(text, max, out);
  const run = (start: number, end: number, padded: boolean) => {
    const len = end - start;
    // Neither test below can pass without one of these (cheap: they read a few dozen characters).
    const hexOfText = !padded && len >= 32 && len % 2 === 0 && looksLikeHexOfText(text, start, end);
    if (!hexOfText && !looksLikeBase64OfText(text, start, end)) return;
    const kinds = kindsOf(text, start, end) | (padded ? NOT_HEX : 0); // NOT_HEX clear: all hex digits
    if ((kinds & NOT_HEX) === 0) {
      // hex of text: an even number of digits, at least 32 (a 16-character token)
      if (hexOfText) out.push({ start, end, kind: 'hex' });
      return;
    }
    // Base64 of text mixes cases; lower-case identifiers, words, paths and hex do not.
    // (A run longer than the limit is still a candidate: the caller notes it instead of decoding it.)
    if ((kinds & (UPPER | LOWER)) !== (UPPER | LOWER) || !looksLikeBase64OfText(text, start, end)) return;
    out.push({ start, end, kind: kinds & URL_SAFE ? 'base64url' : 'base64' });
  };
  base64Runs(text, run);
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
  if (!base64MayBeText(body)) return undefined;
  return utf8(Buffer.from(body, url ? 'base64url' : 'base64'));
}

/** Each base64/base64url character's 6-bit value. */
const B64_VALUE = new Uint8Array(128);
'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.split('').forEach((ch, v) => (B64_VALUE[ch.charCodeAt(0)] = v));
B64_VALUE[45] = 62; // -
B64_VALUE[95] = 63; // _

/**
 * False when the bytes `body` decodes to cannot be text that isText accepts: a control byte (in
 * UTF-8 a byte below 0x80 is always that character) or a byte sequence no UTF-8 decoder accepts.
 * Most base64-shaped runs in code are identifiers, whose bytes fail within the first few; the
 * rest are decoded and checked in full as before.
 */
function base64MayBeText(body: string): boolean {
  let need = 0; // continuation bytes the current UTF-8 sequence still needs
  let bytes = 0;
  const byte = (b: number): boolean => {
    bytes++;
    if (need > 0) {
      if (b < 0x80 || b > 0xbf) return false;
      need--;
      return true;
    }
    if (b < 0x80) return b >= 0x20 ? b !== 0x7f : b === 9 || b === 10 || b === 13;
    if (b < 0xc2 || b > 0xf4) return false; // a stray continuation byte, an overlong lead, or past U+10FFFF
    need = b < 0xe0 ? 1 : b < 0xf0 ? 2 : 3;
    return true;
  };
  const n = body.length;
  for (let i = 0; i < n; i += 4) {
    const a = B64_VALUE[body.charCodeAt(i)]!;
    const b = i + 1 < n ? B64_VALUE[body.charCodeAt(i + 1)]! : 0;
    if (!byte((a << 2) | (b >> 4))) return false;
    if (i + 2 >= n) break;
    const c = B64_VALUE[body.charCodeAt(i + 2)]!;
    if (!byte(((b & 15) << 4) | (c >> 2))) return false;
    if (i + 3 >= n) break;
    const d = B64_VALUE[body.charCodeAt(i + 3)]!;
    if (!byte(((c & 3) << 6) | d)) return false;
  }
  return need === 0 && bytes >= 6;
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
  return s.replace(/\\(?:u([0-9A-Fa-f]{4})|u\{([0-9A-Fa-f]{1,6})\}|x([0-9A-Fa-f]{2})|([0-3][0-7]{2})|(.))/g, (m, u4: string, ub: string, x2: string, oct: string, ch: string) => {
    if (u4) return String.fromCharCode(parseInt(u4, 16));
    // `\147\150\160` (C, Python, shell): octal bytes.
    if (oct) return String.fromCharCode(parseInt(oct, 8));
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
    case 'concat':
      return undefined; // decoded by its finder
  }
}

/**
 * The encoded segments of `text` that decode to text, each decoded to the
 * depth limit (`level` is the level of `text` itself: 1 for the original).
 */
export function decodeSegments(text: string, budget: DecodeBudget, level = 1): Segment[] {
  const { limits } = budget;
  if (level > limits.depth) return [];
  const out: Segment[] = [];
  for (const c of findCandidates(text, limits.maxSegmentChars + 1)) {
    const len = c.end - c.start;
    if (len > limits.maxSegmentChars) {
      budget.note(`an encoded segment of ${len} characters is longer than the ${limits.maxSegmentChars}-character limit and was not decoded`);
      continue;
    }
    if (!budget.spend(len)) break;
    const raw = text.slice(c.start, c.end);
    let decoded = c.decoded ?? decodeOne(raw, c.kind);
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

/**
 * Aho–Corasick over the secret rules' keywords: one pass over the text finds
 * every occurrence of every keyword, case-insensitively, overlapping ones
 * included ("_password" also yields "passw" and "pass").
 *
 * Case folding is the one a JavaScript `i` regex (without `u`) uses, so the
 * keywords found are exactly those the old keyword alternation found: a
 * character folds to its upper case when that is one character, and a
 * non-ASCII character never folds onto an ASCII one.
 *
 * The automaton is built on first need only: a hook scans one payload or one
 * edited file, and building the tables (thousands of states for the code
 * scanners' gate) would cost more than the scan. Until a text is long, or the
 * texts seen add up, the hits come from one `indexOf` pass per keyword over the
 * folded text, sorted as the automaton reports them (test/secrets/keyword-matcher.test.ts
 * checks both give the same hits). For the built-in keyword lists the build computes the automata
 * ahead (automaton-file.ts): a text long enough for indexOf to cost more than reading them (a
 * hook's edited file) loads those instead of building.
 */
import { builtinAutomaton } from './automaton-file.js';

/** Keyword occurrences, in order of where they end: hit i is keyword `keywords[i]` at offset `starts[i]`. */
export interface KeywordHits {
  starts: Int32Array;
  keywords: Int32Array;
  count: number;
}

/** A code unit's fold (exported for the test that checks foldTable against it). */
export function fold(code: number): number {
  if (code < 128) return code >= 97 && code <= 122 ? code - 32 : code;
  const up = String.fromCharCode(code).toUpperCase();
  if (up.length !== 1) return code;
  const u = up.charCodeAt(0);
  return u < 128 ? code : u;
}

let wideFold: Uint16Array | undefined;

/**
 * fold() of every UTF-16 code unit. Upper-casing blocks of 256 code units in one call is what
 * fold() does unit by unit when the block keeps its length (no unit expands, as ß does to SS);
 * other blocks go unit by unit. Surrogates stay themselves: a block holds only high or only low
 * ones, so no pair forms. (The test compares the table with fold() for every unit.)
 */
export function foldTable(): Uint16Array {
  if (wideFold) return wideFold;
  const table = new Uint16Array(65536);
  const units = new Array<number>(256);
  for (let base = 0; base < 65536; base += 256) {
    for (let i = 0; i < 256; i++) units[i] = base + i;
    const up = base >= 0xd800 && base < 0xe000 ? undefined : String.fromCharCode(...units).toUpperCase();
    for (let i = 0, c = base; i < 256; i++, c++) {
      if (c < 128) table[c] = fold(c);
      else if (up === undefined) table[c] = c;
      else if (up.length !== 256) table[c] = fold(c);
      else {
        const u = up.charCodeAt(i);
        table[c] = u < 128 ? c : u;
      }
    }
  }
  return (wideFold = table);
}

const ASCII_ONLY = /^[\x00-\x7f]*$/;

/** The text with every code unit folded (same length: fold maps one unit to one). */
export function foldText(text: string): string {
  // ASCII: toUpperCase changes a-z only, as fold does.
  if (ASCII_ONLY.test(text)) return text.toUpperCase();
  return text.replace(/[a-z]+|[^\x00-\x7f]+/g, (run) => {
    if (run.charCodeAt(0) < 128) return run.toUpperCase();
    const codes = new Array<number>(run.length);
    for (let i = 0; i < run.length; i++) codes[i] = fold(run.charCodeAt(i));
    let out = '';
    for (let i = 0; i < codes.length; i += 4096) out += String.fromCharCode(...codes.slice(i, i + 4096));
    return out;
  });
}

/**
 * indexOf work (distinct keywords × characters) a matcher spends before it builds its automaton.
 * indexOf costs ~0.6 ns per keyword and character here; building the automaton of the code
 * scanners' gate (~700 words, ~3,500 states) ~7–20 ms in a fresh process (its code is not yet
 * compiled), so: a hook's one file of up to ~20 KB, or the first ~100 KB of a bulk scan, by
 * indexOf; anything more pays for the automaton once (docs/benchmarks.md "Start-up"), or reads
 * it when the build computed it for this keyword list (PREBUILT_WORK).
 */
const INDEXOF_WORK = 16 * 1024 * 1024;

/**
 * Work of one call (keywords × characters) from which a matcher first looks for an automaton the
 * build computed for its exact keyword list (automaton-file.ts). In a fresh process the automaton
 * is not free either: reading and checking the gate's tables (~370 KB) costs ~1–1.5 ms, the
 * secret keywords' ~0.5 ms, and the matching loop runs ~50 ns a character before it is compiled,
 * against ~0.6 ns per keyword and character for indexOf. They break even at ~4 K characters for
 * the gate's ~700 words and ~24 K for the ~130 secret keywords: ~3 M units either way. A pretool
 * payload's strings never read them; an edited module reads the gate's.
 */
const PREBUILT_WORK = 3 * 1024 * 1024;

/**
 * An automaton as tables: what build() computes and what the build stores for the built-in
 * keyword lists (automaton-file.ts). `width` = codes.length + 1 (class 0: in no keyword).
 */
export interface AutomatonTables {
  /** The folded code unit of each character class 1..width-1. */
  codes: Uint16Array;
  /**
   * Dense DFA: next = delta[state × width + class]; 16 bits a state while there are fewer than
   * 65,536 (the built-in lists have ~600–3,500: half the bytes to read and hash).
   */
  delta: Uint16Array | Int32Array;
  /** The first emitting state: states that end a keyword are numbered last. */
  firstEmitting: number;
  /** Emitting state e's keywords (e = state - firstEmitting) are outIds[outStart[e] .. outStart[e + 1]). */
  outStart: Int32Array;
  outIds: Int32Array;
}

/** How a matcher finds hits: `auto` (the default) as above; the others force one way (tests compare them). */
export type MatcherMode = 'auto' | 'automaton' | 'indexOf';

/** Where a matcher in `auto` mode may find an automaton computed ahead for its keywords (undefined: none). */
export type PrebuiltAutomata = (keywords: readonly string[]) => AutomatonTables | undefined;

/** The class of every UTF-16 code unit: classes[c] = 1 + index of fold(c) in codes, or 0. */
function classTable(codes: Uint16Array): Uint8Array {
  const classOfCode = new Uint8Array(65536);
  let wide = false;
  for (let i = 0; i < codes.length; i++) {
    classOfCode[codes[i]!] = i + 1;
    if (codes[i]! >= 128) wide = true;
  }
  const classes = new Uint8Array(65536);
  if (wide) {
    const foldOf = foldTable();
    for (let c = 0; c < 65536; c++) classes[c] = classOfCode[foldOf[c]!]!;
  } else {
    // Only ASCII keyword characters: no other code unit folds onto one (fold keeps non-ASCII non-ASCII).
    for (let c = 0; c < 128; c++) classes[c] = classOfCode[fold(c)]!;
  }
  return classes;
}

export class KeywordMatcher {
  /** The automaton's tables (see AutomatonTables), once built or loaded. */
  private delta?: Uint16Array | Int32Array;
  private width = 0;
  private firstEmitting = 0;
  /** Character class of every UTF-16 code unit (0: in no keyword). */
  private classes!: Uint8Array;
  private outStart!: Int32Array;
  private outIds!: Int32Array;
  private codes!: Uint16Array;
  private readonly lengths: number[];
  /** How the automaton came: computed here, or the build's tables (tests and benchmarks look). */
  private source?: 'built' | 'prebuilt';
  private prebuiltTried = false;
  /** indexOf work done so far (see INDEXOF_WORK). */
  private indexOfWork = 0;
  /** For the indexOf pass: distinct folded keywords, longest first, each with its ids (ascending). */
  private distinct?: Array<{ folded: string; ids: number[] }>;

  constructor(
    readonly keywords: readonly string[],
    private readonly mode: MatcherMode = 'auto',
    private readonly prebuilt: PrebuiltAutomata | undefined = builtinAutomaton,
  ) {
    this.lengths = keywords.map((k) => k.length);
    // The automaton's limit, checked here so that a rule set over it fails when it loads, not on its
    // first long text. ASCII keywords cannot pass it (and a loop over every character of the gate's
    // words costs ~2 ms in a fresh process).
    if (!ASCII_ONLY.test(keywords.join(''))) {
      const chars = new Set<number>();
      for (const kw of keywords) for (let i = 0; i < kw.length; i++) chars.add(fold(kw.charCodeAt(i)));
      if (chars.size > 255) throw new Error('keyword matcher: more than 255 distinct keyword characters');
    }
  }

  /** A matcher that uses these tables (computed for exactly these keywords) from its first text; undefined if they do not fit. */
  static withTables(keywords: readonly string[], tables: AutomatonTables): KeywordMatcher | undefined {
    const m = new KeywordMatcher(keywords, 'auto', undefined);
    if (!m.adopt(tables)) return undefined;
    m.source = 'prebuilt';
    return m;
  }

  /** Whether the automaton is in hand (built or loaded). */
  get built(): boolean {
    return this.delta !== undefined;
  }

  /** The automaton's tables, built if need be (what the build stores: automaton-file.ts). */
  tables(): AutomatonTables {
    if (!this.delta) this.build();
    return { codes: this.codes, delta: this.delta!, firstEmitting: this.firstEmitting, outStart: this.outStart, outIds: this.outIds };
  }

  /**
   * Takes tables computed elsewhere, when they fit this keyword list's shape (the caller vouches
   * that they were computed for exactly these keywords); false leaves the matcher as it was.
   */
  private adopt(t: AutomatonTables): boolean {
    const w = t.codes.length + 1;
    const states = t.delta.length / w;
    if (w < 1 || w > 256 || !Number.isInteger(states) || states < 1) return false;
    if (!Number.isInteger(t.firstEmitting) || t.firstEmitting < 1 || t.firstEmitting > states) return false;
    const emitting = states - t.firstEmitting;
    if (t.outStart.length !== emitting + 1 || t.outStart[0] !== 0 || t.outStart[emitting] !== t.outIds.length) return false;
    for (let e = 0; e < emitting; e++) if (t.outStart[e + 1]! <= t.outStart[e]!) return false;
    const n = this.keywords.length;
    for (let i = 0; i < t.outIds.length; i++) if (t.outIds[i]! < 0 || t.outIds[i]! >= n) return false;
    this.width = w;
    this.codes = t.codes;
    this.classes = classTable(t.codes);
    this.firstEmitting = t.firstEmitting;
    this.outStart = t.outStart;
    this.outIds = t.outIds;
    this.delta = t.delta;
    return true;
  }

  /** The build's automaton for these keywords, once per matcher; any problem leaves it to be computed. */
  private loadPrebuilt(): boolean {
    if (this.prebuiltTried || !this.prebuilt) return false;
    this.prebuiltTried = true;
    let tables: AutomatonTables | undefined;
    try {
      tables = this.prebuilt(this.keywords);
    } catch {
      return false;
    }
    if (!tables || !this.adopt(tables)) return false;
    this.source = 'prebuilt';
    return true;
  }

  /**
   * Builds the automaton (once). Flat typed arrays and plain loops throughout: this runs in a
   * fresh process before anything is JIT-compiled (a Map per trie node and a sort made the code
   * scanners' gate ~20-50 ms to build).
   */
  private build(): void {
    this.source = 'built';
    const keywords = this.keywords;
    // Character classes over folded codes, numbered in order of first use.
    const folded = keywords.map(foldText);
    const classOfCode = new Uint8Array(65536);
    const codes: number[] = [];
    let total = 0;
    for (const kw of folded) {
      total += kw.length;
      for (let i = 0; i < kw.length; i++) {
        const f = kw.charCodeAt(i);
        if (classOfCode[f] === 0) {
          if (codes.length === 255) throw new Error('keyword matcher: more than 255 distinct keyword characters');
          codes.push(f);
          classOfCode[f] = codes.length;
        }
      }
    }
    const w = (this.width = codes.length + 1);
    this.codes = Uint16Array.from(codes);
    this.classes = classTable(this.codes);

    // Trie: a dense table for lookups (0: no child; the root is never a child), and each state's
    // children as a list (first child, next sibling, class of the edge) to walk them in order.
    const size = total + 1;
    const trie = new Int32Array(size * w);
    const firstChild = new Int32Array(size);
    const nextSibling = new Int32Array(size);
    const edge = new Int32Array(size);
    const lastChild = new Int32Array(size);
    const ends: Array<number[] | undefined> = new Array(size);
    let n = 1;
    for (let id = 0; id < folded.length; id++) {
      const kw = folded[id]!;
      if (!kw.length) continue; // an empty keyword is never reported
      let s = 0;
      for (let i = 0; i < kw.length; i++) {
        const cls = classOfCode[kw.charCodeAt(i)]!;
        let t = trie[s * w + cls]!;
        if (t === 0) {
          t = n++;
          trie[s * w + cls] = t;
          edge[t] = cls;
          if (firstChild[s] === 0) firstChild[s] = t;
          else nextSibling[lastChild[s]!] = t;
          lastChild[s] = t;
        }
        s = t;
      }
      (ends[s] ??= []).push(id);
    }

    // Breadth-first: failure links (the longest proper suffix that is a trie state) and each
    // state's outputs, its own keywords then its failure state's.
    const fail = new Int32Array(n);
    const order = new Int32Array(n);
    const outs: Array<number[] | undefined> = new Array(n);
    let tail = 1; // order[0] = the root
    for (let head = 0; head < tail; head++) {
      const s = order[head]!;
      for (let t = firstChild[s]!; t !== 0; t = nextSibling[t]!) {
        const cls = edge[t]!;
        let f = 0;
        if (s !== 0) {
          for (let g = fail[s]!; ; g = fail[g]!) {
            const next = trie[g * w + cls]!;
            if (next !== 0) {
              f = next;
              break;
            }
            if (g === 0) break;
          }
        }
        fail[t] = f;
        const own = ends[t];
        const inherited = outs[f];
        outs[t] = own ? (inherited ? own.concat(inherited) : own) : inherited;
        order[tail++] = t;
      }
    }

    // Renumber: silent states first (the root stays 0), emitting states last, each in index order.
    let silent = 0;
    for (let s = 0; s < n; s++) if (!outs[s]) silent++;
    const rank = new Int32Array(n);
    const outStart = new Int32Array(n - silent + 1);
    const outIds: number[] = [];
    for (let s = 0, a = 0, b = silent; s < n; s++) {
      if (outs[s]) {
        rank[s] = b++;
        for (const id of new Set(outs[s])) outIds.push(id);
        outStart[b - silent] = outIds.length;
      } else rank[s] = a++;
    }
    // The transition table, in breadth-first order: a state's row is its failure state's row
    // (already complete: a shallower state) with its own children written over it.
    const table = n < 65536 ? new Uint16Array(n * w) : new Int32Array(n * w);
    for (let head = 0; head < n; head++) {
      const s = order[head]!;
      const row = rank[s]! * w;
      if (s !== 0) {
        const from = rank[fail[s]!]! * w;
        table.copyWithin(row, from, from + w);
      }
      for (let t = firstChild[s]!; t !== 0; t = nextSibling[t]!) table[row + edge[t]!] = rank[t]!;
    }
    this.firstEmitting = silent;
    this.outStart = outStart;
    this.outIds = Int32Array.from(outIds);
    this.delta = table;
  }

  /**
   * The automaton's hits from indexOf: every occurrence of each distinct folded keyword in the
   * folded text; ordered by end, then longest first (the automaton's output order at one state:
   * its own keywords, then those of its failure links), equal keywords by id.
   */
  private indexOfHits(text: string, distinct: Array<{ folded: string; ids: number[] }>, from: number, to: number): KeywordHits {
    // A range is matched as its own text, offsets shifted back (the automaton starts afresh at `from`).
    const whole = from === 0 && to === text.length;
    const folded = foldText(whole ? text : text.slice(from, Math.max(from, to)));
    const shift = whole ? 0 : from;
    const ends: number[] = [];
    const which: number[] = [];
    for (let d = 0; d < distinct.length; d++) {
      const k = distinct[d]!.folded;
      for (let at = folded.indexOf(k); at !== -1; at = folded.indexOf(k, at + 1)) {
        ends.push(at + k.length);
        which.push(d);
      }
    }
    const order = ends.map((_, i) => i).sort((a, b) => ends[a]! - ends[b]! || which[a]! - which[b]!);
    let count = 0;
    for (const i of order) count += distinct[which[i]!]!.ids.length;
    const starts = new Int32Array(Math.max(count, 1));
    const kws = new Int32Array(Math.max(count, 1));
    let n = 0;
    for (const i of order) {
      const { folded: k, ids } = distinct[which[i]!]!;
      for (const id of ids) {
        starts[n] = ends[i]! - k.length + shift;
        kws[n++] = id;
      }
    }
    return { starts, keywords: kws, count };
  }

  private distinctKeywords(): Array<{ folded: string; ids: number[] }> {
    const byFolded = new Map<string, number[]>();
    this.keywords.forEach((kw, id) => {
      if (!kw.length) return; // the automaton never reports an empty keyword
      const f = foldText(kw);
      const ids = byFolded.get(f);
      if (ids) ids.push(id);
      else byFolded.set(f, [id]);
    });
    return [...byFolded].map(([folded, ids]) => ({ folded, ids })).sort((a, b) => b.folded.length - a.folded.length);
  }

  /**
   * Every keyword occurrence, in order of where it ends; with `from`/`to`, those that end in
   * [from, to) and start at or after `from` (the matcher starts afresh at `from`).
   */
  hits(text: string, from = 0, to = text.length): KeywordHits {
    if (!this.delta) {
      if (this.mode === 'automaton') this.build();
      else {
        const span = Math.max(0, to - from);
        // For a long text, the build's automaton when it has one for these keywords: judged by the
        // whole text, as a caller that reads a range of it (the gate, piece by piece) may read the
        // rest; the keyword count bounds the distinct ones, whose list costs ms in a fresh process.
        const prebuilt = this.mode === 'auto' && this.keywords.length * text.length >= PREBUILT_WORK && this.loadPrebuilt();
        if (!prebuilt) {
          const distinct = (this.distinct ??= this.distinctKeywords());
          const work = distinct.length * span;
          if (this.mode === 'indexOf' || this.indexOfWork + work <= INDEXOF_WORK) {
            this.indexOfWork += work;
            return this.indexOfHits(text, distinct, from, to);
          }
          // Past the indexOf budget: an automaton either way.
          if (!(this.mode === 'auto' && this.loadPrebuilt())) this.build();
        }
      }
    }
    const { width, classes, outStart, outIds, lengths, firstEmitting } = this;
    const delta = this.delta!;
    let starts = new Int32Array(64);
    let kws = new Int32Array(64);
    let count = 0;
    let s = 0;
    for (let i = from, n = to; i < n; i++) {
      s = delta[s * width + classes[text.charCodeAt(i)]!]!;
      if (s >= firstEmitting) {
        const e = s - firstEmitting;
        const a = outStart[e]!;
        const b = outStart[e + 1]!;
        if (count + b - a > starts.length) {
          const size = Math.max(starts.length * 2, count + b - a);
          const ns = new Int32Array(size);
          ns.set(starts);
          starts = ns;
          const nk = new Int32Array(size);
          nk.set(kws);
          kws = nk;
        }
        for (let k = a; k < b; k++) {
          const id = outIds[k]!;
          starts[count] = i + 1 - lengths[id]!;
          kws[count++] = id;
        }
      }
    }
    return { starts, keywords: kws, count };
  }
}

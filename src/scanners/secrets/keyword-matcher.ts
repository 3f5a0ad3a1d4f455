/**
 * Aho–Corasick over the secret rules' keywords: one pass over the text finds
 * every occurrence of every keyword, case-insensitively, overlapping ones
 * included ("_password" also yields "passw" and "pass").
 *
 * Case folding is the one a JavaScript `i` regex (without `u`) uses, so the
 * keywords found are exactly those the old keyword alternation found: a
 * character folds to its upper case when that is one character, and a
 * non-ASCII character never folds onto an ASCII one.
 */
/** Keyword occurrences, in order of where they end: hit i is keyword `keywords[i]` at offset `starts[i]`. */
export interface KeywordHits {
  starts: Int32Array;
  keywords: Int32Array;
  count: number;
}

function fold(code: number): number {
  if (code < 128) return code >= 97 && code <= 122 ? code - 32 : code;
  const up = String.fromCharCode(code).toUpperCase();
  if (up.length !== 1) return code;
  const u = up.charCodeAt(0);
  return u < 128 ? code : u;
}

export class KeywordMatcher {
  /** Dense DFA: next state = delta[state * width + class]. */
  private readonly delta: Int32Array;
  private readonly width: number;
  /** Character class of each ASCII code (0: no keyword has it). */
  private readonly ascii = new Uint8Array(128);
  /** Classes of folded non-ASCII characters, only when some keyword has one. */
  private readonly wide = new Map<number, number>();
  /** Per state: the keywords that end there (its own and those of its failure chain). */
  private readonly outputs: Int32Array[];
  /** 1 where a state has outputs: the hot loop tests this, not the array. */
  private readonly emits: Uint8Array;
  private readonly lengths: number[];

  constructor(readonly keywords: readonly string[]) {
    // Character classes over folded codes.
    const classOf = new Map<number, number>();
    for (const kw of keywords) {
      for (let i = 0; i < kw.length; i++) {
        const f = fold(kw.charCodeAt(i));
        if (!classOf.has(f)) classOf.set(f, classOf.size + 1);
      }
    }
    this.width = classOf.size + 1;
    for (let c = 0; c < 128; c++) this.ascii[c] = classOf.get(fold(c)) ?? 0;
    for (const [f, cls] of classOf) {
      if (f >= 128) this.wide.set(f, cls);
    }
    this.lengths = keywords.map((k) => k.length);

    // Trie.
    const goto: Array<Map<number, number>> = [new Map()];
    const ends: number[][] = [[]];
    keywords.forEach((kw, id) => {
      let s = 0;
      for (let i = 0; i < kw.length; i++) {
        const cls = classOf.get(fold(kw.charCodeAt(i)))!;
        let next = goto[s]!.get(cls);
        if (next === undefined) {
          next = goto.length;
          goto.push(new Map());
          ends.push([]);
          goto[s]!.set(cls, next);
        }
        s = next;
      }
      if (kw.length) ends[s]!.push(id);
    });

    // Breadth-first failure links, folded into a complete transition table.
    const n = goto.length;
    const delta = new Int32Array(n * this.width);
    const fail = new Int32Array(n);
    const outs: number[][] = ends.map((e) => [...e]);
    const queue: number[] = [];
    for (let cls = 1; cls < this.width; cls++) {
      const t = goto[0]!.get(cls);
      if (t !== undefined) {
        delta[cls] = t;
        queue.push(t);
      }
    }
    for (let q = 0; q < queue.length; q++) {
      const s = queue[q]!;
      outs[s]!.push(...outs[fail[s]!]!);
      for (let cls = 1; cls < this.width; cls++) {
        const t = goto[s]!.get(cls);
        if (t === undefined) {
          delta[s * this.width + cls] = delta[fail[s]! * this.width + cls]!;
        } else {
          fail[t] = delta[fail[s]! * this.width + cls]!;
          delta[s * this.width + cls] = t;
          queue.push(t);
        }
      }
    }
    this.delta = delta;
    this.outputs = outs.map((o) => Int32Array.from(new Set(o)));
    this.emits = Uint8Array.from(this.outputs, (o) => (o.length ? 1 : 0));
  }

  /** Every keyword occurrence, in order of where it ends. */
  hits(text: string): KeywordHits {
    const { delta, width, ascii, outputs, emits, lengths, wide } = this;
    const hasWide = wide.size > 0;
    let starts = new Int32Array(64);
    let kws = new Int32Array(64);
    let count = 0;
    let s = 0;
    for (let i = 0, n = text.length; i < n; i++) {
      const c = text.charCodeAt(i);
      const cls = c < 128 ? ascii[c]! : hasWide ? (wide.get(fold(c)) ?? 0) : 0;
      s = delta[s * width + cls]!;
      if (emits[s] === 1) {
        const o = outputs[s]!;
        if (count + o.length > starts.length) {
          const size = Math.max(starts.length * 2, count + o.length);
          const ns = new Int32Array(size);
          ns.set(starts);
          starts = ns;
          const nk = new Int32Array(size);
          nk.set(kws);
          kws = nk;
        }
        for (let k = 0; k < o.length; k++) {
          starts[count] = i + 1 - lengths[o[k]!]!;
          kws[count++] = o[k]!;
        }
      }
    }
    return { starts, keywords: kws, count };
  }
}

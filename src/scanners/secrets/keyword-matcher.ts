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
  /**
   * Dense DFA with pre-multiplied states: next = delta[state + class], where a
   * state is its index times the number of classes. States that end a keyword
   * are numbered last, so "did a keyword end here" is one comparison.
   */
  private readonly delta: Int32Array;
  private readonly width: number;
  private readonly firstEmitting: number;
  /** Character class of every UTF-16 code unit (0: in no keyword). */
  private readonly classes = new Uint8Array(65536);
  /** Per emitting state (index: state / width - first emitting index): the keywords ending there. */
  private readonly outputs: Int32Array[];
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
    if (classOf.size > 255) throw new Error('keyword matcher: more than 255 distinct keyword characters');
    this.width = classOf.size + 1;
    const wide = [...classOf.keys()].some((f) => f >= 128);
    for (let c = 0; c < (wide ? 65536 : 128); c++) this.classes[c] = classOf.get(fold(c)) ?? 0;
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
    const w = this.width;
    const delta = new Int32Array(n * w);
    const fail = new Int32Array(n);
    const outs: number[][] = ends.map((e) => [...e]);
    const queue: number[] = [];
    for (let cls = 1; cls < w; cls++) {
      const t = goto[0]!.get(cls);
      if (t !== undefined) {
        delta[cls] = t;
        queue.push(t);
      }
    }
    for (let q = 0; q < queue.length; q++) {
      const s = queue[q]!;
      outs[s]!.push(...outs[fail[s]!]!);
      for (let cls = 1; cls < w; cls++) {
        const t = goto[s]!.get(cls);
        if (t === undefined) {
          delta[s * w + cls] = delta[fail[s]! * w + cls]!;
        } else {
          fail[t] = delta[fail[s]! * w + cls]!;
          delta[s * w + cls] = t;
          queue.push(t);
        }
      }
    }

    // Renumber: silent states first (the root stays 0), emitting states last; pre-multiply.
    const order = [...Array(n).keys()].sort((a, b) => Number(outs[a]!.length > 0) - Number(outs[b]!.length > 0) || a - b);
    const rank = new Int32Array(n);
    order.forEach((s, i) => (rank[s] = i));
    const table = new Int32Array(n * w);
    for (let s = 0; s < n; s++) {
      for (let cls = 0; cls < w; cls++) table[rank[s]! * w + cls] = rank[delta[s * w + cls]!]! * w;
    }
    const firstEmitting = order.findIndex((s) => outs[s]!.length > 0);
    this.firstEmitting = (firstEmitting === -1 ? n : firstEmitting) * w;
    this.delta = table;
    this.outputs = order.slice(firstEmitting === -1 ? n : firstEmitting).map((s) => Int32Array.from(new Set(outs[s]!)));
  }

  /**
   * Every keyword occurrence, in order of where it ends; with `from`/`to`, those that end in
   * [from, to) and start at or after `from` (the matcher starts afresh at `from`).
   */
  hits(text: string, from = 0, to = text.length): KeywordHits {
    const { delta, width, classes, outputs, lengths, firstEmitting } = this;
    let starts = new Int32Array(64);
    let kws = new Int32Array(64);
    let count = 0;
    let s = 0;
    for (let i = from, n = to; i < n; i++) {
      s = delta[s + classes[text.charCodeAt(i)]!]!;
      if (s >= firstEmitting) {
        const o = outputs[(s - firstEmitting) / width]!;
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

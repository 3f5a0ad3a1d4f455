import type { KeywordHits } from './keyword-matcher.js';

/**
 * The line of each keyword hit, found once per text and shared by every rule
 * that places windows on the hits: [start, end) of the hit's line, end past
 * its line feed (or the text's end).
 */
export class HitLines {
  private starts?: Int32Array;
  private ends?: Int32Array;

  constructor(
    private readonly text: string,
    private readonly hits: KeywordHits,
  ) {}

  private compute(): void {
    const { text, hits } = this;
    const starts = new Int32Array(hits.count);
    const ends = new Int32Array(hits.count);
    let ls = 0; // the line of the previous hit
    let le = -1;
    for (let i = 0; i < hits.count; i++) {
      const at = hits.starts[i]!;
      if (at < ls || at >= le) {
        const nl = at > 0 ? text.lastIndexOf('\n', at - 1) : -1;
        ls = nl + 1;
        const next = text.indexOf('\n', at);
        le = next === -1 ? text.length : next + 1;
      }
      starts[i] = ls;
      ends[i] = le;
    }
    this.starts = starts;
    this.ends = ends;
  }

  /**
   * The parts of the text a windowed rule must search: for each hit of a wanted
   * keyword, the hit's line and `span` lines either side, each window starting
   * at the line feed before its first line (a match may begin on it, as in
   * `(?:^|[^A-Za-z0-9_])`) and ending after the line feed that closes its last
   * line. Overlapping windows are merged. Returns flat [start, end) pairs in order.
   */
  windows(wanted: Uint8Array, span: number): number[] {
    if (!this.starts) this.compute();
    const { text, hits } = this;
    const lineStarts = this.starts!;
    const lineEnds = this.ends!;
    const out: number[] = [];
    let sorted = true;
    let lastLine = -1;
    for (let i = 0; i < hits.count; i++) {
      if (wanted[hits.keywords[i]!] !== 1) continue;
      const ls = lineStarts[i]!;
      if (ls === lastLine) continue; // same line: same window
      lastLine = ls;
      let nl = ls - 1; // the line feed before the line, or -1
      for (let k = 0; k < span && nl > 0; k++) nl = text.lastIndexOf('\n', nl - 1);
      const start = nl === -1 ? 0 : nl;
      let end = lineEnds[i]!;
      for (let k = 0; k < span && end < text.length; k++) {
        const next = text.indexOf('\n', end);
        end = next === -1 ? text.length : next + 1;
      }
      const n = out.length;
      if (n && start < out[n - 2]!) sorted = false;
      if (sorted && n && start <= out[n - 1]!) out[n - 1] = Math.max(out[n - 1]!, end);
      else out.push(start, end);
    }
    return sorted ? out : merge(out);
  }
}

/** Hits come in order of where they end, so windows can be out of order (a keyword spanning lines): sort, then merge. */
function merge(flat: number[]): number[] {
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < flat.length; i += 2) pairs.push([flat[i]!, flat[i + 1]!]);
  pairs.sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  for (const [s, e] of pairs) {
    if (out.length && s <= out[out.length - 1]!) out[out.length - 1] = Math.max(out[out.length - 1]!, e);
    else out.push(s, e);
  }
  return out;
}

import type { KeywordHits } from './keyword-matcher.js';

/**
 * The parts of a text a windowed rule must search: for each hit of one of its
 * keywords, the hit's line and `span` lines either side, each window starting
 * at the line feed before its first line (a match may begin on it, as in
 * `(?:^|[^A-Za-z0-9_])`) and ending after the line feed that closes its last
 * line. Overlapping windows are merged. Returns flat [start, end) pairs in order.
 */
export function keywordWindows(text: string, hits: KeywordHits, wanted: Uint8Array, span: number): number[] {
  const pairs: Array<[number, number]> = [];
  let lineStart = -1; // the line of the last hit that made a window
  let lineEnd = -1;
  const { starts, keywords, count } = hits;
  for (let i = 0; i < count; i++) {
    if (wanted[keywords[i]!] !== 1) continue;
    const at = starts[i]!;
    if (at >= lineStart && at < lineEnd) continue; // same line: same window
    let nl = at > 0 ? text.lastIndexOf('\n', at - 1) : -1;
    lineStart = nl + 1;
    for (let k = 0; k < span && nl > 0; k++) nl = text.lastIndexOf('\n', nl - 1);
    const start = nl === -1 ? 0 : nl;
    let end = at;
    lineEnd = -1;
    for (let k = 0; k <= span; k++) {
      const next = text.indexOf('\n', end);
      if (next === -1) {
        end = text.length;
        break;
      }
      end = next + 1;
      if (k === 0) lineEnd = end;
    }
    if (lineEnd === -1) lineEnd = text.length;
    pairs.push([start, end]);
  }
  // Hits come in order of where they end, so windows can be a little out of order: sort, then merge.
  pairs.sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  for (const [s, e] of pairs) {
    if (out.length && s <= out[out.length - 1]!) out[out.length - 1] = Math.max(out[out.length - 1]!, e);
    else out.push(s, e);
  }
  return out;
}

import type { Fragment } from './types.js';

/** Maps character offsets in a fragment's text to line/column, and to the real line in the file. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  /** 1-based line of the text that holds `offset`. */
  lineAt(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  /** 1-based column of `offset` within its line. */
  columnAt(offset: number): number {
    return offset - this.starts[this.lineAt(offset) - 1]! + 1;
  }

  lineText(line: number): string {
    const start = this.starts[line - 1];
    if (start === undefined) return '';
    const next = this.starts[line];
    const end = next === undefined ? this.text.length : next - 1;
    return this.text.slice(start, end).replace(/\r$/, '');
  }
}

/** The real line number in the file for a 1-based line of the fragment's text. */
export function realLine(fragment: Fragment, textLine: number): number {
  return fragment.lineMap ? (fragment.lineMap[textLine - 1] ?? textLine) : textLine;
}

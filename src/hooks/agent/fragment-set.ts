import type { Finding, Fragment } from '../../core/types.js';

/**
 * The texts of one hook call, grouped into one fragment per path (the engine
 * reports findings by path, so each path must be unique). A piece keeps a
 * label for messages ("Bash command", "Write content") and, optionally, the
 * spans that are new: an Edit is scanned with its surrounding line for
 * context, but only a secret that touches the new text counts.
 */
export interface Piece {
  label: string;
  text: string;
  /** Offsets in `text` of what the call adds; undefined means all of it. */
  spans?: Array<[number, number]>;
}

interface Placed extends Piece {
  start: number;
  firstLine: number;
}

export interface Located {
  label: string;
  /** 1-based line within the piece. */
  line: number;
  /** False when the finding lies wholly in context the call does not add. */
  counts: boolean;
}

export class FragmentSet {
  private readonly byPath = new Map<string, Piece[]>();
  private placed = new Map<string, { pieces: Placed[]; lineStarts: number[] }>();

  add(path: string, piece: Piece): void {
    if (piece.text === '' || (piece.spans && piece.spans.every(([a, b]) => b <= a))) return;
    const list = this.byPath.get(path) ?? [];
    list.push(piece);
    this.byPath.set(path, list);
  }

  get size(): number {
    return this.byPath.size;
  }

  /** One fragment per path: its pieces joined by newlines. */
  fragments(): Fragment[] {
    const out: Fragment[] = [];
    this.placed = new Map();
    for (const [path, pieces] of this.byPath) {
      let offset = 0;
      let line = 1;
      const placed: Placed[] = [];
      for (const p of pieces) {
        placed.push({ ...p, start: offset, firstLine: line });
        offset += p.text.length + 1;
        line += countNewlines(p.text) + 1;
      }
      const text = pieces.map((p) => p.text).join('\n');
      this.placed.set(path, { pieces: placed, lineStarts: lineStarts(text) });
      out.push({ path, text });
    }
    return out;
  }

  /** Which piece a finding is in, and whether it touches what the call adds. */
  locate(f: Finding): Located | undefined {
    const entry = this.placed.get(f.file);
    if (!entry) return undefined;
    const { pieces, lineStarts: starts } = entry;
    let piece = pieces[0]!;
    for (const p of pieces) if (p.firstLine <= f.line) piece = p;
    const line = f.line - piece.firstLine + 1;
    if (!piece.spans) return { label: piece.label, line, counts: true };
    const start = (starts[f.line - 1] ?? 0) + f.column - 1 - piece.start;
    const end = (starts[f.endLine - 1] ?? 0) + f.endColumn - 1 - piece.start;
    const counts = piece.spans.some(([a, b]) => start < b && a < Math.max(end, start + 1));
    return { label: piece.label, line, counts };
  }
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

import { noteCodePath } from '../../core/code-paths.js';
import { LineIndex, realLine } from '../../core/lines.js';
import type { Fragment, RawFinding, RuleDescriptor } from '../../core/types.js';
import { suppressionMarker } from '../../suppress/inline.js';
import type { ScanContext, Scanner } from '../scanner.js';
import { DecodeBudget, DEFAULT_LIMITS, decodeSegments, type DecodeLimits, type Segment } from './decode.js';

/**
 * The decode stage around the secret detector: the detector scans the text as
 * it is, then the encoded segments of the text (decode.ts) are decoded in place
 * and the detector scans the decoded text once more. A finding that touches
 * decoded text is reported at the encoded span of the original, with the
 * encoding in `decoded`; its preview is redacted like any other.
 *
 * Only windows around the segments are rescanned (the segment, the line before
 * it for context, and a few hundred characters either side), so a file with one
 * encoded value costs a few lines, not a second pass over the whole file.
 */
const CONTEXT_CHARS = 300;

/** A piece of the rescanned text: either copied from the original or a decoded segment. */
interface Piece {
  viewStart: number;
  viewEnd: number;
  origStart: number;
  origEnd: number;
  encoding?: string;
}

export class DecodingSecretScanner implements Scanner {
  readonly name: string;
  /** Decoding works on whatever text it is given: a chunk of a large file as well as a whole file. */
  readonly scansChunks: boolean;

  constructor(
    private readonly inner: Scanner,
    private readonly limits: DecodeLimits = DEFAULT_LIMITS,
    /** Whether a value is a placeholder by the global allowlist (for values that are base64 of one). */
    private readonly isPlaceholder: (value: string) => boolean = () => false,
  ) {
    this.name = inner.name;
    this.scansChunks = inner.scansChunks === true;
  }

  accepts(path: string): boolean {
    return this.inner.accepts(path);
  }

  describeRules(): RuleDescriptor[] {
    return this.inner.describeRules();
  }

  /** The inner detector's keyword lists (see SecretDetector.keywordLists). */
  keywordLists(): Array<readonly string[]> {
    const inner = this.inner as Scanner & { keywordLists?(): Array<readonly string[]> };
    return inner.keywordLists ? inner.keywordLists() : [];
  }

  async scan(fragment: Fragment, ctx?: ScanContext): Promise<RawFinding[]> {
    noteCodePath('secrets');
    const plain = await this.inner.scan(fragment, ctx);
    if (this.limits.depth <= 0 || !fragment.text) return plain;
    const budget = new DecodeBudget(this.limits);
    const segments = decodeSegments(fragment.text, budget);
    if (budget.notes.length) ctx?.skip({ path: fragment.path, reason: 'decode-budget', detail: budget.notes.join('; ') });
    if (segments.length === 0) return plain;
    const decoded = await this.scanDecoded(fragment, segments, ctx);
    let out = this.dropEncodedPlaceholders(fragment, plain, segments);
    for (const f of decoded) {
      if (out.some((o) => o.decoded && sameSpot(o, f))) continue;
      const covering = out.filter((p) => !p.decoded && overlaps(p, f));
      // A generic rule that matched the encoded text gives way to the provider rule that matched what it decodes to.
      if (covering.length && covering.every((p) => p.tags.includes('generic') || p.ruleId === 'authorization-header') && !f.tags.includes('generic')) {
        out = out.filter((p) => !covering.includes(p));
        out.push(f);
      } else if (covering.length === 0) out.push(f);
    }
    return out;
  }

  /**
   * A generic rule that matched an encoded value (a Kubernetes Secret's `data:`) when the value decodes
   * to a placeholder ("changeme", "YOUR_TOKEN_HERE", AWS's documented example): not a finding.
   */
  private dropEncodedPlaceholders(fragment: Fragment, plain: RawFinding[], segments: Segment[]): RawFinding[] {
    if (!plain.some((f) => f.tags.includes('generic'))) return plain;
    const index = new LineIndex(fragment.text);
    const starts = lineStarts(fragment.text);
    return plain.filter((f) => {
      if (!f.tags.includes('generic') || f.line !== f.endLine) return true;
      return !segments.some((s) => {
        if (!/^(?:base64|base64url|hex)$/.test(s.encoding)) return false;
        const line = index.lineAt(s.start);
        if (realLine(fragment, line) !== f.line) return false;
        const col = s.start - starts[line - 1]! + 1;
        const endCol = col + (s.end - s.start);
        return f.column <= col && endCol <= f.endColumn + 2 && this.isPlaceholder(s.decoded.trim());
      });
    });
  }

  private async scanDecoded(fragment: Fragment, segments: Segment[], ctx?: ScanContext): Promise<RawFinding[]> {
    const text = fragment.text;
    const { view, pieces } = buildView(text, segments);
    const found = await this.inner.scan({ path: fragment.path, text: view }, ctx);
    if (found.length === 0) return [];
    const index = new LineIndex(text); // only when there is something to place: most views find nothing
    const viewStarts = lineStarts(view);
    const out: RawFinding[] = [];
    for (const f of found) {
      const vs = viewStarts[f.line - 1]! + f.column - 1;
      const ve = viewStarts[f.endLine - 1]! + f.endColumn - 1;
      const hit = pieces.filter((p) => p.viewStart < Math.max(ve, vs + 1) && vs < p.viewEnd);
      const encodings = [...new Set(hit.filter((p) => p.encoding).map((p) => p.encoding!))];
      if (encodings.length === 0) continue; // plain text: the first pass already saw it
      let os = Infinity;
      let oe = -Infinity;
      for (const p of hit) {
        if (p.encoding) {
          os = Math.min(os, p.origStart);
          oe = Math.max(oe, p.origEnd);
        } else {
          os = Math.min(os, p.origStart + Math.max(0, vs - p.viewStart));
          oe = Math.max(oe, p.origStart + Math.min(p.viewEnd, ve) - p.viewStart);
        }
      }
      const startLine = index.lineAt(os);
      const endLine = index.lineAt(Math.max(os, oe - 1));
      let suppressed: string | undefined;
      for (let l = startLine; l <= endLine && !suppressed; l++) suppressed = suppressionMarker(index.lineText(l));
      out.push({
        ...f,
        file: fragment.path,
        line: realLine(fragment, startLine),
        endLine: realLine(fragment, endLine),
        column: index.columnAt(os),
        endColumn: index.columnAt(Math.max(os, oe - 1)) + 1,
        commit: fragment.commit,
        decoded: encodings.join(','),
        suppressed,
      });
    }
    return out;
  }
}

/**
 * The last line feed at or before `from` and at or after `floor`, or floor - 1 when there is none.
 * A negative `from` looks at offset 0, as String.prototype.lastIndexOf does (the views stay as they were).
 */
function lastNewline(text: string, from: number, floor: number): number {
  for (let i = Math.max(from, 0); i >= floor; i--) if (text.charCodeAt(i) === 10) return i;
  return floor - 1;
}

/** The first line feed at or after `from` and before `ceiling`, or ceiling when there is none. */
function firstNewline(text: string, from: number, ceiling: number): number {
  for (let i = from; i < ceiling; i++) if (text.charCodeAt(i) === 10) return i;
  return ceiling;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/**
 * The text the detector rescans: a window around each segment (from the line
 * before it, at most CONTEXT_CHARS either side) with the segment decoded in
 * place; windows that touch are merged, windows are joined with newlines.
 */
export function buildView(text: string, segments: Segment[]): { view: string; pieces: Piece[] } {
  const windows: Array<{ start: number; end: number; segs: Segment[] }> = [];
  for (const s of segments) {
    // From the line before the segment's (at most CONTEXT_CHARS back) to its line's end (at most
    // CONTEXT_CHARS on). The searches stop at those limits: on a minified file's one long line an
    // unbounded search per segment would read the whole file each time.
    const floor = Math.max(0, s.start - CONTEXT_CHARS);
    const lineStart = lastNewline(text, s.start - 1, floor) + 1;
    const start = lineStart > floor ? Math.max(floor, lastNewline(text, lineStart - 2, floor) + 1) : floor;
    const ceiling = Math.min(text.length, s.end + CONTEXT_CHARS);
    const end = firstNewline(text, s.end, ceiling);
    const last = windows[windows.length - 1];
    if (last && start <= last.end) {
      last.end = Math.max(last.end, end);
      last.segs.push(s);
    } else windows.push({ start, end, segs: [s] });
  }
  const parts: string[] = [];
  const pieces: Piece[] = [];
  let pos = 0;
  const add = (str: string, origStart: number, origEnd: number, encoding?: string) => {
    parts.push(str);
    pieces.push({ viewStart: pos, viewEnd: pos + str.length, origStart, origEnd, encoding });
    pos += str.length;
  };
  for (const w of windows) {
    if (pos > 0) {
      parts.push('\n');
      pos += 1;
    }
    let at = w.start;
    for (const s of w.segs) {
      if (s.start > at) add(text.slice(at, s.start), at, s.start);
      add(s.decoded, s.start, s.end, s.encoding);
      at = s.end;
    }
    if (w.end > at) add(text.slice(at, w.end), at, w.end);
  }
  return { view: parts.join(''), pieces };
}

function overlaps(a: RawFinding, b: RawFinding): boolean {
  if (a.endLine < b.line || b.endLine < a.line) return false;
  if (a.line === a.endLine && b.line === b.endLine) return a.column < b.endColumn && b.column < a.endColumn;
  return true;
}

function sameSpot(a: RawFinding, b: RawFinding): boolean {
  return a.ruleId === b.ruleId && a.line === b.line && a.column === b.column && a.endColumn === b.endColumn;
}

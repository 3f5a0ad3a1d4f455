import type { Fragment, SkippedItem } from '../core/types.js';

/**
 * A source yields what there is to scan. `fragment` items carry their text;
 * `file` items are read by whoever scans them (possibly a worker thread), so a
 * large tree is streamed rather than held in memory.
 */
export type SourceItem =
  | { kind: 'fragment'; fragment: Fragment; bytes: number }
  /** written: texts a tool call just wrote into the file (Fragment.changedLines). */
  | { kind: 'file'; path: string; abs: string; written?: readonly string[] }
  | { kind: 'skip'; item: SkippedItem };

export interface Source {
  /** Human description of the target: "staged changes", "range a..b", "files". */
  readonly target: string;
  /** Folder that reported paths are relative to. */
  readonly root: string;
  items(): AsyncIterable<SourceItem>;
  /**
   * After items() is done: how many items the source committed to yield (for
   * example one per staged file). The engine fails the scan if it received
   * fewer, so "something to scan, nothing scanned" is an error, not a pass.
   */
  expectedItems?(): number | undefined;
}

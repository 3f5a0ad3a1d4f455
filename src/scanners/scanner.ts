import type { Fragment, RawFinding, RuleDescriptor, SkippedItem } from '../core/types.js';

/** What the engine offers a scanner while it scans: a way to report a file it could not analyse (e.g. a parse error). */
export interface ScanContext {
  skip(item: SkippedItem): void;
}

/**
 * What every scanner provides to the engine. A scanner is built once from its
 * validated rule files, then handed fragments; it never knows whether they came
 * from the index, a commit range, files, stdin or an agent's tool call.
 */
export interface Scanner {
  readonly name: string;
  /** Whether this scanner looks at a file with this path at all (cheap; no content). */
  accepts(path: string): boolean;
  /** Findings with real line numbers; suppressed ones are marked, not dropped. */
  scan(fragment: Fragment, ctx?: ScanContext): RawFinding[] | Promise<RawFinding[]>;
  /** True when the scanner can take a large file piecewise (chunks of lines with overlap); others get whole files only. */
  readonly scansChunks?: boolean;
  /**
   * For a scanner that reads whole files only: why a file too large for it is skipped, when that
   * is not its size (generated code, by its first and last bytes); undefined: too large.
   */
  largeFileSkip?(path: string, head: string, tail: string): SkippedItem | undefined;
  /** The active rules, for reports. */
  describeRules(): RuleDescriptor[];
}

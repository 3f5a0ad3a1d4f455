import type { Fragment, RawFinding, RuleDescriptor, SkippedItem } from '../core/types.js';
import type { CrossFileInput, ProjectCall, ReturnFact } from './taint/project-calls.js';

/**
 * What the engine offers a scanner while it scans: a way to report a file it could not analyse (e.g. a parse
 * error), and, in a scan of whole files, one to hand on calls into other files of the project (cross-file flows).
 */
export interface ScanContext {
  skip(item: SkippedItem): void;
  call?(c: ProjectCall): void;
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
  /**
   * A code scanner that follows data across files: the file analysed again with what the cross-file pass learnt
   * (parameters another file passes untrusted data, other modules' clean returns; engine/cross-file.ts).
   */
  scanSeeded?(path: string, text: string, input: CrossFileInput): { findings: RawFinding[]; calls: ProjectCall[]; returns: ReturnFact[] };
  /** The active rules, for reports. */
  describeRules(): RuleDescriptor[];
}

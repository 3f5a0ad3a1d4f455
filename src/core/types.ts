/**
 * Types shared by every part of mso: what a source yields (fragments), what a
 * scanner returns (findings) and what a scan reports (results).
 */

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

/**
 * A piece of content to scan. Sources (staged index, commit range, files,
 * stdin, agent tool input) produce fragments; scanners never know where a
 * fragment came from.
 */
export interface Fragment {
  /** Posix path relative to the repository root (or the current folder outside git). */
  path: string;
  /** The text to scan. For diff sources: only the added lines, joined with '\n'. */
  text: string;
  /** lineMap[i] is the real 1-based line number of text line i+1 (diff sources only). */
  lineMap?: number[];
  /** When set, only findings touching one of these real lines are reported. */
  reportLines?: Set<number>;
  /** Commit that introduced the content (range scans). */
  commit?: string;
  /** Loads the whole file this fragment belongs to, for scanners that need full context. */
  loadFull?: () => Promise<string>;
  /**
   * The lines a tool call just wrote into this whole file (posttool after an Edit): every finding of
   * the file is still reported, but one reached through a call on these lines is reported at that
   * call and judged by its markers, as in a diff scan (an allowance on an old sink vouched for the
   * callers it had, not for a new one).
   */
  changedLines?: Set<number>;
}

/** A finding as reported. It never holds a secret value: only a redacted preview. */
export interface Finding {
  ruleId: string;
  scanner: string;
  severity: Severity;
  message: string;
  file: string;
  line: number;
  endLine: number;
  column: number;
  endColumn: number;
  /** Redacted preview of the matched value: a few leading characters and the length. */
  preview: string;
  /** Stable id of the finding: rule id, path and a hash of the matched value; no line numbers. */
  fingerprint: string;
  tags: string[];
  cwe: string[];
  /** One-line hint on how to fix it. */
  fix?: string;
  commit?: string;
  /** Set when the value was found by decoding the text at this location: the encoding(s), e.g. "base64" or "percent+base64". */
  decoded?: string;
}

/** A finding before suppression filtering; `suppressed` names the marker that silenced it. */
export interface RawFinding extends Finding {
  suppressed?: string;
}

export interface SkippedItem {
  path: string;
  reason: 'binary' | 'too-large' | 'excluded' | 'submodule' | 'unreadable' | 'parse-error' | string;
  detail?: string;
}

export interface ScanStats {
  files: number;
  bytes: number;
  fragments: number;
  skipped: number;
  suppressed: number;
  baselined: number;
  durationMs: number;
  /** Worker threads the scan used (0: everything ran in the main thread). */
  workers: number;
}

export interface ScanResult {
  findings: Finding[];
  skipped: SkippedItem[];
  stats: ScanStats;
  /** Rules that were active, for report formats that list them (SARIF). */
  rules: RuleDescriptor[];
  /** What was scanned, e.g. "staged", "range a..b", "files". */
  target: string;
  /** Root that finding paths are relative to. */
  root: string;
}

/** Enough about a rule to describe it in a report. */
export interface RuleDescriptor {
  id: string;
  scanner: string;
  description: string;
  severity: Severity;
  tags: string[];
  cwe: string[];
  help?: string;
}

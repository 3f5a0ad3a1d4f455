import { severityRank, type Finding, type ScanResult, type Severity } from '../core/types.js';

/** Findings that make a scan fail: those at or above the --fail-on severity. */
export function failingFindings(result: ScanResult, failOn: Severity): Finding[] {
  const min = severityRank(failOn);
  return result.findings.filter((f) => severityRank(f.severity) >= min);
}

/** The exit code of a finished scan: 1 when a finding is at or above `failOn`, else 0 (errors never get here: they are 2). */
export function scanExitCode(result: ScanResult, failOn: Severity): 0 | 1 {
  return failingFindings(result, failOn).length > 0 ? 1 : 0;
}

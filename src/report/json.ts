import { msoVersion } from '../core/version.js';
import type { ScanResult } from '../core/types.js';

/**
 * The JSON report. Its schema is documented in docs/report-formats.md and is
 * stable: fields are added, never renamed or removed, within a `version`.
 */
export function renderJson(result: ScanResult): string {
  const doc = {
    version: 1,
    tool: { name: 'mso', version: msoVersion() },
    target: result.target,
    root: result.root,
    findings: result.findings.map((f) => ({
      ruleId: f.ruleId,
      scanner: f.scanner,
      severity: f.severity,
      message: f.message,
      file: f.file,
      line: f.line,
      endLine: f.endLine,
      column: f.column,
      endColumn: f.endColumn,
      preview: f.preview,
      fingerprint: f.fingerprint,
      tags: f.tags,
      cwe: f.cwe,
      ...(f.fix ? { fix: f.fix } : {}),
      ...(f.commit ? { commit: f.commit } : {}),
      ...(f.decoded ? { decoded: f.decoded } : {}),
    })),
    skipped: result.skipped,
    stats: result.stats,
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

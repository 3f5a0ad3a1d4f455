import { pathToFileURL } from 'node:url';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { msoVersion } from '../core/version.js';
import type { Finding, RuleDescriptor, ScanResult, Severity } from '../core/types.js';

/**
 * SARIF 2.1.0 as GitHub code scanning accepts it: rules with tags and
 * security-severity, results with repository-relative URIs, and
 * partialFingerprints so alerts survive line moves.
 */
const LEVEL: Record<Severity, Result.level> = { critical: 'error', high: 'error', medium: 'warning', low: 'note' };
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' };

export function sarifTags(tags: string[], cwe: string[]): string[] {
  const out = new Set<string>(['security']);
  for (const t of tags) out.add(t);
  for (const c of cwe) {
    const n = c.replace(/^CWE-/i, '');
    out.add(`CWE-${n}`);
    out.add(`external/cwe/cwe-${n}`);
  }
  return [...out];
}

function ruleEntry(r: RuleDescriptor): ReportingDescriptor {
  return {
    id: r.id,
    name: r.id,
    shortDescription: { text: r.description },
    fullDescription: { text: r.description },
    ...(r.help ? { help: { text: r.help } } : {}),
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: {
      tags: sarifTags(r.tags, r.cwe),
      'security-severity': SECURITY_SEVERITY[r.severity],
      precision: 'high',
      scanner: r.scanner,
    },
  };
}

/** Relative paths are URI-encoded per segment; paths outside the root become file:// URIs. */
function artifactUri(file: string): { uri: string; uriBaseId?: string } {
  if (file.startsWith('/')) return { uri: pathToFileURL(file).href };
  return { uri: file.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

function result(f: Finding, ruleIndex: number): Result {
  return {
    ruleId: f.ruleId,
    ...(ruleIndex >= 0 ? { ruleIndex } : {}),
    level: LEVEL[f.severity],
    message: { text: `${f.message} (${f.preview})${f.fix ? `. ${f.fix}` : ''}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifactUri(f.file),
          region: { startLine: f.line, endLine: f.endLine, startColumn: f.column, endColumn: f.endColumn },
        },
      },
    ],
    partialFingerprints: { 'msoFingerprint/v1': f.fingerprint },
    properties: {
      severity: f.severity,
      scanner: f.scanner,
      preview: f.preview,
      tags: sarifTags(f.tags, f.cwe),
      ...(f.commit ? { commit: f.commit } : {}),
      ...(f.decoded ? { decoded: f.decoded } : {}),
    },
  };
}

export function buildSarif(res: ScanResult): Log {
  const index = new Map<string, number>();
  const rules = res.rules.map((r, i) => {
    index.set(r.id, i);
    return ruleEntry(r);
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'mso',
            version: msoVersion(),
            semanticVersion: msoVersion(),
            rules,
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(res.root.endsWith('/') ? res.root : res.root + '/').href } },
        results: res.findings.map((f) => result(f, index.get(f.ruleId) ?? -1)),
        invocations: [{ executionSuccessful: true }],
        properties: { target: res.target, stats: res.stats, skipped: res.skipped.length },
      },
    ],
  };
}

export function renderSarif(res: ScanResult): string {
  return JSON.stringify(buildSarif(res), null, 2) + '\n';
}

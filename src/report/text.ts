import { Chalk, type ChalkInstance } from 'chalk';
import type { Finding, ScanResult, Severity } from '../core/types.js';

/**
 * The human report: findings grouped by file, each with its rule, a redacted
 * preview and how to fix it, then a summary and the ways out.
 */
export function makeChalk(useColor: boolean): ChalkInstance {
  return new Chalk({ level: useColor ? 1 : 0 });
}

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function colorWanted(stream: NodeJS.WriteStream): boolean {
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return !!stream.isTTY;
}

function sevColor(c: ChalkInstance, s: Severity): (t: string) => string {
  return s === 'critical' ? c.bgRed.white.bold : s === 'high' ? c.red.bold : s === 'medium' ? c.yellow : c.cyan;
}

export function summaryLine(res: ScanResult): string {
  const counts = new Map<Severity, number>();
  for (const f of res.findings) counts.set(f.severity, (counts.get(f.severity) ?? 0) + 1);
  const bySev = (['critical', 'high', 'medium', 'low'] as Severity[])
    .filter((s) => counts.get(s))
    .map((s) => `${counts.get(s)} ${s}`)
    .join(', ');
  const files = new Set(res.findings.map((f) => f.file)).size;
  const parts = [
    res.findings.length ? `${res.findings.length} finding${res.findings.length === 1 ? '' : 's'} (${bySev}) in ${files} file${files === 1 ? '' : 's'}` : 'no findings',
    `${res.stats.files} file${res.stats.files === 1 ? '' : 's'} scanned (${formatBytes(res.stats.bytes)})`,
  ];
  if (res.stats.skipped) parts.push(`${res.stats.skipped} skipped`);
  if (res.stats.suppressed) parts.push(`${res.stats.suppressed} suppressed inline`);
  if (res.stats.baselined) parts.push(`${res.stats.baselined} in baseline`);
  return parts.join(' · ');
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

const MAX_LISTED_SKIPS = 10;

export function renderText(res: ScanResult, useColor: boolean): string {
  const c = makeChalk(useColor);
  const out: string[] = [];
  const byFile = new Map<string, Finding[]>();
  for (const f of res.findings) {
    const list = byFile.get(f.file) ?? [];
    list.push(f);
    byFile.set(f.file, list);
  }
  for (const [file, list] of byFile) {
    out.push(c.bold.underline(file));
    for (const f of list) {
      const where = f.endLine > f.line ? `${f.line}-${f.endLine}` : `${f.line}:${f.column}`;
      const cwe = f.cwe.length ? ` ${c.dim(f.cwe.join(','))}` : '';
      const commit = f.commit ? c.dim(` (commit ${f.commit.slice(0, 12)})`) : '';
      out.push(`  ${c.dim(where.padEnd(9))} ${sevColor(c, f.severity)(f.severity.padEnd(8))} ${c.bold(f.ruleId)}${cwe}${commit}`);
      out.push(`  ${' '.repeat(9)} ${f.message}: ${c.magenta(f.preview)}${f.decoded ? c.dim(` (decoded: ${f.decoded})`) : ''}`);
      if (f.fix) out.push(`  ${' '.repeat(9)} ${c.dim('fix:')} ${f.fix}`);
    }
    out.push('');
  }
  const skippedNotable = res.skipped.filter((s) => s.reason !== 'excluded');
  if (skippedNotable.length) {
    const reasons = new Map<string, number>();
    for (const s of skippedNotable) reasons.set(s.reason, (reasons.get(s.reason) ?? 0) + 1);
    out.push(c.dim(`skipped: ${[...reasons].map(([r, n]) => `${n} ${r}`).join(', ')}`));
    // Name the files that were not scanned for a reason the user can change (size limit, permissions).
    const actionable = skippedNotable.filter((s) => s.reason === 'too-large' || s.reason === 'unreadable');
    for (const s of actionable.slice(0, MAX_LISTED_SKIPS)) out.push(c.dim(`  ${s.path} (${s.reason}${s.detail ? `: ${s.detail}` : ''})`));
    if (actionable.length > MAX_LISTED_SKIPS) out.push(c.dim(`  … and ${actionable.length - MAX_LISTED_SKIPS} more (see --format json)`));
    if (actionable.some((s) => s.reason === 'too-large')) out.push(c.dim('  raise the limit with --max-file-size or scan.maxFileSize'));
  }
  out.push((res.findings.length ? c.red.bold : c.green)(`mso: ${summaryLine(res)}`));
  if (res.findings.length) {
    out.push('');
    out.push('Ways out:');
    out.push('  1. Remove the value (and rotate it if it is a real credential); load it from the environment or a secret manager.');
    out.push(`  2. If it is not a secret or is acceptable here, add ${c.bold('mso:allow <reason>')} in a comment on that line.`);
    out.push(`  3. Accept today's findings: ${c.bold('mso scan --all --write-baseline .mso/baseline.json')} (later scans report only new ones).`);
  }
  return out.join('\n') + '\n';
}

import type { Finding, ScanResult } from '../../core/types.js';
import { colorWanted, makeChalk } from '../../report/text.js';

/**
 * What the git hooks print: one short line when clean, a findings table and
 * the ways out when blocked. Written to stderr (git shows it in the terminal
 * and in GUI clients' hook output). Only redacted previews, never a value.
 */

/** A path as the user can read it: control characters (newlines in names) are shown escaped. */
export function displayPath(p: string): string {
  return /[\u0000-\u001f\u007f]/.test(p) ? JSON.stringify(p) : p;
}

function cell(s: string, width: number): string {
  return s.length >= width ? s : s + ' '.repeat(width - s.length);
}

export function findingsTable(findings: Finding[], withCommit: boolean): string[] {
  const rows = findings.map((f) => [
    ...(withCommit ? [f.commit ? f.commit.slice(0, 12) : '-'] : []),
    displayPath(f.file),
    String(f.line),
    f.ruleId,
    f.severity,
    f.preview,
  ]);
  const head = [...(withCommit ? ['COMMIT'] : []), 'FILE', 'LINE', 'RULE', 'SEVERITY', 'PREVIEW (redacted)'];
  const widths = head.map((h, i) => Math.min(60, Math.max(h.length, ...rows.map((r) => r[i]!.length))));
  const line = (r: string[]) => '  ' + r.map((c, i) => (i === r.length - 1 ? c : cell(c, widths[i]!))).join('  ');
  return [line(head), ...rows.map(line)];
}

export function skippedNote(res: ScanResult): string {
  const counts = new Map<string, number>();
  for (const s of res.skipped) counts.set(s.reason, (counts.get(s.reason) ?? 0) + 1);
  return counts.size ? ` (skipped: ${[...counts].map(([r, n]) => `${n} ${r}`).join(', ')})` : '';
}

export function chalkFor(stream: NodeJS.WriteStream) {
  return makeChalk(colorWanted(stream));
}

/** The three ways out, and the honest word on --no-verify. */
export function waysOut(action: 'commit' | 'push'): string[] {
  return [
    'Ways out:',
    '  1. Remove the secret (and rotate it if it was ever real); load it from the environment or a secret manager.',
    '  2. If it is not a secret or is acceptable here, add `mso:allow <reason>` in a comment on that line.',
    action === 'commit'
      ? '  3. Accept it as known: record it in the baseline with `mso scan --all --write-baseline .mso/baseline.json`.'
      : '  3. Accept it as known: record it in the baseline with `mso scan --range <remote>/<branch>..HEAD --write-baseline .mso/baseline.json`.',
    `\`git ${action} --no-verify\` skips local hooks, but the same scan runs in CI (mso scan --range) and will flag it there.`,
  ];
}

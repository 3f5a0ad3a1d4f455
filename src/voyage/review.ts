import { scanCommits } from '../engine/api.js';
import type { ScanResult } from '../core/types.js';
import { renderJson } from '../report/json.js';
import { writeFileAtomic } from '../core/atomic-write.js';
import { msoPath } from '../workspace/layout.js';
import { branchHead } from './git.js';
import { now, updateVoyage, type VoyageRecord } from './record.js';

/**
 * The SEC review: every scanner over the lines the voyage added, commit by
 * commit, from its base commit to its head. Stricter than a human commit:
 * `mso:allow` markers the voyage added itself do not count (a crew must not
 * silence its own findings), and content that could not be reviewed (binary,
 * too large, unparsable) fails the review instead of being skipped.
 */
export interface ReviewOutcome {
  head: string;
  clean: boolean;
  result: ScanResult;
  unreviewable: ScanResult['skipped'];
  report: string;
}

export async function voyageHead(root: string, v: VoyageRecord): Promise<string> {
  return (v.branch ? await branchHead(root, v.branch) : undefined) ?? v.head ?? v.baseCommit;
}

export async function reviewVoyage(root: string, v: VoyageRecord): Promise<ReviewOutcome> {
  const head = await voyageHead(root, v);
  // MCP configuration checks join here through the registry when that scanner lands.
  const result = await scanCommits([`${v.baseCommit}..${head}`], { root, scanners: 'all' });
  const unreviewable = result.skipped.filter((s) => s.reason !== 'excluded' && s.reason !== 'submodule');
  const clean = result.findings.length === 0 && result.stats.suppressed === 0 && unreviewable.length === 0;
  const report = `.mso/reports/${v.id}-review.json`;
  const doc = JSON.parse(renderJson(result));
  writeFileAtomic(
    msoPath(root, 'reports', `${v.id}-review.json`),
    JSON.stringify({ voyage: v.id, head, base: v.baseCommit, clean, suppressedInline: result.stats.suppressed, unreviewable, ...doc }, null, 2) + '\n',
  );
  await updateVoyage(root, v.id, (rec) => {
    rec.head = head;
    rec.review = {
      head,
      clean,
      findings: result.findings.length,
      suppressedInline: result.stats.suppressed,
      unreviewable: unreviewable.length,
      report,
      at: now(),
    };
  });
  return { head, clean, result, unreviewable, report };
}

/** One-line reasons a review is not clean, for the gate and the CLI. */
export function reviewProblems(o: ReviewOutcome): string[] {
  const out: string[] = [];
  for (const f of o.result.findings) out.push(`${f.file}:${f.line} ${f.ruleId} (${f.severity}) ${f.preview}`);
  if (o.result.stats.suppressed) out.push(`${o.result.stats.suppressed} finding(s) silenced by mso:allow markers the voyage added itself (not honoured for voyages)`);
  for (const s of o.unreviewable) out.push(`${s.path}: could not be reviewed (${s.reason}${s.detail ? `: ${s.detail}` : ''})`);
  return out;
}

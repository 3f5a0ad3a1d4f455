import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MsoError } from '../core/errors.js';
import type { Finding } from '../core/types.js';
import { loadWorkspaceConfig, type WorkspaceConfig } from '../config/workspace.js';
import { scanStaged } from '../engine/api.js';
import { git, gitText } from '../sources/git.js';
import { writeFileAtomic } from '../core/atomic-write.js';
import { msoPath } from '../workspace/layout.js';
import { nextId, withWorkspaceLock, writeRecord } from '../workspace/records.js';
import { branchHead, commitConfig, currentBranch, mainRoot, slugify } from '../voyage/git.js';
import { loadVoyage, now, updateVoyage, type OrderRecord, type VoyageRecord, type VoyageStatus } from '../voyage/record.js';
import { reviewProblems, reviewVoyage } from '../voyage/review.js';
import { testCommand } from '../voyage/settings.js';
import { worktreeRel } from '../voyage/worktree.js';
import { installProcessGuard } from '../net/egress.js';
import { assertModelEgress, createClient, requireApiKey } from './client.js';
import { runCrew, type CrewEnd } from './crew.js';
import { describeFinding, findingRef, outgoingCheck } from './guards.js';
import { CrewProgress, type CrewStats } from './progress.js';

/**
 * `mso dispatch "ORDER"`: records the order, creates the voyage, its branch
 * voyage/VOY-NNNN-<slug> and a worktree (.mso/worktrees/VOY-NNNN) from the
 * base, runs the crew there, commits its work on the voyage branch and runs
 * the SEC review. The user's own working tree and index are never touched.
 *
 * Exit codes: 0 completed and review clean; 1 blocked (a secret) or review
 * findings; 2 error or failed voyage (API failure, limits); 130 interrupted.
 */
export interface DispatchOptions {
  orderFile?: string;
  model?: string;
  base?: string;
  maxTurns?: string;
  maxTokens?: string;
  quiet?: boolean;
}

function positiveInt(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new MsoError(`dispatch: ${name} must be a positive whole number (got '${value}')`);
  return n;
}

function readOrder(orderArg: string | undefined, opts: DispatchOptions): { text: string; source: string; label: string } {
  if (orderArg !== undefined && opts.orderFile) throw new MsoError('dispatch: give the order as an argument or with --order-file, not both');
  if (opts.orderFile) {
    const path = resolve(process.cwd(), opts.orderFile);
    if (!existsSync(path)) throw new MsoError(`dispatch: order file not found: ${opts.orderFile}`);
    const text = readFileSync(path, 'utf8');
    if (!text.trim()) throw new MsoError(`dispatch: order file is empty: ${opts.orderFile}`);
    return { text, source: `file:${opts.orderFile}`, label: opts.orderFile };
  }
  if (!orderArg?.trim()) throw new MsoError('dispatch: no order given (mso dispatch "ORDER" or --order-file FILE)');
  return { text: orderArg, source: 'argument', label: 'order' };
}

const out = (s: string) => process.stdout.write(s + '\n');
const err = (s: string) => process.stderr.write(s + '\n');

export async function runDispatch(orderArg: string | undefined, opts: DispatchOptions): Promise<number> {
  const order = readOrder(orderArg, opts);
  const root = await mainRoot(process.cwd());
  const config = loadWorkspaceConfig(root);
  const apiKey = requireApiKey();
  const model = opts.model ?? config.dispatch.model;
  const maxTurns = positiveInt(opts.maxTurns, '--max-turns', config.dispatch.maxTurns);
  const maxTokens = positiveInt(opts.maxTokens, '--max-tokens', config.dispatch.maxTokens);
  installProcessGuard(root);
  assertModelEgress(root);
  // The add-on's tier check; without a configured licence it is the community tier and nothing is sent.
  await (await import('../licence/licence.js')).requireLicence(root, 'dispatch');

  const base = opts.base ?? (await currentBranch(root));
  if (!base) throw new MsoError('dispatch: HEAD is detached; name the base branch with --base');
  const baseCommit = await branchHead(root, base);
  if (!baseCommit) throw new MsoError(`dispatch: base branch '${base}' does not exist or has no commits`);

  // The order is scanned before anything is recorded: a secret in it is never written to .mso/ nor sent.
  const ctx0 = { root, config, worktree: root };
  const orderScan = await outgoingCheck(ctx0, [{ path: order.label, text: order.text }]);
  const withheld = orderScan.findings.length > 0;
  const title = withheld ? '(order withheld: it holds a secret)' : (order.text.trim().split('\n')[0] ?? '').slice(0, 100);

  const { voyage } = await withWorkspaceLock(root, async () => {
    const orderId = nextId(root, 'orders');
    const voyageId = nextId(root, 'voyages');
    const stamp = now();
    const rec: OrderRecord = { id: orderId, createdAt: stamp, text: withheld ? '' : order.text, source: order.source, withheld, voyage: voyageId };
    const branch = withheld ? null : `voyage/${voyageId}-${slugify(title)}`;
    const v: VoyageRecord = {
      id: voyageId,
      order: orderId,
      title,
      status: withheld ? 'blocked' : 'running',
      reason: withheld ? 'the order holds a secret; nothing was sent' : null,
      branch,
      base,
      baseCommit,
      head: baseCommit,
      worktree: null,
      model,
      pid: withheld ? null : process.pid,
      createdAt: stamp,
      updatedAt: stamp,
      crew: { turns: 0, toolCalls: 0, inputTokens: 0, outputTokens: 0, refusals: 0, filesWritten: [] },
      blockedBy: orderScan.findings.map(findingRef),
      review: null,
      gate: null,
      approval: null,
      merge: null,
    };
    if (branch) {
      // Branch and worktree are made under the lock too: concurrent dispatches never race in git.
      const rel = worktreeRel(voyageId);
      await git(['worktree', 'add', '-q', '-b', branch, join(root, rel), baseCommit], { cwd: root });
      v.worktree = rel;
    }
    // Records last: if git refused (say, the branch exists), nothing half-made is left in .mso/.
    writeRecord(root, 'orders', orderId, rec);
    writeRecord(root, 'voyages', voyageId, v);
    return { voyage: v };
  });

  if (withheld) {
    err(`mso: ${voyage.id} blocked: the order holds a secret, so nothing was sent to the model and nothing was recorded of it:`);
    for (const f of orderScan.findings) err(`  ${describeFinding(f)}`);
    err('Remove the secret from the order and dispatch again.');
    return 1;
  }
  return crewVoyage(root, config, voyage, order, { apiKey, model, maxTurns, maxTokens, quiet: !!opts.quiet });
}

async function crewVoyage(
  root: string,
  config: WorkspaceConfig,
  voyage: VoyageRecord,
  order: { text: string; label: string },
  o: { apiKey: string; model: string; maxTurns: number; maxTokens: number; quiet: boolean },
): Promise<number> {
  const worktree = realpathSync(join(root, voyage.worktree!));
  const stats: CrewStats = { turns: 0, toolCalls: 0, inputTokens: 0, outputTokens: 0, refusals: 0, filesWritten: [] };
  const progress = new CrewProgress(voyage.id, stats, o.quiet);
  const abort = new AbortController();
  let sigints = 0;
  const onSigint = () => {
    sigints++;
    abort.abort();
    if (sigints > 1) process.exit(130);
  };
  process.on('SIGINT', onSigint);
  if (!o.quiet) err(`mso: ${voyage.id} on ${voyage.branch} (base ${voyage.base}), worktree ${voyage.worktree}`);

  let end: CrewEnd;
  progress.start();
  try {
    const { client, classify } = await createClient(root, { apiKey: o.apiKey, maxRetries: config.dispatch.maxRetries, timeoutMs: config.dispatch.requestTimeoutMs });
    end = await runCrew({
      voyageId: voyage.id,
      order: order.text,
      orderLabel: order.label,
      orderChecked: true,
      model: o.model,
      maxTurns: o.maxTurns,
      maxTokens: o.maxTokens,
      client,
      classify,
      tools: { root, config, worktree, testCommand: testCommand(config), testTimeoutMs: config.dispatch.testTimeoutMs, signal: abort.signal },
      stats,
      progress,
      signal: abort.signal,
    });
  } catch (e) {
    end = { outcome: 'failed', reason: `internal error: ${(e as Error).message}` };
  } finally {
    progress.stop();
  }

  // Whatever happened, the crew's work is committed on the voyage branch (after a last secret scan), so branch and record agree.
  let commit: { head: string; committed: boolean; findings: Finding[] };
  try {
    commit = await commitWork(root, config, worktree, voyage);
  } catch (e) {
    commit = { head: voyage.baseCommit, committed: false, findings: [] };
    if (end.outcome === 'completed') end = { outcome: 'failed', reason: `could not commit the crew's work: ${(e as Error).message}` };
  }
  process.off('SIGINT', onSigint);
  if (commit.findings.length) end = { outcome: 'blocked', reason: "the crew's changes hold a secret; they were not committed", findings: commit.findings };

  const status: VoyageStatus = end.outcome;
  await updateVoyage(root, voyage.id, (v) => {
    v.status = status;
    v.pid = null;
    v.reason = end.outcome === 'completed' ? null : end.reason;
    v.head = commit.head;
    v.crew = { ...stats };
    if (end.outcome === 'blocked') v.blockedBy = end.findings.map(findingRef);
  });

  // Everything is recorded (plan, review) before anything is printed: a reader that
  // leaves early (`| head -1`) can never leave the voyage half recorded.
  const lines: string[] = [];
  const code = await finishVoyage(root, config, worktree, voyage, stats, end, commit, lines);
  for (const line of lines) out(line);
  return code;
}

async function finishVoyage(
  root: string,
  config: WorkspaceConfig,
  worktree: string,
  voyage: VoyageRecord,
  stats: CrewStats,
  end: CrewEnd,
  commit: { head: string; committed: boolean },
  lines: string[],
): Promise<number> {
  const out = (line: string) => lines.push(line);
  out(`${voyage.id} ${end.outcome}: ${stats.turns} turn(s), ${stats.toolCalls} tool call(s), ${stats.inputTokens + stats.outputTokens} tokens (${stats.inputTokens} in, ${stats.outputTokens} out), ${stats.refusals} refusal(s)`);
  out(`  order    ${voyage.order}: ${voyage.title}`);
  out(`  branch   ${voyage.branch} (base ${voyage.base})${commit.committed ? `, commit ${commit.head.slice(0, 12)}` : ', no commit'}`);
  if (stats.filesWritten.length) out(`  changed  ${stats.filesWritten.join(', ')}`);
  if (end.outcome === 'blocked') {
    out(`  blocked  ${end.reason}:`);
    for (const f of end.findings) out(`    ${describeFinding(f)}`);
    return 1;
  }
  if (end.outcome !== 'completed') {
    out(`  reason   ${end.reason}`);
    out('  nothing was merged; inspect with: mso voyage show ' + voyage.id);
    return end.outcome === 'interrupted' ? 130 : 2;
  }
  if (end.summary) {
    const s = await outgoingCheck({ root, config, worktree }, [{ path: 'crew summary', text: end.summary }]);
    const summary = s.findings.length ? '(withheld: it holds a secret)' : end.summary;
    out(`  summary  ${summary.split('\n').join('\n           ')}`);
    // The crew's own account of what it did, next to the records (.mso/plans/ is local state).
    writeFileAtomic(
      msoPath(root, 'plans', `${voyage.id}.md`),
      `# ${voyage.id}: ${voyage.title}\n\nOrder ${voyage.order}, branch ${voyage.branch}, commit ${commit.head}\n\nFiles: ${stats.filesWritten.join(', ') || '(none)'}\n\n## Crew summary\n\n${summary}\n`,
    );
  }
  const review = await reviewVoyage(root, loadVoyage(root, voyage.id));
  if (review.clean) {
    out(`  review   clean (${review.report})`);
    out(`  next     mso voyage gate ${voyage.id} && mso voyage merge ${voyage.id}`);
    return 0;
  }
  const problems = reviewProblems(review);
  out(`  review   ${problems.length} problem(s) (${review.report}):`);
  for (const p of problems) out(`    ${p}`);
  out('  the voyage cannot merge until its review is clean');
  return 1;
}

/** Stages the crew's work in its worktree, secret-scans it and commits it on the voyage branch. */
async function commitWork(
  root: string,
  config: WorkspaceConfig,
  worktree: string,
  voyage: VoyageRecord,
): Promise<{ head: string; committed: boolean; findings: Finding[] }> {
  await git(['add', '-A'], { cwd: worktree });
  const staged = (await gitText(['diff', '--cached', '--name-only'], { cwd: worktree })).trim();
  const head = (await gitText(['rev-parse', 'HEAD'], { cwd: worktree })).trim();
  if (!staged) return { head, committed: false, findings: [] };
  const scan = await scanStaged({ root: worktree, config, scanners: ['secrets'], useBaseline: false });
  if (scan.findings.length || scan.stats.suppressed) {
    await git(['reset', '-q'], { cwd: worktree });
    return { head, committed: false, findings: scan.findings };
  }
  const message = `${voyage.id}: ${voyage.title}\n\nOrder ${voyage.order} carried out by an mso dispatch crew on ${voyage.branch}.\n`;
  await git([...(await commitConfig(worktree)), 'commit', '-q', '--no-verify', '-F', '-'], { cwd: worktree, input: message });
  return { head: (await gitText(['rev-parse', 'HEAD'], { cwd: worktree })).trim(), committed: true, findings: [] };
}

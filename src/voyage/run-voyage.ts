import { MsoError } from '../core/errors.js';
import { loadWorkspaceConfig } from '../config/workspace.js';
import { renderText } from '../report/text.js';
import { git, gitText } from '../sources/git.js';
import { normalizeId } from '../workspace/records.js';
import { branchHead, mainRoot } from './git.js';
import { protectedChanges, runGate, type GateOutcome } from './gate.js';
import { mergeVoyage } from './merge.js';
import { isStale, listVoyages, loadOrder, loadVoyage, now, statusText, updateVoyage } from './record.js';
import { reviewProblems, reviewVoyage, voyageHead } from './review.js';
import { protectedPatterns } from './settings.js';
import { removeWorktree } from './worktree.js';

/** The `mso voyage` subcommands. Exit codes: 0 ok / pass / clean, 1 findings / gate failed, 2 error. */
const out = (s: string) => process.stdout.write(s + '\n');

async function setup(idArg: string) {
  const root = await mainRoot(process.cwd());
  const id = normalizeId('voyages', idArg);
  return { root, id, v: loadVoyage(root, id) };
}

export async function listCommand(opts: { json?: boolean }): Promise<number> {
  const root = await mainRoot(process.cwd());
  const voyages = listVoyages(root);
  if (opts.json) {
    out(JSON.stringify(voyages, null, 2));
    return 0;
  }
  if (voyages.length === 0) {
    out('no voyages yet (mso dispatch "ORDER" starts one)');
    return 0;
  }
  for (const v of voyages) {
    const review = v.review ? (v.review.clean ? 'review clean' : 'review FAILED') : 'not reviewed';
    const gate = v.gate ? (v.gate.passed ? 'gate passed' : 'gate FAILED') : 'no gate';
    out(`${v.id}  ${statusText(v).padEnd(11)} ${(v.branch ?? '(no branch)').padEnd(40)} ${review}, ${gate}  ${v.title}`);
  }
  return 0;
}

export async function showCommand(idArg: string, opts: { json?: boolean }): Promise<number> {
  const { root, v } = await setup(idArg);
  const order = loadOrder(root, v.order);
  const head = await voyageHead(root, v);
  const diffstat = head !== v.baseCommit ? (await gitText(['diff', '--stat', v.baseCommit, head], { cwd: root })).trimEnd() : '';
  if (opts.json) {
    out(JSON.stringify({ ...v, orderRecord: order, currentHead: head, diffstat }, null, 2));
    return 0;
  }
  out(`${v.id}  ${statusText(v)}${v.reason ? ` (${v.reason})` : ''}`);
  out(`order     ${order.id} (${order.source})${order.withheld ? ': withheld, it held a secret' : ''}`);
  if (!order.withheld) for (const l of order.text.trimEnd().split('\n')) out(`          ${l}`);
  out(`branch    ${v.branch ?? '(none)'}  base ${v.base} at ${v.baseCommit.slice(0, 12)}  head ${head.slice(0, 12)}`);
  out(`worktree  ${v.worktree ?? '(none)'}`);
  out(`model     ${v.model}; crew: ${v.crew.turns} turns, ${v.crew.toolCalls} tool calls, ${v.crew.inputTokens + v.crew.outputTokens} tokens, ${v.crew.refusals} refusals`);
  for (const b of v.blockedBy) out(`blocked   ${b.file}:${b.line} ${b.ruleId} (${b.severity}) ${b.preview}`);
  if (diffstat) out(`diffstat\n${diffstat.split('\n').map((l) => '  ' + l).join('\n')}`);
  else out('diffstat  (no changes)');
  out(`review    ${v.review ? `${v.review.clean ? 'clean' : `FAILED: ${v.review.findings} finding(s), ${v.review.suppressedInline} self-suppressed, ${v.review.unreviewable} unreviewable`} at ${v.review.head.slice(0, 12)} (${v.review.report})${v.review.head !== head ? ' — stale: the head moved' : ''}` : 'not run'}`);
  if (v.gate) {
    out(`gate      ${v.gate.passed ? 'passed' : 'FAILED'} at ${v.gate.head.slice(0, 12)}${v.gate.head !== head ? ' — stale: the head moved' : ''}`);
    for (const c of v.gate.checks) out(`  ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`);
  } else out('gate      not run');
  if (v.approval) out(`approval  ${v.approval.paths.join(', ') || '(no protected paths)'} by ${v.approval.by} at ${v.approval.head.slice(0, 12)}`);
  if (v.merge) out(`merged    ${v.merge.commit.slice(0, 12)} at ${v.merge.at}`);
  return 0;
}

export async function reviewCommand(idArg: string, opts: { json?: boolean }): Promise<number> {
  const { root, v } = await setup(idArg);
  const r = await reviewVoyage(root, v);
  if (opts.json) {
    const { readFileSync } = await import('node:fs');
    process.stdout.write(readFileSync(`${root}/${r.report}`, 'utf8'));
    return r.clean ? 0 : 1;
  }
  if (r.result.findings.length) process.stdout.write(renderText(r.result, false));
  const problems = reviewProblems(r).filter((_, i) => i >= r.result.findings.length);
  for (const p of problems) out(`mso: ${p}`);
  out(`${v.id} SEC review ${r.clean ? 'clean' : 'FAILED'} at ${r.head.slice(0, 12)} (${v.baseCommit.slice(0, 12)}..${r.head.slice(0, 12)}); report ${r.report}`);
  return r.clean ? 0 : 1;
}

function printGate(id: string, g: GateOutcome): void {
  for (const c of g.checks) out(`  ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`);
  const failed = g.checks.filter((c) => !c.ok).map((c) => c.name);
  out(`${id} REL gate ${g.passed ? 'passed' : `FAILED (${failed.join(', ')})`} at ${g.head.slice(0, 12)}`);
}

export async function gateCommand(idArg: string): Promise<number> {
  const { root, id, v } = await setup(idArg);
  const g = await runGate(root, v);
  printGate(id, g);
  return g.passed ? 0 : 1;
}

export async function approveCommand(idArg: string): Promise<number> {
  const { root, id, v } = await setup(idArg);
  if (v.status === 'abandoned' || v.status === 'merged') throw new MsoError(`${id} is ${v.status}; nothing to approve`);
  const head = await voyageHead(root, v);
  const config = loadWorkspaceConfig(root);
  const paths = await protectedChanges(root, v, head, await branchHead(root, v.base), protectedPatterns(config));
  const by = (await git(['config', 'user.name'], { cwd: root, okCodes: [1] })).stdout.toString().trim() || process.env.USER || 'unknown';
  await updateVoyage(root, id, (rec) => {
    rec.approval = { head, paths, by, at: now() };
  });
  if (paths.length === 0) out(`${id}: no protected path changed at ${head.slice(0, 12)}; approval recorded anyway`);
  else out(`${id}: ${by} approved the protected path change(s) at ${head.slice(0, 12)}: ${paths.join(', ')}\n(any later commit on the voyage needs a new approval)`);
  return 0;
}

export async function mergeCommand(idArg: string): Promise<number> {
  const { root, id } = await setup(idArg);
  const res = await mergeVoyage(root, id);
  printGate(id, res.gate);
  if (!res.merged) {
    out(`${id} NOT merged: the REL gate failed; ${loadVoyage(root, id).base} is untouched`);
    return 1;
  }
  const v = loadVoyage(root, id);
  out(`${id} merged into ${v.base}: ${res.commit}`);
  return 0;
}

export async function abandonCommand(idArg: string): Promise<number> {
  const { root, id, v } = await setup(idArg);
  if (v.status === 'merged') throw new MsoError(`${id} is already merged; it cannot be abandoned`);
  if (v.status === 'running' && !isStale(v)) throw new MsoError(`${id} is still running (process ${v.pid}); stop it with Ctrl-C first`);
  if (v.status === 'abandoned') {
    out(`${id} is already abandoned`);
    return 0;
  }
  const head = await voyageHead(root, v);
  await removeWorktree(root, v);
  if (v.branch) await git(['branch', '-D', v.branch], { cwd: root, okCodes: [1] });
  await updateVoyage(root, id, (rec) => {
    rec.status = 'abandoned';
    rec.pid = null;
    rec.head = head;
    rec.worktree = null;
  });
  out(`${id} abandoned: worktree removed${v.branch ? `, branch ${v.branch} deleted (last head ${head.slice(0, 12)})` : ''}`);
  return 0;
}

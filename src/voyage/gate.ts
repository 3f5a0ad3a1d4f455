import { spawn } from 'node:child_process';
import { writeFileAtomic } from '../core/atomic-write.js';
import { loadWorkspaceConfig } from '../config/workspace.js';
import { git } from '../sources/git.js';
import { msoPath } from '../workspace/layout.js';
import { branchHead, changedPaths } from './git.js';
import { checkVoyageContent } from './merge-guard.js';
import { now, updateVoyage, type GateCheck, type VoyageRecord } from './record.js';
import { reviewProblems, reviewVoyage } from './review.js';
import { isProtected, protectedPatterns, scrubbedEnv, testCommand } from './settings.js';
import { ensureWorktree, worktreeState } from './worktree.js';

/**
 * The REL gate, for the voyage's current head: review clean, tests pass in the
 * voyage worktree, no protected path changed without approval at this head,
 * and a clean merge into the base. Every check runs, so every failure is listed.
 */
export interface GateOutcome {
  head: string;
  baseHead: string;
  passed: boolean;
  checks: GateCheck[];
  /** Tree of the merge result when it merges cleanly. */
  mergeTree?: string;
}

export async function runGate(root: string, v: VoyageRecord): Promise<GateOutcome> {
  const config = loadWorkspaceConfig(root);
  const checks: GateCheck[] = [];
  const add = (name: string, ok: boolean, detail: string) => checks.push({ name, ok, detail });

  // Only a voyage whose crew finished may merge: failed, blocked or interrupted work stays on its branch.
  const stateOk = v.status === 'completed' && !!v.branch;
  add('state', stateOk, stateOk ? 'crew finished (completed)' : `voyage is ${v.status}${v.reason ? ` (${v.reason})` : ''}; only a completed voyage can merge`);

  const baseHead = await branchHead(root, v.base);
  const head = (v.branch ? await branchHead(root, v.branch) : undefined) ?? v.head ?? v.baseCommit;
  if (!baseHead) add('base', false, `base branch '${v.base}' does not exist`);
  add('changes', head !== v.baseCommit, head !== v.baseCommit ? `head ${head.slice(0, 12)}` : 'the voyage has no commits: nothing to merge');

  const review = await reviewVoyage(root, v);
  const problems = reviewProblems(review);
  add('review', review.clean, review.clean ? `clean at ${head.slice(0, 12)} (${review.report})` : `${problems.length} problem(s): ${problems.join('; ')} (${review.report})`);

  add(...(await testsCheck(root, v, head, testCommand(config), config.dispatch.testTimeoutMs)));

  const touched = await protectedChanges(root, v, head, baseHead, protectedPatterns(config));
  const approved = v.approval && v.approval.head === head ? new Set(v.approval.paths) : new Set<string>();
  const unapproved = touched.filter((p) => !approved.has(p));
  if (touched.length === 0) add('protected-paths', true, 'no protected path changed');
  else if (unapproved.length === 0) add('protected-paths', true, `changed with approval by ${v.approval!.by}: ${touched.join(', ')}`);
  else
    add(
      'protected-paths',
      false,
      `protected path(s) changed without approval at this head: ${unapproved.join(', ')} (a person may approve with: mso voyage approve ${v.id})`,
    );

  let mergeTree: string | undefined;
  if (baseHead) {
    const res = await git(['merge-tree', '--write-tree', '--no-messages', baseHead, head], { cwd: root, okCodes: [1] });
    const out = res.stdout.toString('utf8').split('\n');
    if (res.code === 0) {
      mergeTree = out[0]!.trim();
      add('mergeable', true, `merges cleanly into ${v.base}`);
    } else {
      const files = out.slice(1).filter(Boolean).map((l) => l.split('\t')[1]).filter(Boolean);
      add('mergeable', false, `conflicts with ${v.base}${files.length ? `: ${[...new Set(files)].join(', ')}` : ''}`);
    }
  }

  // A crew may have copied another voyage's ungated changes: they must not ride in on this gate.
  const others = await checkVoyageContent(root, root, { revs: [head, ...(baseHead ? [`^${baseHead}`] : []), `^${v.baseCommit}`], forVoyage: v.id });
  add('other-voyages', others.ok, others.ok ? 'carries no changes of another voyage whose gate has not passed' : others.problems.join('; '));

  const passed = checks.every((c) => c.ok);
  const report = `.mso/reports/${v.id}-gate.json`;
  const at = now();
  writeFileAtomic(msoPath(root, 'reports', `${v.id}-gate.json`), JSON.stringify({ voyage: v.id, head, base: v.base, baseHead: baseHead ?? null, passed, checks, at }, null, 2) + '\n');
  await updateVoyage(root, v.id, (rec) => {
    rec.head = head;
    rec.gate = { head, baseHead: baseHead ?? '', passed, checks, report, at };
  });
  return { head, baseHead: baseHead ?? '', passed, checks, mergeTree };
}

/** Protected paths the voyage changes: from where it leaves the base (merge base) to its head. */
export async function protectedChanges(root: string, v: VoyageRecord, head: string, baseHead: string | undefined, patterns: string[]): Promise<string[]> {
  const mergeBase = baseHead ? ((await git(['merge-base', baseHead, head], { cwd: root, okCodes: [1] })).stdout.toString().trim() || v.baseCommit) : v.baseCommit;
  return (await changedPaths(root, mergeBase, head)).filter((p) => isProtected(p, patterns));
}

async function testsCheck(root: string, v: VoyageRecord, head: string, command: string | undefined, timeoutMs: number): Promise<[string, boolean, string]> {
  if (!command) return ['tests', true, 'no test command configured ("test" in .mso/workspace.json)'];
  if (!v.branch || v.status !== 'completed') return ['tests', false, `not run: the voyage is ${v.status}`];
  const wt = await ensureWorktree(root, v);
  const state = await worktreeState(wt);
  if (state.head !== head) return ['tests', false, `the worktree is at ${state.head.slice(0, 12)}, not the voyage head ${head.slice(0, 12)}`];
  if (state.dirty.length) return ['tests', false, `the worktree has uncommitted changes (${state.dirty.length}); commit or discard them first`];
  const res = await runCommand(command, wt, timeoutMs);
  if (res.code === 0) return ['tests', true, `\`${command}\` passed`];
  const tail = res.output.trim().split('\n').slice(-5).join(' | ');
  return ['tests', false, `\`${command}\` ${res.timedOut ? 'timed out' : `failed (exit ${res.code})`}${tail ? `: ${tail}` : ''}`];
}

/** Runs a shell command in a folder with our credentials removed from its environment. */
export function runCommand(command: string, cwd: string, timeoutMs: number, signal?: AbortSignal): Promise<{ code: number; output: string; timedOut: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(command, { cwd, shell: true, env: scrubbedEnv(), stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32' }); // mso:allow the REL gate runs the test command the user configured (docs/dispatch.md), by design
    const chunks: Buffer[] = [];
    let size = 0;
    const keep = (d: Buffer) => {
      chunks.push(d);
      size += d.length;
      while (size > 64 * 1024 && chunks.length > 1) size -= chunks.shift()!.length;
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let timedOut = false;
    const kill = () => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, timeoutMs);
    signal?.addEventListener('abort', kill, { once: true });
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ code: 127, output: e.message, timedOut });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', kill);
      resolve({ code: code ?? 1, output: Buffer.concat(chunks).toString('utf8'), timedOut });
    });
  });
}

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gitText } from '../sources/git.js';
import { branchHead, mainRoot, revList, revParse } from './git.js';
import { listVoyages, type VoyageRecord } from './record.js';

/**
 * What the git hooks ask before voyage commits reach the base or a remote:
 * every voyage commit among the entering ones must be part of a head whose
 * gate passed (it or an ancestor of it), and the voyage must not be abandoned.
 * Used by `mso hook pre-merge-commit` and by the pre-push hook.
 */
export interface VoyageCheck {
  ok: boolean;
  problems: string[];
}

async function voyageCommits(root: string, v: VoyageRecord): Promise<string[]> {
  const tip = (v.branch ? await branchHead(root, v.branch) : undefined) ?? v.head;
  if (!tip || tip === v.baseCommit) return [];
  try {
    return await revList(root, [tip, `^${v.baseCommit}`]);
  } catch {
    return [];
  }
}

export async function checkVoyageCommits(root: string, entering: Iterable<string>): Promise<VoyageCheck> {
  const set = new Set(entering);
  const problems: string[] = [];
  if (set.size === 0) return { ok: true, problems };
  let voyages: VoyageRecord[];
  try {
    voyages = listVoyages(root);
  } catch (err) {
    return { ok: false, problems: [`cannot read voyage records: ${(err as Error).message}`] };
  }
  for (const v of voyages) {
    const mine = (await voyageCommits(root, v)).filter((c) => set.has(c));
    if (mine.length === 0) continue;
    if (v.status === 'abandoned') {
      problems.push(`${v.id} (${v.branch ?? 'no branch'}) was abandoned; its commits must not be merged`);
      continue;
    }
    if (!v.gate?.passed) {
      problems.push(`${v.id} (${v.branch}): the REL gate has not passed${v.gate ? ` (failed at ${v.gate.head.slice(0, 12)})` : ''}; run mso voyage gate ${v.id}, then mso voyage merge ${v.id}`);
      continue;
    }
    const gated = new Set(await revList(root, [v.gate.head, `^${v.baseCommit}`]));
    const ungated = mine.filter((c) => !gated.has(c));
    if (ungated.length) {
      problems.push(`${v.id} (${v.branch}): ${ungated.length} commit(s) after the head where the gate passed (${v.gate.head.slice(0, 12)}); run mso voyage gate ${v.id} again`);
    }
  }
  return { ok: problems.length === 0, problems };
}

/** For the pre-push hook: the commits being pushed (e.g. `git rev-list <local> --not --remotes`). */
export async function checkVoyagePush(root: string, commits: string[]): Promise<VoyageCheck> {
  return checkVoyageCommits(await mainRoot(root), commits);
}

/**
 * `mso hook pre-merge-commit`: git is about to record a merge. Voyage commits
 * whose gate has not passed are refused; then the merge is secret-scanned like
 * any commit (the pre-commit scan).
 */
export async function runPreMergeCommit(): Promise<number> {
  const code = await voyageMergeCheck();
  if (code !== 0) return code;
  return (await import('../hooks/git/pre-commit.js')).runPreCommit();
}

async function voyageMergeCheck(): Promise<number> {
  const cwd = process.cwd();
  const root = await mainRoot(cwd);
  const gitDir = (await gitText(['rev-parse', '--absolute-git-dir'], { cwd })).trim();
  // git exposes the commits being merged as GITHEAD_<sha> variables (MERGE_HEAD is written only later).
  const heads = Object.keys(process.env)
    .filter((k) => /^GITHEAD_[0-9a-f]{40,64}$/.test(k))
    .map((k) => k.slice('GITHEAD_'.length));
  const mergeHeadFile = join(gitDir, 'MERGE_HEAD');
  if (existsSync(mergeHeadFile)) heads.push(...readFileSync(mergeHeadFile, 'utf8').split('\n').map((s) => s.trim()).filter(Boolean));
  if (heads.length === 0) return 0;
  const entering = await revList(cwd, [...heads, '--not', 'HEAD']);
  const res = await checkVoyageCommits(root, entering);
  if (res.ok) return 0;
  process.stderr.write(`mso: merge blocked: voyage commits have not passed the REL gate\n${res.problems.map((p) => `  - ${p}`).join('\n')}\n`);
  return 1;
}

/** The commits a `git merge A B` or `git pull` in progress names: its arguments, or FETCH_HEAD's merge lines. */
async function mergeArguments(cwd: string, gitDir: string, action: string): Promise<string[]> {
  const words = action.trim().split(/\s+/);
  const heads: string[] = [];
  if (words[0] === 'pull') {
    const fetchHead = join(gitDir, 'FETCH_HEAD');
    if (existsSync(fetchHead)) {
      for (const line of readFileSync(fetchHead, 'utf8').split('\n')) {
        const [sha, flag] = line.split('\t');
        if (sha && flag === '') heads.push(sha);
      }
    }
    return heads;
  }
  for (const w of words.slice(1)) {
    if (w.startsWith('-')) continue;
    const sha = await revParse(cwd, w);
    if (sha) heads.push(sha);
  }
  return heads;
}

/**
 * `mso hook reference-transaction prepared`: git is about to update refs for a
 * merge (GIT_REFLOG_ACTION "merge ..." or "pull ..."). Called at the merge's
 * first transaction (ORIG_HEAD), before git touches the working tree, so a
 * fast-forward merge of an ungated voyage, which pre-merge-commit never sees,
 * is refused cleanly. Non-zero aborts the transaction and the merge.
 */
export async function runReferenceTransaction(state?: string): Promise<number> {
  if (state !== 'prepared') return 0;
  const action = process.env.GIT_REFLOG_ACTION ?? '';
  if (!/^(merge|pull)(\s|$)/.test(action)) return 0;
  const cwd = process.cwd();
  const root = await mainRoot(cwd);
  const gitDir = (await gitText(['rev-parse', '--absolute-git-dir'], { cwd })).trim();
  const heads = await mergeArguments(cwd, gitDir, action);
  if (heads.length === 0) return 0;
  const head = await revParse(cwd, 'HEAD');
  const entering = await revList(cwd, head ? [...heads, '--not', head] : heads);
  const res = await checkVoyageCommits(root, entering);
  if (res.ok) return 0;
  process.stderr.write(`mso: merge blocked: voyage commits have not passed the REL gate\n${res.problems.map((p) => `  - ${p}`).join('\n')}\n`);
  return 1;
}

/**
 * For the pre-push hook: `updates` are rev-list arguments (`tip ^remoteTip` pairs) and `fresh`
 * the tips of new refs (checked against every commit not on a remote-tracking ref).
 * Cheap when the repository has no voyages.
 */
export async function checkVoyagePushRevs(cwd: string, updates: string[], fresh: string[]): Promise<VoyageCheck> {
  const root = await mainRoot(cwd);
  if (listVoyages(root).length === 0) return { ok: true, problems: [] };
  const commits: string[] = [];
  if (updates.length) commits.push(...(await revList(root, updates)));
  if (fresh.length) commits.push(...(await revList(root, [...fresh, '--not', '--remotes'])));
  return checkVoyageCommits(root, commits);
}

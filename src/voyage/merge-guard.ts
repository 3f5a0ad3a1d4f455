import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gitText } from '../sources/git.js';
import { branchHead, mainRoot, revList } from './git.js';
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
export function checkVoyagePush(root: string, commits: string[]): Promise<VoyageCheck> {
  return checkVoyageCommits(root, commits);
}

/** `mso hook pre-merge-commit`: git is about to record a merge of MERGE_HEAD into HEAD. */
export async function runPreMergeCommit(): Promise<number> {
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

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gitText } from '../../sources/git.js';
import { currentBranch, mainRoot } from '../../voyage/git.js';
import { checkVoyageContent, formatProblems } from '../../voyage/merge-guard.js';
import { isProtectedBranchRef, protectedBranches } from '../../voyage/settings.js';
import { listVoyages } from '../../voyage/record.js';
import { couldNotCheck } from './fail-closed.js';
import { runPreCommit } from './pre-commit.js';
import { chalkFor } from './render.js';

/**
 * `mso hook pre-merge-commit`: git is about to record a merge. When it lands on
 * a protected branch, the merged commits and the merge result (the index) must
 * not carry content of a voyage whose REL gate has not passed (the voyage check
 * in voyage/merge-guard.ts); then the merge is secret-scanned like any commit.
 */
export async function runPreMergeCommit(): Promise<number> {
  let code: number;
  try {
    code = await voyageMergeCheck(process.cwd());
  } catch (e) {
    return couldNotCheck(e, { action: 'merge', check: 'voyage check', reproduce: '`mso voyage list`' });
  }
  if (code !== 0) return code;
  return runPreCommit();
}

async function voyageMergeCheck(cwd: string): Promise<number> {
  const root = await mainRoot(cwd);
  if (listVoyages(root).length === 0) return 0;
  const branch = await currentBranch(cwd);
  if (!branch || !isProtectedBranchRef(`refs/heads/${branch}`, protectedBranches(root))) return 0;
  const gitDir = (await gitText(['rev-parse', '--absolute-git-dir'], { cwd })).trim();
  // git exposes the commits being merged as GITHEAD_<sha> variables (MERGE_HEAD is written only later).
  const heads = Object.keys(process.env)
    .filter((k) => /^GITHEAD_[0-9a-f]{40,64}$/.test(k))
    .map((k) => k.slice('GITHEAD_'.length));
  const mergeHeadFile = join(gitDir, 'MERGE_HEAD');
  if (existsSync(mergeHeadFile)) heads.push(...readFileSync(mergeHeadFile, 'utf8').split('\n').map((s) => s.trim()).filter(Boolean));
  const res = await checkVoyageContent(root, cwd, { revs: heads.length ? [...heads, '--not', 'HEAD'] : [], staged: true });
  if (res.ok) return 0;
  process.stderr.write(formatProblems(chalkFor(process.stderr).red.bold(`mso: merge blocked: it brings changes of voyages whose REL gate has not passed into ${branch}`), res));
  return 1;
}

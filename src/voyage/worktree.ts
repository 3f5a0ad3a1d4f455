import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { git, gitText } from '../sources/git.js';
import { MsoError } from '../core/errors.js';
import type { VoyageRecord } from './record.js';

/** Voyage worktrees live in .mso/worktrees/<id> (ignored), never in the user's own tree. */
export function worktreeRel(id: string): string {
  return `.mso/worktrees/${id}`;
}

/** The voyage's worktree, recreated on its branch when it was removed. */
export async function ensureWorktree(root: string, v: VoyageRecord): Promise<string> {
  const rel = v.worktree ?? worktreeRel(v.id);
  const abs = join(root, rel);
  if (existsSync(join(abs, '.git'))) return abs;
  if (!v.branch) throw new MsoError(`${v.id} has no branch`);
  await git(['worktree', 'prune'], { cwd: root });
  await git(['worktree', 'add', '-q', abs, v.branch], { cwd: root });
  return abs;
}

export async function worktreeState(abs: string): Promise<{ head: string; dirty: string[] }> {
  const head = (await gitText(['rev-parse', 'HEAD'], { cwd: abs })).trim();
  const dirty = (await gitText(['status', '--porcelain', '--untracked-files=all'], { cwd: abs })).split('\n').filter(Boolean);
  return { head, dirty };
}

export async function removeWorktree(root: string, v: VoyageRecord): Promise<void> {
  const abs = join(root, v.worktree ?? worktreeRel(v.id));
  if (existsSync(abs)) await git(['worktree', 'remove', '--force', abs], { cwd: root, okCodes: [128] });
  await git(['worktree', 'prune'], { cwd: root });
}

import { existsSync, realpathSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { MsoError } from '../core/errors.js';
import { git, gitText, repoRoot } from '../sources/git.js';

/** Git plumbing that voyages need. Every failure is an MsoError (exit 2). */

/** The main repository's top level, also when called from inside a voyage worktree. */
export async function mainRoot(cwd: string): Promise<string> {
  const top = await repoRoot(cwd);
  if (!top) throw new MsoError(`${cwd} is not inside a git work tree (mso dispatch and mso voyage work on a git repository)`);
  const common = (await gitText(['rev-parse', '--path-format=absolute', '--git-common-dir'], { cwd })).trim();
  if (basename(common) === '.git') {
    const main = dirname(common);
    if (existsSync(main) && realpathSync(main) !== realpathSync(top)) return realpathSync(main);
  }
  return realpathSync(top);
}

export async function revParse(cwd: string, rev: string): Promise<string | undefined> {
  const { stdout, code } = await git(['rev-parse', '-q', '--verify', `${rev}^{commit}`], { cwd, okCodes: [1, 128] });
  return code === 0 ? stdout.toString('utf8').trim() : undefined;
}

export function branchHead(cwd: string, branch: string): Promise<string | undefined> {
  return revParse(cwd, `refs/heads/${branch}`);
}

export async function currentBranch(cwd: string): Promise<string | undefined> {
  const { stdout, code } = await git(['symbolic-ref', '-q', '--short', 'HEAD'], { cwd, okCodes: [1] });
  return code === 0 ? stdout.toString('utf8').trim() : undefined;
}

export async function isAncestor(cwd: string, a: string, b: string): Promise<boolean> {
  const { code } = await git(['merge-base', '--is-ancestor', a, b], { cwd, okCodes: [1] });
  return code === 0;
}

export async function revList(cwd: string, args: string[]): Promise<string[]> {
  return (await gitText(['rev-list', ...args, '--'], { cwd })).split('\n').filter(Boolean);
}

/** Paths that differ between two commits (no rename detection: both sides of a move count). */
export async function changedPaths(cwd: string, from: string, to: string): Promise<string[]> {
  const out = await git(['-c', 'core.quotePath=false', 'diff', '--name-only', '-z', '--no-renames', from, to, '--'], { cwd });
  return out.stdout.toString('utf8').split('\0').filter(Boolean);
}

/** A short, safe branch-name slug from an order's first words. */
export function slugify(text: string): string {
  const slug = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/g, '');
  return slug || 'order';
}

/** `-c` options for commits mso makes: an identity when the repository has none, and no signing prompt. */
export async function commitConfig(cwd: string): Promise<string[]> {
  const name = (await git(['config', 'user.name'], { cwd, okCodes: [1] })).stdout.toString().trim();
  const email = (await git(['config', 'user.email'], { cwd, okCodes: [1] })).stdout.toString().trim();
  const args = ['-c', 'commit.gpgsign=false'];
  if (!name) args.push('-c', 'user.name=mso dispatch');
  if (!email) args.push('-c', 'user.email=mso-dispatch@localhost');
  return args;
}

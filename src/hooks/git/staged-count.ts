import { git } from '../../sources/git.js';

/**
 * An independent count of what the commit adds, to cross-check the scan: if
 * files with added content are staged but the scan saw fewer, something went
 * wrong (a parse mismatch, an unreadable blob) and the hook must not pass.
 * One `git diff --cached --raw --numstat -z` call: raw entries (mode, status,
 * path) first, then numstat entries (added, deleted, path) in the same order.
 */
export interface StagedCount {
  /** Staged paths of any kind (including deletions and submodules). */
  changed: number;
  /** Non-submodule files that add lines or binary content: each must be scanned or skipped. */
  withContent: number;
  /** Every staged path (as git prints it with -z: unquoted). */
  paths: string[];
}

export async function countStaged(root: string): Promise<StagedCount> {
  const out = (
    await git(['diff', '--cached', '--no-renames', '--no-ext-diff', '--no-textconv', '--ignore-submodules=none', '--raw', '--numstat', '-z', '--no-abbrev'], { cwd: root })
  ).stdout.toString('utf8');
  const parts = out.split('\0');
  const modes: string[] = [];
  const statuses: string[] = [];
  const paths: string[] = [];
  let i = 0;
  while (i + 1 < parts.length && parts[i]!.startsWith(':')) {
    const meta = parts[i]!.slice(1).split(' ');
    modes.push(meta[1]!);
    statuses.push(meta[4]!);
    paths.push(parts[i + 1]!);
    i += 2;
  }
  let withContent = 0;
  for (let k = 0; k < modes.length && i < parts.length; k++, i++) {
    const [added] = parts[i]!.split('\t');
    if (statuses[k] === 'D' || modes[k] === '160000') continue;
    if (added === '-' || Number(added) > 0) withContent++;
  }
  return { changed: modes.length, withContent, paths };
}

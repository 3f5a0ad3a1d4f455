import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The workspace root for a folder: the nearest ancestor holding `.git` (a
 * folder, or the file of a linked worktree or submodule), else the folder
 * itself. Looks for `.git` rather than running git, which would cost a
 * process start on every hook call. The one definition every command and
 * hook uses.
 */
export function findWorkspaceRoot(cwd: string): string {
  for (let dir = cwd; ; ) {
    if (existsSync(join(dir, '.git'))) return dir;
    const up = dirname(dir);
    if (up === dir) return cwd;
    dir = up;
  }
}

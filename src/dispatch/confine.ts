import { existsSync, lstatSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, sep } from 'node:path';

/**
 * Confines a crew-supplied path to the voyage worktree: relative only, no
 * "..", nothing inside .git, and after resolving symlinks (of the path or of
 * its deepest existing ancestor) still inside the worktree.
 */
export class PathError extends Error {}

export interface Confined {
  /** Posix path relative to the worktree. */
  rel: string;
  abs: string;
}

export function confine(worktreeReal: string, input: unknown): Confined {
  if (typeof input !== 'string') throw new PathError('path must be a string');
  const raw = input.trim();
  if (raw.includes('\0')) throw new PathError('path contains a NUL byte');
  if (raw === '' || raw === '.' || raw === './') return { rel: '.', abs: worktreeReal };
  if (isAbsolute(raw) || raw.startsWith('/') || raw.startsWith('\\') || /^[A-Za-z]:/.test(raw) || raw.startsWith('~')) {
    throw new PathError(`absolute paths are not allowed (${raw}); use a path relative to the repository root`);
  }
  const parts = raw.split(/[\\/]+/).filter((p) => p !== '' && p !== '.');
  if (parts.includes('..')) throw new PathError(`".." is not allowed in paths (${raw})`);
  if (parts.some((p) => p.toLowerCase() === '.git')) throw new PathError(`.git is off limits (${raw})`);
  if (parts.length === 0) return { rel: '.', abs: worktreeReal };
  const abs = join(worktreeReal, ...parts);
  // Resolve symlinks on the deepest part that exists; what does not exist yet will be created under it.
  let probe = abs;
  while (!existsSync(probe) && !isSymlink(probe)) probe = dirname(probe);
  let real: string;
  try {
    real = realpathSync(probe);
  } catch {
    throw new PathError(`${raw}: a symbolic link on the path points nowhere`);
  }
  if (real !== worktreeReal && !real.startsWith(worktreeReal + sep)) {
    throw new PathError(`${raw} resolves outside the repository (symbolic link); refused`);
  }
  return { rel: parts.join('/'), abs };
}

function isSymlink(p: string): boolean {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

import { lstatSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { MsoError } from '../core/errors.js';
import { writeFileAtomic } from '../core/atomic-write.js';
import { hooksDir as packageHooksDir } from '../core/package-root.js';
import { gitText } from '../sources/git.js';
import { CHAINED_SUFFIX, GIT_HOOKS, MANAGED_MARKER, type Report } from './git-hooks.js';

/**
 * Hook scripts in the repository's effective hooks folder: `git rev-parse
 * --git-path hooks` honours core.hooksPath and resolves a linked worktree to
 * the shared folder. A user's existing hook is never overwritten: it is
 * renamed to `<hook>.pre-mso` and mso's script runs it first; uninstall puts
 * it back.
 */
export async function effectiveHooksDir(root: string): Promise<string> {
  const p = (await gitText(['rev-parse', '--path-format=absolute', '--git-path', 'hooks'], { cwd: root })).trim();
  if (!p) throw new MsoError('init: git did not report a hooks folder');
  return p;
}

function isManaged(path: string): boolean {
  try {
    return readFileSync(path, 'utf8').split('\n', 4).some((l) => l.startsWith(MANAGED_MARKER));
  } catch {
    return false;
  }
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

export function installHookScripts(root: string, dir: string): Report {
  const report: Report = [];
  const shown = (p: string) => (relative(root, p).startsWith('..') ? p : relative(root, p));
  // Check every hook before touching any, so a refusal leaves the folder as it was.
  for (const hook of GIT_HOOKS) {
    const target = join(dir, hook);
    if (exists(target) && !isManaged(target) && exists(target + CHAINED_SUFFIX)) {
      throw new MsoError(`init: ${shown(target)} is not mso's and ${shown(target + CHAINED_SUFFIX)} already exists; refusing to overwrite either. Move one of them away and run mso init again.`);
    }
  }
  mkdirSync(dir, { recursive: true });
  for (const hook of GIT_HOOKS) {
    const template = readFileSync(join(packageHooksDir(), hook), 'utf8');
    const target = join(dir, hook);
    const chained = target + CHAINED_SUFFIX;
    if (exists(target) && isManaged(target)) {
      if (readFileSync(target, 'utf8') === template && (statSync(target).mode & 0o111) !== 0) {
        report.push(`${hook}: already installed (${shown(target)}), nothing changed`);
      } else {
        writeFileAtomic(target, template, 0o755);
        report.push(`${hook}: updated ${shown(target)} to this version of mso`);
      }
      continue;
    }
    if (exists(target)) {
      renameSync(target, chained);
      writeFileAtomic(target, template, 0o755);
      report.push(`${hook}: installed ${shown(target)}; your existing hook was kept as ${shown(chained)} and runs first`);
    } else {
      writeFileAtomic(target, template, 0o755);
      report.push(`${hook}: installed ${shown(target)}`);
    }
  }
  return report;
}

export function uninstallHookScripts(root: string, dir: string): Report {
  const report: Report = [];
  const shown = (p: string) => (relative(root, p).startsWith('..') ? p : relative(root, p));
  for (const hook of GIT_HOOKS) {
    const target = join(dir, hook);
    const chained = target + CHAINED_SUFFIX;
    if (!exists(target)) {
      if (exists(chained)) {
        renameSync(chained, target);
        report.push(`${hook}: restored your hook ${shown(target)}`);
      } else report.push(`${hook}: not installed, nothing to remove`);
      continue;
    }
    if (!isManaged(target)) {
      report.push(`${hook}: ${shown(target)} is not mso's, left alone`);
      continue;
    }
    rmSync(target);
    if (exists(chained)) {
      renameSync(chained, target);
      report.push(`${hook}: removed mso's hook and restored yours at ${shown(target)}`);
    } else report.push(`${hook}: removed ${shown(target)}`);
  }
  return report;
}


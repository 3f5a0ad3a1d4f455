import { statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { MsoError } from '../../core/errors.js';

/**
 * The workspace a hook call belongs to: the git top level above the payload's
 * cwd, or the cwd itself outside git. Found by looking for `.git` (a folder,
 * or the file of a worktree or submodule) rather than running git, which
 * would cost a process start on every tool call.
 */
export function hookCwd(payloadCwd: string | undefined): string {
  const cwd = payloadCwd ?? process.cwd();
  if (!isAbsolute(cwd)) throw new MsoError(`payload cwd '${cwd}' is not an absolute path`);
  let st;
  try {
    st = statSync(cwd);
  } catch {
    throw new MsoError(`payload cwd '${cwd}' does not exist`);
  }
  if (!st.isDirectory()) throw new MsoError(`payload cwd '${cwd}' is not a folder`);
  return resolve(cwd);
}

/** The workspace root: the one definition in src/workspace/root.ts. */
export { findWorkspaceRoot as workspaceRoot } from '../../workspace/root.js';

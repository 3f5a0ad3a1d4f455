import { errorMessage } from '../../core/errors.js';
import { repoRoot } from '../../sources/git.js';
import { chalkFor } from './render.js';

/**
 * What every git hook does when it cannot do its check: block, say why and
 * how to reproduce, and print the stack under MSO_DEBUG. Exit 2 (an error,
 * not a finding): mso never passes what it could not check.
 */
export function couldNotCheck(e: unknown, what: { action: string; check: string; reproduce: string }): 2 {
  const err = process.stderr;
  err.write(
    [
      chalkFor(err).red.bold(`mso: ${what.action} blocked: the ${what.check} could not run, and mso never passes a ${what.action} it could not check.`),
      `  reason: ${errorMessage(e)}`,
      `  Fix the cause and ${what.action} again (${what.reproduce} reproduces the check; MSO_DEBUG=1 shows details).`,
      '',
    ].join('\n'),
  );
  if (process.env.MSO_DEBUG && e instanceof Error && e.stack) err.write(e.stack + '\n');
  return 2;
}

/** The work tree's top level for a hook (git runs hooks inside it); an error outside one. */
export async function hookRoot(cwd = process.cwd()): Promise<string> {
  const root = await repoRoot(cwd);
  if (!root) throw new Error('not inside a git work tree');
  return root;
}

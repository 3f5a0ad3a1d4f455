import { MsoError } from '../core/errors.js';
import { gitText } from '../sources/git.js';
import type { InitOptions } from '../cli/commands/init.js';
import { installClaudeHooks } from './claude-settings.js';
import { effectiveHooksDir, installHookScripts, uninstallHookScripts } from './hooks-dir.js';
import { installHusky, uninstallHusky, usesHusky } from './husky.js';

/**
 * `mso init [--uninstall] [--claude]`: installs (or removes) mso's git hooks
 * in the repository of the current folder, husky-aware, and says what it did.
 * Idempotent: a second run changes nothing.
 */
export async function runInit(opts: InitOptions = {}): Promise<number> {
  let root: string;
  try {
    root = (await gitText(['rev-parse', '--show-toplevel'], { cwd: process.cwd() })).trim();
  } catch {
    throw new MsoError(`init: ${process.cwd()} is not inside a git work tree; run mso init in your repository`);
  }
  if (!root) throw new MsoError('init: this repository has no work tree (bare repository); run mso init in a clone');

  const out: string[] = [];
  if (usesHusky(root)) {
    out.push(...(opts.uninstall ? uninstallHusky(root) : await installHusky(root)));
    // Scripts from an install made before the repository adopted husky go too.
    if (opts.uninstall) out.push(...uninstallHookScripts(root, await effectiveHooksDir(root)).filter((l) => /removed|restored/.test(l)));
  } else {
    const dir = await effectiveHooksDir(root);
    out.push(...(opts.uninstall ? uninstallHookScripts(root, dir) : installHookScripts(root, dir)));
  }
  const say = (lines: string[]) => process.stdout.write(lines.map((l) => `mso init: ${l}\n`).join(''));
  say(out); // before --claude, so what was done is reported even if that part fails
  if (opts.claude) say(await installClaudeHooks(root, { uninstall: opts.uninstall }));
  return 0;
}

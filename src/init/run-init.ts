import { MsoError } from '../core/errors.js';
import { repoRoot } from '../sources/git.js';
import { installClaudeHooks } from './claude-settings.js';
import { effectiveHooksDir, installHookScripts, uninstallHookScripts } from './hooks-dir.js';
import { installHusky, uninstallHusky, usesHusky } from './husky.js';

/**
 * `mso init [--uninstall] [--claude]`: installs (or removes) mso's git hooks
 * in the repository of the current folder, husky-aware, and says what it did.
 * Idempotent: a second run changes nothing.
 */
export interface InitOptions {
  uninstall?: boolean;
  claude?: boolean;
}

export async function runInit(opts: InitOptions = {}): Promise<number> {
  const root = await repoRoot(process.cwd());
  if (!root) throw new MsoError(`init: ${process.cwd()} is not inside a git work tree; run mso init in your repository (a clone with a work tree)`);

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

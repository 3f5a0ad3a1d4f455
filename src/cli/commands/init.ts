import type { Command } from 'commander';
import type { InitOptions } from '../../init/run-init.js';
import { runAction } from '../exit.js';

/** `mso init`: install (or remove) the git hooks, and with --claude the Claude Code hooks. */
export function registerInit(program: Command): void {
  program
    .command('init')
    .description('Install mso in this repository: git hooks (husky, pre-commit or core.hooksPath aware), and Claude Code hooks with --claude')
    .option('--uninstall', 'remove exactly what mso init added')
    .option('--claude', 'also write the Claude Code hook configuration into .claude/settings.json')
    .action((opts: InitOptions) => runAction(async () => (await import('../../init/run-init.js')).runInit(opts)));
}

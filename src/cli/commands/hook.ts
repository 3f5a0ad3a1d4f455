import type { Command } from 'commander';
import { runAction } from '../exit.js';

/**
 * `mso hook <name>`: the entry points that git and Claude Code call. Each
 * loads only its own module, so a hook starts fast. Exit codes follow the
 * caller's protocol (git: non-zero blocks; Claude Code: 2 blocks).
 */
export function registerHook(program: Command): void {
  const hook = program.command('hook').description('Entry points for git hooks and Claude Code hooks (called by the installed hooks).');

  hook
    .command('pre-commit')
    .description('git pre-commit: scan the staged index; block on findings or on any error')
    .action(() => runAction(async () => (await import('../../hooks/git/pre-commit.js')).runPreCommit()));

  hook
    .command('pre-push')
    .description('git pre-push: scan every commit being pushed (reads the ref lines git writes on stdin)')
    .argument('[remote]', 'remote name (passed by git)')
    .argument('[url]', 'remote URL (passed by git)')
    .action((remote?: string, url?: string) =>
      runAction(async () => (await import('../../hooks/git/pre-push.js')).runPrePush(remote, url)),
    );

  hook
    .command('pre-merge-commit')
    .description('git pre-merge-commit: block a merge into a protected branch that carries changes of a voyage whose REL gate has not passed; then scan it like a commit')
    .action(() => runAction(async () => (await import('../../hooks/git/pre-merge-commit.js')).runPreMergeCommit()));

  hook
    .command('reference-transaction')
    .description('git reference-transaction: refuse moving a protected branch onto changes of a voyage whose REL gate has not passed (reads the ref lines on stdin)')
    .argument('[state]', 'transaction state (passed by git); only "prepared" is checked')
    .action((state?: string) => runAction(async () => (await import('../../hooks/git/reference-transaction.js')).runReferenceTransaction(state)));

  hook
    .command('pretool')
    .description('Claude Code PreToolUse: block a tool call that would send or write a secret (exit 2 blocks)')
    .action(() => runAction(async () => (await import('../../hooks/agent/pretool.js')).runPreTool()));

  hook
    .command('posttool')
    .description('Claude Code PostToolUse: scan what the agent just wrote and report findings back to it (exit 2)')
    .action(() => runAction(async () => (await import('../../hooks/agent/posttool.js')).runPostTool()));
}

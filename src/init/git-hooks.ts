/**
 * The git hooks mso installs, and how a hook file is recognised as mso's own.
 * pre-merge-commit runs the pre-commit scan for merges git commits by itself
 * (`git merge` without conflicts never runs pre-commit).
 */
export const GIT_HOOKS = ['pre-commit', 'pre-merge-commit', 'pre-push'] as const;
export type GitHookName = (typeof GIT_HOOKS)[number];

/** First-lines marker of a hook script written from mso's hooks/ folder. */
export const MANAGED_MARKER = '# mso-managed-hook:';

/** Suffix of a user's hook that mso keeps and chains to. */
export const CHAINED_SUFFIX = '.pre-mso';

/** One line per thing `mso init` did, for the user. */
export type Report = string[];

/** The `mso hook <command>` each git hook runs. */
export function hookCommand(hook: GitHookName): 'pre-commit' | 'pre-push' {
  return hook === 'pre-push' ? 'pre-push' : 'pre-commit';
}

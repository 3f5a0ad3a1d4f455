/** The git hooks mso installs, and how a hook file is recognised as mso's own. */
export const GIT_HOOKS = ['pre-commit', 'pre-push'] as const;
export type GitHookName = (typeof GIT_HOOKS)[number];

/** First-lines marker of a hook script written from mso's hooks/ folder. */
export const MANAGED_MARKER = '# mso-managed-hook:';

/** Suffix of a user's hook that mso keeps and chains to. */
export const CHAINED_SUFFIX = '.pre-mso';

/** One line per thing `mso init` did, for the user. */
export type Report = string[];

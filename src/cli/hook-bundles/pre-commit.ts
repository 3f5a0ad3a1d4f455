import { runPreCommit } from '../../hooks/git/pre-commit.js';
import { runHookCommand } from './run.js';

/** Entry of dist/cli/hook-pre-commit.cjs, the one file `mso hook pre-commit` loads (scripts/build.mjs). */
export const run = (): Promise<void> => runHookCommand('pre-commit', runPreCommit);

/** What this run ran, for the bundle's code cache (cli/bundle-loader.ts). */
export { codePathsRun } from '../../core/code-paths.js';

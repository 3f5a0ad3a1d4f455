import { runPostTool } from '../../hooks/agent/posttool.js';
import { runHookCommand } from './run.js';

/** Entry of dist/cli/hook-posttool.cjs, the one file `mso hook posttool` loads (scripts/build.mjs). */
export const run = (): Promise<void> => runHookCommand('posttool', runPostTool);

/** What this run ran, for the bundle's code cache (cli/bundle-loader.ts). */
export { codePathsRun } from '../../core/code-paths.js';

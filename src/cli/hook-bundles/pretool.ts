import { runPreTool } from '../../hooks/agent/pretool.js';
import { runHookCommand } from './run.js';

/** Entry of dist/cli/hook-pretool.cjs, the one file `mso hook pretool` loads (scripts/build.mjs). */
export const run = (): Promise<void> => runHookCommand('pretool', runPreTool);

/** What this run ran, for the bundle's code cache (cli/bundle-loader.ts). */
export { codePathsRun } from '../../core/code-paths.js';

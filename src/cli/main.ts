#!/usr/bin/env node
import { surviveClosedPipes } from './closed-pipe.js';
import { runAction } from './exit.js';
import { recordCommandTelemetry } from './command-telemetry.js';

surviveClosedPipes(); // EPIPE on stdout/stderr never crashes a command (closed-pipe.ts)

/**
 * The hooks that git and Claude Code start on every commit and tool call, taken straight to
 * their own module without commander or any other command's code (docs/benchmarks.md,
 * "Start-up"). Only the exact argument lists: anything else (`--help`, an extra argument)
 * goes through the full command line in program.ts, which defines the same commands.
 */
const fastHooks: Record<string, () => Promise<number | void>> = {
  pretool: async () => (await import('../hooks/agent/pretool.js')).runPreTool(),
  posttool: async () => (await import('../hooks/agent/posttool.js')).runPostTool(),
  'pre-commit': async () => (await import('../hooks/git/pre-commit.js')).runPreCommit(),
};

const args = process.argv.slice(2);
const fast = args.length === 2 && args[0] === 'hook' && Object.hasOwn(fastHooks, args[1]!) ? fastHooks[args[1]!] : undefined;
if (fast) {
  await runAction(fast);
  await recordCommandTelemetry(args);
} else {
  await (await import('./program.js')).runProgram(process.argv);
}

#!/usr/bin/env node
import { fileURLToPath } from 'node:url';
import { loadBundle } from './bundle-loader.js';
import { surviveClosedPipes } from './closed-pipe.js';

surviveClosedPipes(); // EPIPE on stdout/stderr never crashes a command (closed-pipe.ts)

/**
 * The hooks that git and Claude Code start on every commit and tool call, taken straight to
 * their own single-file bundle (dist/cli/hook-<name>.cjs, loaded with a V8 code cache by
 * bundle-loader.ts) without commander or any other command's code (docs/benchmarks.md,
 * "Start-up"). Only the exact argument lists: anything else (`--help`, an extra argument)
 * goes through the full command line in program.ts, which defines the same commands.
 * The imports below are the fallback when the bundle is not built (the same code, as modules).
 */
const fastHooks: Record<string, () => Promise<{ run: () => Promise<void> }>> = {
  pretool: () => import('./hook-bundles/pretool.js'),
  posttool: () => import('./hook-bundles/posttool.js'),
  'pre-commit': () => import('./hook-bundles/pre-commit.js'),
};

async function runFastHook(name: string): Promise<void> {
  try {
    const bundle = loadBundle(fileURLToPath(new URL(`./hook-${name}.cjs`, import.meta.url)));
    if (!bundle) return await (await fastHooks[name]!()).run();
    await (bundle.exports.run as () => Promise<void>)();
    bundle.saveCache();
  } catch (err) {
    // The hook's own errors are handled inside run(); this is a bundle that cannot load. Fail closed.
    process.stderr.write(`mso: internal error: the ${name} hook could not load: ${(err as Error)?.message ?? String(err)}\n`);
    process.exitCode = 2;
  }
}

/** Commands whose runs share a code cache of the full CLI bundle; any other first word shares one. */
const COMMANDS = new Set(['scan', 'init', 'hook', 'mcp', 'trust', 'telemetry', 'licence', 'license', 'dispatch', 'voyage']);

/** Every other command line: commander and the commands, from dist/cli/program.cjs (the same code as program.ts). */
async function runFullProgram(): Promise<void> {
  let bundle;
  try {
    bundle = loadBundle(fileURLToPath(new URL('./program.cjs', import.meta.url)), COMMANDS.has(args[0] ?? '') ? args[0] : 'other');
  } catch (err) {
    process.stderr.write(`mso: internal error: the command line could not load: ${(err as Error)?.message ?? String(err)}\n`);
    process.exitCode = 2;
    return;
  }
  if (!bundle) return (await import('./program.js')).runProgram(process.argv);
  await (bundle.exports.runProgram as (argv: string[]) => Promise<void>)(process.argv);
  bundle.saveCache();
}

const args = process.argv.slice(2);
if (args.length === 2 && args[0] === 'hook' && Object.hasOwn(fastHooks, args[1]!)) {
  await runFastHook(args[1]!);
} else {
  await runFullProgram();
}

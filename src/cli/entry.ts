import { fileURLToPath } from 'node:url';
import { loadBundle } from './bundle-loader.js';
import { drainStdio, surviveClosedPipes } from './closed-pipe.js';

/**
 * What `mso …` does, for both entries: dist/cli/main.cjs (the `mso` binary, CommonJS so that no ES
 * module loader starts) and dist/cli/main.js (the same as an ES module).
 *
 * The hooks that git and Claude Code start on every commit and tool call are taken straight to
 * their own single-file bundle (dist/cli/hook-<name>.cjs) without commander or any other command's
 * code (docs/benchmarks.md, "Start-up"); every other command line goes to the full CLI bundle
 * (dist/cli/program.cjs). Both are run by bundle-loader.ts with a V8 code cache. Only the exact
 * argument lists take the fast path: anything else (`--help`, an extra argument) goes through
 * the full command line, which defines the same commands.
 */
export const FAST_HOOKS = ['pretool', 'posttool', 'pre-commit'] as const;

/** Commands whose runs share a code cache of the full CLI bundle; any other first word shares one. */
const COMMANDS = new Set(['scan', 'init', 'hook', 'mcp', 'trust', 'telemetry', 'licence', 'license', 'dispatch', 'voyage']);

/** The same code as modules, for an entry that can import them when a bundle is missing (a partial build). */
export interface ModuleFallback {
  hook(name: string): Promise<{ run: () => Promise<void> }>;
  program(): Promise<{ runProgram: (argv: string[]) => Promise<void> }>;
}

export async function runCli(argv: string[], fallback?: ModuleFallback): Promise<void> {
  try {
    await run(argv, fallback);
  } catch (err) {
    // Nothing below should throw (commands and hooks turn their errors into exit codes), but a
    // rejection here would end Node with exit 1, which Claude Code takes as "allow": exit 2.
    process.stderr.write(`mso: internal error: ${(err as Error)?.message ?? String(err)}\n`);
    process.exitCode = 2;
  }
}

async function run(argv: string[], fallback?: ModuleFallback): Promise<void> {
  surviveClosedPipes(); // EPIPE on stdout/stderr never crashes a command (closed-pipe.ts)
  const args = argv.slice(2);
  const hook = args.length === 2 && args[0] === 'hook' && (FAST_HOOKS as readonly string[]).includes(args[1]!) ? args[1]! : undefined;
  const what = hook ? `the ${hook} hook` : 'the command line';
  let bundle;
  try {
    const file = fileURLToPath(new URL(hook ? `./hook-${hook}.cjs` : './program.cjs', import.meta.url));
    bundle = loadBundle(file, hook ? undefined : COMMANDS.has(args[0] ?? '') ? args[0] : 'other');
    if (!bundle && !fallback) throw new Error(`${file} is missing (rebuild or reinstall mso)`);
  } catch (err) {
    // The commands' own errors are handled inside them; this is a bundle that cannot load. Fail closed.
    process.stderr.write(`mso: internal error: ${what} could not load: ${(err as Error)?.message ?? String(err)}\n`);
    process.exitCode = 2;
    return;
  }
  if (!bundle) {
    if (hook) return (await fallback!.hook(hook)).run();
    return (await fallback!.program()).runProgram(argv);
  }
  if (hook) await (bundle.exports.run as () => Promise<void>)();
  else await (bundle.exports.runProgram as (argv: string[]) => Promise<void>)(argv);
  bundle.saveCache((bundle.exports.codePathsRun as (() => string[]) | undefined)?.());
  if (hook) {
    // A hook has nothing left to do once its output is out: exit now rather than let Node tear the
    // heap, the parsers' native memory and its threads down one by one (~14 ms of a posttool on a
    // .ts file, a tenth of it). Everything a hook starts is awaited before this point (git, the
    // record and cache writes are synchronous); the exit code is the one the hook set.
    await drainStdio();
    process.exit();
  }
}

import { Command, CommanderError } from 'commander';
import { msoVersion } from '../core/version.js';
import { recordCommandTelemetry } from './command-telemetry.js';
import { registerDispatch } from './commands/dispatch.js';
import { registerHook } from './commands/hook.js';
import { registerInit } from './commands/init.js';
import { registerMcp } from './commands/mcp.js';
import { registerScan } from './commands/scan.js';
import { registerLicence } from './commands/licence.js';
import { registerTelemetry } from './commands/telemetry.js';
import { registerTrust } from './commands/trust.js';
import { registerVoyage } from './commands/voyage.js';

/**
 * The mso command line. Each command registers its options here and loads its
 * implementation only when it runs, so `mso hook ...` starts fast.
 */
const program = new Command('mso')
  .description('Security scanners for git and AI coding agents: secrets, Python OWASP/CWE, git and agent hooks.')
  .version(msoVersion(), '-V, --version')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

registerScan(program);
registerInit(program);
registerHook(program);
registerMcp(program);
registerTrust(program);
registerTelemetry(program);
registerLicence(program);
registerDispatch(program);
registerVoyage(program);

/** The command's path below `mso`, e.g. ['hook', 'pretool']. */
function commandPath(action: Command): string[] {
  const names: string[] = [];
  for (let c: Command | null = action; c && c.parent; c = c.parent) names.unshift(c.name());
  return names;
}

/**
 * Program-wide, before every command: the process-wide egress guard (src/net/guard.ts) is
 * installed before any command's implementation loads, so every connection the process makes
 * is held to the workspace's residency mode (docs/ARCHITECTURE.md#air-gapped). The `mso hook
 * ...` entry points, which git and Claude Code start on every commit and tool call, make no
 * network connections and skip it to keep their start-up short; anything in them that did use
 * egressFetch would install it then.
 */
program.hook('preAction', async (_program, action) => {
  if (commandPath(action)[0] === 'hook') return;
  const [{ installProcessGuard }, { findWorkspaceRoot }] = await Promise.all([import('../net/guard.js'), import('../workspace/root.js')]);
  installProcessGuard(findWorkspaceRoot(process.cwd()));
});

/**
 * Program-wide, after every command: records an allow-listed `command.<name>` telemetry event.
 * It costs one stat when telemetry was never enabled (the common case), and never changes a
 * command's outcome.
 */
program.hook('postAction', async (_program, action) => {
  await recordCommandTelemetry(commandPath(action));
});

program.addHelpText(
  'after',
  `
Exit codes: 0 nothing found, 1 findings, 2 error (mso fails closed).
Docs: docs/ in the package, starting at README.md.`,
);

/** Runs the full command line (every command but the fast hook entries in main.ts). */
export async function runProgram(argv: string[]): Promise<void> {
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end with code 0; every usage error is exit 2, never 1 (1 means findings).
      process.exitCode = err.exitCode === 0 ? 0 : 2;
    } else {
      process.stderr.write(`mso: internal error: ${(err as Error).message}\n`);
      process.exitCode = 2;
    }
  }
}

/** What this run ran, for the bundle's code cache (cli/bundle-loader.ts). */
export { codePathsRun } from '../core/code-paths.js';

#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { msoVersion } from '../core/version.js';
import { surviveClosedPipes } from './closed-pipe.js';
import { registerDispatch } from './commands/dispatch.js';
import { registerHook } from './commands/hook.js';
import { registerInit } from './commands/init.js';
import { registerMcp } from './commands/mcp.js';
import { registerScan } from './commands/scan.js';
import { registerLicence } from './commands/licence.js';
import { registerTelemetry } from './commands/telemetry.js';
import { registerEgressGuard, registerTrust } from './commands/trust.js';
import { registerVoyage } from './commands/voyage.js';

surviveClosedPipes(); // EPIPE on stdout/stderr never crashes a command (closed-pipe.ts)

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
registerEgressGuard(program);
registerTelemetry(program);
registerLicence(program);
registerDispatch(program);
registerVoyage(program);

program.addHelpText(
  'after',
  `
Exit codes: 0 nothing found, 1 findings, 2 error (mso fails closed).
Docs: docs/ in the package, starting at README.md.`,
);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    // --help and --version end with code 0; every usage error is exit 2, never 1 (1 means findings).
    process.exitCode = err.exitCode === 0 ? 0 : 2;
  } else {
    process.stderr.write(`mso: internal error: ${(err as Error).message}\n`);
    process.exitCode = 2;
  }
}

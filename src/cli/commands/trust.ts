import type { Command } from 'commander';
type Impl = typeof import('../../trust/run-trust.js');
import { runAction } from '../exit.js';

/** `mso trust`: the table of what crosses which boundary, for this workspace and environment. */
export function registerTrust(program: Command): void {
  program
    .command('trust')
    .description('Show what crosses which boundary here: model calls, workspace state, telemetry, licence, residency mode')
    .option('--json', 'machine-readable output')
    .action((opts: Parameters<Impl['trustCommand']>[0]) => runAction(async () => (await import('../../trust/run-trust.js')).trustCommand(opts)));
}


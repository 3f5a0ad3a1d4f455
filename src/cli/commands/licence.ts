import type { Command } from 'commander';
import { runAction } from '../exit.js';

type Impl = typeof import('../../licence/run-licence.js');

/** `mso licence activate|status|deactivate`: the dispatch add-on's licence. Nothing else in mso needs one. */
export function registerLicence(program: Command): void {
  const l = program
    .command('licence')
    .alias('license')
    .description('Licence for the dispatch add-on (scanning, hooks, agent hooks and the MCP registry never need one)');

  l.command('activate')
    .description('activate a licence key (validated online), or install a signed offline licence file with --file')
    .argument('[key]', 'licence key')
    .option('--file <path>', 'signed offline licence file (air-gapped workspaces)')
    .action((key: string | undefined, opts: Parameters<Impl['activateCommand']>[1]) =>
      runAction(async () => (await import('../../licence/run-licence.js')).activateCommand(key, opts)),
    );
  l.command('status')
    .description('show the licence known locally (no network)')
    .option('--json', 'machine-readable output')
    .action((opts: Parameters<Impl['statusCommand']>[0]) => runAction(async () => (await import('../../licence/run-licence.js')).statusCommand(opts)));
  l.command('deactivate')
    .description('forget the stored key and this workspace\'s licence state')
    .action(() => runAction(async () => (await import('../../licence/run-licence.js')).deactivateCommand()));
}

import type { Command } from 'commander';
import { runAction } from '../exit.js';

const impl = () => import('../../voyage/run-voyage.js');
type Impl = Awaited<ReturnType<typeof impl>>;

/** `mso voyage ...`: review, gate, approve, merge, list, show and abandon voyages (docs/dispatch.md). */
export function registerVoyage(program: Command): void {
  const voyage = program.command('voyage').description('Voyages of mso dispatch: SEC review, REL gate, approval, merge');

  voyage
    .command('list')
    .description('List voyages')
    .option('--json', 'machine-readable output')
    .action((opts: Parameters<Impl['listCommand']>[0]) => runAction(async () => (await impl()).listCommand(opts)));
  voyage
    .command('show')
    .description('Show a voyage: order, status, diffstat, review and gate results')
    .argument('<id>', 'voyage id, e.g. VOY-0001')
    .option('--json', 'machine-readable output')
    .action((id: string, opts: Parameters<Impl['showCommand']>[1]) => runAction(async () => (await impl()).showCommand(id, opts)));
  voyage
    .command('review')
    .description("SEC review: every scanner over the voyage's diff from its base; exit 0 clean, 1 findings")
    .argument('<id>', 'voyage id')
    .option('--json', 'print the JSON report')
    .action((id: string, opts: Parameters<Impl['reviewCommand']>[1]) => runAction(async () => (await impl()).reviewCommand(id, opts)));
  voyage
    .command('gate')
    .description('REL gate: review clean, tests pass, no unapproved protected path, merges cleanly; exit 0 pass, 1 fail')
    .argument('<id>', 'voyage id')
    .action((id: string) => runAction(async () => (await impl()).gateCommand(id)));
  voyage
    .command('approve')
    .description("A person approves the protected paths the voyage changes, at its current head")
    .argument('<id>', 'voyage id')
    .action((id: string) => runAction(async () => (await impl()).approveCommand(id)));
  voyage
    .command('merge')
    .description('Merge into the base (merge commit naming the voyage), only when the gate passes now; exit 1 otherwise')
    .argument('<id>', 'voyage id')
    .action((id: string) => runAction(async () => (await impl()).mergeCommand(id)));
  voyage
    .command('abandon')
    .description('Abandon a voyage: remove its worktree and branch; it can never merge')
    .argument('<id>', 'voyage id')
    .action((id: string) => runAction(async () => (await impl()).abandonCommand(id)));
}

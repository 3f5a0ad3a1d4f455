import type { Command } from 'commander';
import type { DispatchOptions } from '../../dispatch/run-dispatch.js';
import { runAction } from '../exit.js';

/** `mso dispatch "ORDER"`: a crew carries out the order on a voyage branch (docs/dispatch.md). */
export function registerDispatch(program: Command): void {
  program
    .command('dispatch')
    .description('Give an order to a crew of model calls (your ANTHROPIC_API_KEY); it works on a voyage branch that merges only through the SEC review and the REL gate')
    .argument('[order]', 'the order, e.g. "add rate limiting to the login endpoint"')
    .option('--order-file <file>', 'read the order from a file')
    .option('--model <name>', 'model the crew uses (default: dispatch.model in .mso/workspace.json)')
    .option('--base <branch>', 'base branch the voyage starts from and merges into (default: the current branch)')
    .option('--max-turns <n>', 'most model turns the crew may take')
    .option('--max-tokens <n>', 'token budget (input + output) for the whole voyage')
    .option('-q, --quiet', 'no progress on stderr')
    .addHelpText(
      'after',
      `
Exit codes: 0 crew finished and review clean, 1 blocked by a secret or review findings,
2 error or failed voyage (missing key, API failure, limits), 130 interrupted (Ctrl-C).
Then: mso voyage gate VOY-0001 && mso voyage merge VOY-0001`,
    )
    .action((order: string | undefined, opts: DispatchOptions) => runAction(async () => (await import('../../dispatch/run-dispatch.js')).runDispatch(order, opts)));
}

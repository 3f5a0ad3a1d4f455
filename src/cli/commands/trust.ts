import type { Command } from 'commander';
import { runAction } from '../exit.js';

/** `mso trust`: the table of what crosses which boundary, for this workspace and environment. */
export function registerTrust(program: Command): void {
  program
    .command('trust')
    .description('Show what crosses which boundary here: model calls, workspace state, telemetry, licence, residency mode')
    .option('--json', 'machine-readable output')
    .action((opts: { json?: boolean }) => runAction(async () => (await import('../../trust/run-trust.js')).trustCommand(opts)));
}

/**
 * Installs the process-wide egress guard (src/net/guard.ts) before any
 * command's implementation loads, so every connection the process makes is
 * held to the workspace's residency mode (docs/ARCHITECTURE.md#air-gapped).
 * The `mso hook ...` entry points, which git and Claude Code start on every
 * commit and tool call, make no network connections and skip it to keep
 * their start-up short; anything in them that did use egressFetch would
 * install it then.
 */
export function registerEgressGuard(program: Command): void {
  program.hook('preAction', async (_program, action) => {
    let top: Command = action;
    while (top.parent && top.parent.parent) top = top.parent;
    if (top.name() === 'hook') return;
    const [{ installProcessGuard }, { findWorkspaceRoot }] = await Promise.all([import('../../net/guard.js'), import('../../workspace/root.js')]);
    installProcessGuard(findWorkspaceRoot(process.cwd()));
  });
}

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { findWorkspaceRoot } from '../../workspace/root.js';
import { runAction } from '../exit.js';

/**
 * `mso telemetry status|enable|disable|show|send`, and the hook that records
 * an allow-listed `command.<name>` event after a command ran. The hook costs
 * one stat when telemetry was never enabled (the common case), and never
 * changes a command's outcome.
 */
export function registerTelemetry(program: Command): void {
  const t = program
    .command('telemetry')
    .description('Opt-in usage telemetry (off by default): see what would be sent, switch it on or off');

  t.command('status')
    .description('show whether telemetry is on, where it would go, and how many events are queued')
    .option('--json', 'machine-readable output')
    .action((opts: { json?: boolean }) => runAction(async () => (await import('../../telemetry/run-telemetry.js')).statusCommand(opts)));
  t.command('enable')
    .description('switch telemetry on for this workspace (allow-listed command names only; see docs/TRUST.md)')
    .action(() => runAction(async () => (await import('../../telemetry/run-telemetry.js')).enableCommand()));
  t.command('disable')
    .description('switch telemetry off and delete the queue and the install id')
    .action(() => runAction(async () => (await import('../../telemetry/run-telemetry.js')).disableCommand()));
  t.command('show')
    .description('print exactly what is queued to be sent, byte for byte')
    .action(() => runAction(async () => (await import('../../telemetry/run-telemetry.js')).showCommand()));
  t.command('send')
    .description('send the queue now to the configured endpoint (never in an air-gapped workspace)')
    .action(() => runAction(async () => (await import('../../telemetry/run-telemetry.js')).sendCommand()));

  program.hook('postAction', async (_root, action) => {
    try {
      const names: string[] = [];
      for (let c: Command | null = action; c && c.parent; c = c.parent) names.unshift(c.name());
      if (names[0] === 'telemetry') return;
      const root = findWorkspaceRoot(process.cwd());
      if (!existsSync(join(root, '.mso', 'telemetry', 'consent.json'))) return;
      const [{ recordEvent }, { isTelemetryEventName }] = await Promise.all([
        import('../../telemetry/telemetry.js'),
        import('../../telemetry/events.js'),
      ]);
      const name = `command.${names.join('.')}`;
      if (isTelemetryEventName(name)) recordEvent(root, name);
    } catch {
      // telemetry never affects a command
    }
  });
}

import type { Command } from 'commander';
import { runAction } from '../exit.js';

type Impl = typeof import('../../telemetry/run-telemetry.js');

/** `mso telemetry status|enable|disable|show|send` (the hook that records events is in cli/main.ts). */
export function registerTelemetry(program: Command): void {
  const t = program
    .command('telemetry')
    .description('Opt-in usage telemetry (off by default): see what would be sent, switch it on or off');

  t.command('status')
    .description('show whether telemetry is on, where it would go, and how many events are queued')
    .option('--json', 'machine-readable output')
    .action((opts: Parameters<Impl['statusCommand']>[0]) => runAction(async () => (await import('../../telemetry/run-telemetry.js')).statusCommand(opts)));
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
}

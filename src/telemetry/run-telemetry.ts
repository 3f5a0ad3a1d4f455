import { findWorkspaceRoot } from '../workspace/root.js';
import { TELEMETRY_EVENTS } from './events.js';
import { disableTelemetry, enableTelemetry, queuedPayload, readQueue, sendTelemetry, telemetryStatus, type TelemetryStatus } from './telemetry.js';

const root = () => findWorkspaceRoot(process.cwd());

function describe(s: TelemetryStatus): string {
  const state = s.active ? 'on' : s.consent ? `off (enabled here, but switched off by ${s.forcedOffBy})` : 'off';
  const lines = [
    `telemetry: ${state}`,
    `  what: only the name of the mso command that ran (allow-list in docs/TRUST.md), mso version, time, a random install id`,
    `  never: code, file paths, prompts, repository names, secrets, arguments, results`,
    `  endpoint: ${s.endpoint}${s.mode === 'air-gapped' ? ' (never contacted: air-gapped workspace)' : ''}`,
    `  install id: ${s.installId ?? '(none: created on enable, deleted on disable)'}`,
    `  queued events: ${s.queued}  (mso telemetry show prints them exactly as they would be sent)`,
  ];
  return lines.join('\n') + '\n';
}

export async function statusCommand(opts: { json?: boolean }): Promise<number> {
  const s = telemetryStatus(root());
  process.stdout.write(opts.json ? JSON.stringify({ ...s, allowList: TELEMETRY_EVENTS }, null, 2) + '\n' : describe(s));
  return 0;
}

export async function enableCommand(): Promise<number> {
  const s = enableTelemetry(root());
  process.stdout.write(describe(s));
  if (!s.active) process.stdout.write(`note: nothing is recorded while ${s.forcedOffBy === 'air-gapped' ? 'the workspace is air-gapped' : `${s.forcedOffBy} is set`}\n`);
  return 0;
}

export async function disableCommand(): Promise<number> {
  process.stdout.write(describe(disableTelemetry(root())));
  return 0;
}

export async function showCommand(): Promise<number> {
  const r = root();
  const { rejected } = readQueue(r);
  process.stdout.write(queuedPayload(r));
  if (rejected > 0) process.stderr.write(`mso: ${rejected} queued line(s) do not match the event schema and will never be sent\n`);
  return 0;
}

export async function sendCommand(): Promise<number> {
  const n = await sendTelemetry(root());
  process.stdout.write(`telemetry: sent ${n} event(s)\n`);
  return 0;
}

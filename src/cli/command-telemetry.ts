import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * After every command: records an allow-listed `command.<name>` telemetry event. It costs one
 * stat when telemetry was never enabled (the common case), and never changes a command's outcome.
 * `names` is the command's path below `mso`, e.g. ['hook', 'pretool'].
 */
export async function recordCommandTelemetry(names: string[]): Promise<void> {
  try {
    if (names[0] === 'telemetry') return;
    const { findWorkspaceRoot } = await import('../workspace/root.js');
    const root = findWorkspaceRoot(process.cwd());
    if (!existsSync(join(root, '.mso', 'telemetry', 'consent.json'))) return;
    const [{ recordEvent }, { isTelemetryEventName }] = await Promise.all([import('../telemetry/telemetry.js'), import('../telemetry/events.js')]);
    const name = `command.${names.join('.')}`;
    if (isTelemetryEventName(name)) recordEvent(root, name);
  } catch {
    // telemetry never affects a command
  }
}

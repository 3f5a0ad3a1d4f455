import { recordCommandTelemetry } from '../command-telemetry.js';
import { runAction } from '../exit.js';

/** What `mso hook <name>` does after the fast entry picked it: the hook, its exit code, then telemetry. */
export async function runHookCommand(name: string, hook: () => Promise<number | void>): Promise<void> {
  await runAction(hook);
  await recordCommandTelemetry(['hook', name]);
}

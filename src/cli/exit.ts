import { MsoError } from '../core/errors.js';

/**
 * Runs a command body and turns its outcome into an exit code. Any error is
 * exit 2 with a clear message: mso fails closed, it never passes on a crash.
 */
export async function runAction(body: () => Promise<number | void>): Promise<void> {
  try {
    const code = await body();
    process.exitCode = code ?? 0;
  } catch (err) {
    if (err instanceof MsoError) {
      process.stderr.write(`mso: ${err.message}\n`);
      process.exitCode = err.exitCode;
    } else {
      const e = err as Error;
      process.stderr.write(`mso: internal error: ${e?.message ?? String(err)}\n`);
      if (process.env.MSO_DEBUG && e?.stack) process.stderr.write(e.stack + '\n');
      process.exitCode = 2;
    }
  }
}

/** Collects a repeatable option into a list. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/**
 * Waits until `condition()` holds (a log line written on a socket's 'close'
 * event, say), checking on every turn of the event loop, instead of sleeping
 * a fixed time and hoping. Fails with `what` if it never holds.
 */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

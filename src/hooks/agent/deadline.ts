import { MsoError, errorMessage } from '../../core/errors.js';
/**
 * A hook's own deadline: when it passes, block (exit 2) with a message instead
 * of letting Claude Code's timeout kill us, which would let the call through.
 * It cannot interrupt synchronous work, so the size cap on inputs is what
 * keeps a scan short; this catches slow I/O (a stdin that never ends, a slow
 * disk) and anything unforeseen.
 */
export function startDeadline(ms: number, hook: string): () => void {
  const timer = setTimeout(() => {
    process.stderr.write(`mso ${hook}: blocked: did not finish within ${Math.round(ms / 1000)}s (mso's own deadline, inside the Claude Code hook timeout)\n`);
    process.exit(2);
  }, ms);
  timer.unref();
  return () => clearTimeout(timer);
}

/** With MSO_HOOK_TIMING=1 a hook reports how long it took (stderr, one JSON line); off by default. */
export function reportTiming(hook: string, startedAt: bigint): void {
  if (process.env.MSO_HOOK_TIMING !== '1') return;
  // process.hrtime, not performance.now(), for the start: the first use of `performance` loads perf_hooks (~0.6 ms of every hook).
  const now = performance.now();
  const workMs = Number(process.hrtime.bigint() - startedAt) / 1e6;
  // CPU time (user + system, whole process) is far less sensitive to a busy machine than wall time.
  const cpu = process.cpuUsage();
  const cpuMs = +((cpu.user + cpu.system) / 1000).toFixed(2);
  process.stderr.write(`mso-timing ${JSON.stringify({ hook, workMs: +workMs.toFixed(2), sinceProcessStartMs: +now.toFixed(2), processCpuMs: cpuMs })}\n`);
}

/**
 * Runs an agent hook body under its deadline, reports its timing, and turns any
 * failure into an MsoError (exit 2, which Claude Code treats as a block), with
 * `prefix` naming the hook in the message.
 */
export async function runUnderDeadline(name: string, deadlineMs: number, prefix: string, body: () => Promise<number>): Promise<number> {
  const started = process.hrtime.bigint();
  const stopDeadline = startDeadline(deadlineMs, name);
  try {
    const code = await body();
    reportTiming(name, started);
    return code;
  } catch (err) {
    if (process.env.MSO_DEBUG && err instanceof Error && !(err instanceof MsoError)) process.stderr.write(`${err.stack}\n`);
    const reason = err instanceof MsoError ? err.message : `internal error: ${errorMessage(err)}`;
    throw new MsoError(`${prefix}${reason}`);
  } finally {
    stopDeadline();
  }
}

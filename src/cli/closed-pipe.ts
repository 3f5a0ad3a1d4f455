/**
 * A reader that leaves early (`mso scan --all | head`, `mso dispatch … | head -1`)
 * closes the pipe under stdout or stderr; Node then emits EPIPE as an
 * 'error' event that, unhandled, crashes the process with a stack trace in
 * the middle of whatever it was doing. With this, later writes to the closed
 * stream are dropped and the command finishes its work (records, state) and
 * exits with the code it would have had if its output had been read. Any
 * other stream error still ends the process as before.
 *
 * Called once at the CLI entry, before any command runs.
 */
let installed = false;
/** The standard streams created so far (through the getters below, or attached at install). */
const opened: NodeJS.WriteStream[] = [];

const ignoreClosed = (stream: NodeJS.WriteStream) =>
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') return;
    throw err;
  });

/**
 * `streams`: attach to these now (tests). Without it, to process.stdout and process.stderr when
 * first used: Node creates them on first access, and for a pipe that loads its socket and stream
 * modules (~3 ms), which a hook that writes nothing (a clean tool call) never needs.
 */
export function surviveClosedPipes(streams?: NodeJS.WriteStream[]): void {
  if (installed) return;
  installed = true;
  if (streams) {
    // tests of the handler: drainStdio has nothing to wait for
    for (const stream of streams) ignoreClosed(stream);
    return;
  }
  for (const name of ['stdout', 'stderr'] as const) {
    const desc = Object.getOwnPropertyDescriptor(process, name);
    if (!desc?.get || !desc.configurable) {
      opened.push(ignoreClosed(process[name])); // not a lazy getter here: attach now
      continue;
    }
    const get = desc.get;
    Object.defineProperty(process, name, {
      configurable: true,
      enumerable: desc.enumerable,
      get() {
        const stream = get.call(process) as NodeJS.WriteStream;
        Object.defineProperty(process, name, { configurable: true, enumerable: desc.enumerable, get: () => stream });
        opened.push(ignoreClosed(stream));
        return stream;
      },
    });
  }
}

/**
 * Resolves once everything written so far to stdout and stderr has been handed to the system
 * (a pipe is written asynchronously on macOS, and Node may still hold a pipe's overflow anywhere).
 * An empty write's callback runs after every earlier write; on a closed pipe it runs with the error.
 */
export async function drainStdio(): Promise<void> {
  await Promise.all(opened.map((s) => (s.writableLength > 0 && !s.destroyed ? new Promise<void>((resolve) => s.write('', () => resolve())) : undefined)));
}

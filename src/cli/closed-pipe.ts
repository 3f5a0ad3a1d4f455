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

export function surviveClosedPipes(streams: NodeJS.WriteStream[] = [process.stdout, process.stderr]): void {
  if (installed) return;
  installed = true;
  for (const stream of streams) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') return;
      throw err;
    });
  }
}

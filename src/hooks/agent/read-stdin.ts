import { fstatSync, read } from 'node:fs';
import { MsoError } from '../../core/errors.js';

/**
 * Reads the hook payload from stdin, up to `limit` bytes. Stops reading as
 * soon as the limit is passed (a huge payload ends promptly, it is not
 * buffered), and refuses a terminal: the hooks are called by Claude Code with
 * JSON piped in, so an interactive stdin is a mistake, not an empty payload.
 *
 * A pipe or a file is read straight from file descriptor 0 (asynchronously, so the hook's
 * deadline still fires on a stdin that never ends): creating `process.stdin` loads Node's
 * stream and socket modules, ~2.5 ms of a hook that Claude Code starts on every tool call.
 * Anything else (a terminal, a character device, a non-blocking descriptor, a stream a test
 * hands in) goes through the stream.
 */
export async function readHookStdin(limit: number, input?: NodeJS.ReadStream): Promise<string> {
  const chunks: Buffer[] = [];
  if (!input && (await readDescriptor(0, limit, chunks))) return Buffer.concat(chunks).toString('utf8');
  return readStream(limit, input ?? process.stdin, chunks);
}

/** Reads the rest of the input from a stream, after `chunks` (what the descriptor gave before it would block). */
async function readStream(limit: number, input: NodeJS.ReadStream, chunks: Buffer[]): Promise<string> {
  if (input.isTTY) throw new MsoError('expects the Claude Code hook JSON on stdin (nothing is piped in)');
  let size = chunks.reduce((n, c) => n + c.length, 0);
  for await (const chunk of input) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buf.length;
    if (size > limit) {
      input.destroy();
      throw tooLarge(limit);
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const tooLarge = (limit: number) => new MsoError(`hook input is larger than ${limit} bytes; it was not scanned`);

/**
 * Reads a pipe or regular file at `fd` into `chunks`: true at its end; false to go on with the
 * stream (not a pipe or file, or a non-blocking pipe with nothing more to read yet).
 */
async function readDescriptor(fd: number, limit: number, chunks: Buffer[]): Promise<boolean> {
  try {
    const st = fstatSync(fd);
    if (!st.isFIFO() && !st.isFile()) return false;
  } catch {
    return false; // a closed or odd descriptor: the stream says what is wrong
  }
  let size = 0;
  for (;;) {
    const buf = Buffer.allocUnsafe(64 * 1024);
    let n: number;
    try {
      n = await new Promise<number>((resolve, reject) => read(fd, buf, 0, buf.length, null, (err, bytes) => (err ? reject(err) : resolve(bytes))));
    } catch (err) {
      // EAGAIN: a non-blocking pipe, which the stream polls.
      if ((err as NodeJS.ErrnoException).code === 'EAGAIN') return false;
      throw new MsoError(`could not read the hook input from stdin: ${(err as Error).message}`);
    }
    if (n === 0) break;
    size += n;
    if (size > limit) throw tooLarge(limit);
    chunks.push(n === buf.length ? buf : buf.subarray(0, n));
  }
  return true;
}

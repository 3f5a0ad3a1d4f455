import { MsoError } from '../../core/errors.js';

/**
 * Reads the hook payload from stdin, up to `limit` bytes. Stops reading as
 * soon as the limit is passed (a huge payload ends promptly, it is not
 * buffered), and refuses a terminal: the hooks are called by Claude Code with
 * JSON piped in, so an interactive stdin is a mistake, not an empty payload.
 */
export async function readHookStdin(limit: number, input: NodeJS.ReadStream = process.stdin): Promise<string> {
  if (input.isTTY) throw new MsoError('expects the Claude Code hook JSON on stdin (nothing is piped in)');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of input) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buf.length;
    if (size > limit) {
      input.destroy();
      throw new MsoError(`hook input is larger than ${limit} bytes; it was not scanned`);
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { childProcess } from '../core/builtins.js';
import { MsoError } from '../core/errors.js';
import { git } from './git.js';

/**
 * Reads `<rev>:<path>` objects through one long-lived `git cat-file --batch`
 * process, so a range scan of thousands of commits does not spawn git once per
 * file (scanners that need whole files call this for every fragment).
 */
export class BlobReader {
  private child?: ChildProcessWithoutNullStreams;
  private buf: Buffer = Buffer.alloc(0);
  private readonly queue: Array<{ spec: string; resolve: (b: Buffer) => void; reject: (e: Error) => void }> = [];
  private failed?: Error;

  constructor(private readonly cwd: string) {}

  read(rev: string, path: string): Promise<Buffer> {
    const spec = `${rev}:${path}`;
    // The batch protocol is line-based: a name with a newline goes through git show instead.
    if (spec.includes('\n')) return git(['show', spec], { cwd: this.cwd }).then((r) => r.stdout);
    if (this.failed) return Promise.reject(this.failed);
    const child = this.start();
    return new Promise((resolve, reject) => {
      this.queue.push({ spec, resolve, reject });
      child.stdin.write(spec + '\n');
    });
  }

  close(): void {
    this.child?.stdin.end();
    this.child = undefined;
  }

  private start(): ChildProcessWithoutNullStreams {
    if (this.child) return this.child;
    const child = childProcess().spawn('git', ['cat-file', '--batch'], { cwd: this.cwd, env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' } });
    child.stdout.on('data', (d: Buffer) => {
      this.buf = this.buf.length ? Buffer.concat([this.buf, d]) : d;
      this.drain();
    });
    child.stdin.on('error', () => undefined);
    child.on('error', (e) => this.fail(new MsoError(`git cat-file: cannot run git: ${e.message}`)));
    child.on('close', (code) => {
      if (this.queue.length) this.fail(new MsoError(`git cat-file exited (code ${code}) with ${this.queue.length} read(s) pending`));
    });
    this.child = child;
    return child;
  }

  private drain(): void {
    while (this.queue.length) {
      const nl = this.buf.indexOf(0x0a);
      if (nl < 0) return;
      const header = this.buf.subarray(0, nl).toString('utf8');
      const head = this.queue[0]!;
      if (header.endsWith(' missing') || header.endsWith(' ambiguous')) {
        this.queue.shift();
        this.buf = this.buf.subarray(nl + 1);
        head.reject(new MsoError(`git cat-file: ${head.spec} is missing`));
        continue;
      }
      const size = Number(header.split(' ')[2]);
      if (!Number.isInteger(size)) {
        this.fail(new MsoError(`git cat-file: unexpected answer '${header}' for ${head.spec}`));
        return;
      }
      if (this.buf.length < nl + 1 + size + 1) return; // wait for the rest of the object
      const body = Buffer.from(this.buf.subarray(nl + 1, nl + 1 + size));
      this.buf = this.buf.subarray(nl + 1 + size + 1);
      this.queue.shift();
      head.resolve(body);
    }
  }

  private fail(err: Error): void {
    this.failed ??= err;
    for (const q of this.queue.splice(0)) q.reject(err);
  }
}

import { childProcess } from '../core/builtins.js';
import { MsoError } from '../core/errors.js';

/**
 * Thin, fail-closed wrappers around the git binary. Scanning uses git's
 * plumbing output directly (NUL-separated, streamed) rather than a porcelain
 * wrapper: it is faster and handles every file name git can store.
 */

export interface GitOptions {
  cwd: string;
  input?: string | Buffer;
  /** Exit codes that are not errors (e.g. 1 for `git diff --quiet`). */
  okCodes?: number[];
}

/** The git subcommand, for messages: skips leading `-c key=value` options. */
function subcommand(args: string[]): string {
  let i = 0;
  while (args[i] === '-c') i += 2;
  return args[i] ?? 'git';
}

const GIT_ENV = { ...process.env, GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0' };

export function git(args: string[], opts: GitOptions): Promise<{ stdout: Buffer; code: number }> {
  return new Promise((resolve, reject) => {
    const child = childProcess().spawn('git', args, { cwd: opts.cwd, env: GIT_ENV, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', (e) => reject(new MsoError(`git ${args[0]}: cannot run git: ${e.message}`)));
    child.on('close', (code) => {
      const ok = code === 0 || (code !== null && (opts.okCodes ?? []).includes(code));
      if (!ok) {
        const msg = Buffer.concat(err).toString('utf8').trim() || `exit code ${code}`;
        reject(new MsoError(`git ${subcommand(args)} failed: ${msg}`));
      } else resolve({ stdout: Buffer.concat(out), code: code ?? 0 });
    });
    child.stdin.on('error', () => undefined); // git may exit before reading all input
    child.stdin.end(opts.input ?? '');
  });
}

export async function gitText(args: string[], opts: GitOptions): Promise<string> {
  return (await git(args, opts)).stdout.toString('utf8');
}

/**
 * Lines of a byte stream, split at LF only (a trailing CR is dropped). Not
 * readline: it also splits at a lone CR, which tears the lines of UTF-16 text
 * (CR LF is 0D 00 0A 00 there) and of old Mac files apart.
 */
export async function* splitLines(stream: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  // Pieces of a line that spans chunks, joined once when its LF arrives (no quadratic re-copying).
  let pending: Buffer[] = [];
  const finish = (b: Buffer) => b.toString('utf8', 0, b.length && b[b.length - 1] === 0x0d ? b.length - 1 : b.length);
  for await (const chunk of stream) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    let start = 0;
    for (let nl = buf.indexOf(0x0a); nl !== -1; nl = buf.indexOf(0x0a, start)) {
      if (pending.length) {
        pending.push(buf.subarray(start, nl));
        yield finish(Buffer.concat(pending));
        pending = [];
      } else yield finish(buf.subarray(start, nl));
      start = nl + 1;
    }
    if (start < buf.length) pending.push(buf.subarray(start));
  }
  if (pending.length) yield finish(Buffer.concat(pending));
}

/** Streams git's stdout line by line; rejects (after the stream) if git fails. */
export async function* gitLines(args: string[], cwd: string): AsyncGenerator<string> {
  const child = childProcess().spawn('git', args, { cwd, env: GIT_ENV, stdio: ['ignore', 'pipe', 'pipe'] });
  const err: Buffer[] = [];
  child.stderr.on('data', (d: Buffer) => err.push(d));
  const closed = new Promise<number | null>((resolve, reject) => {
    child.on('error', (e) => reject(new MsoError(`git ${args[0]}: cannot run git: ${e.message}`)));
    child.on('close', resolve);
  });
  try {
    yield* splitLines(child.stdout);
  } finally {
    if (child.exitCode === null) child.kill();
  }
  const code = await closed;
  if (code !== 0) {
    throw new MsoError(`git ${subcommand(args)} failed: ${Buffer.concat(err).toString('utf8').trim() || `exit code ${code}`}`);
  }
}

/** The repository's top-level folder, or undefined outside a work tree. */
export async function repoRoot(cwd: string): Promise<string | undefined> {
  try {
    const { stdout } = await git(['rev-parse', '--show-toplevel'], { cwd });
    return stdout.toString('utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Object sizes by id through one `git cat-file --batch-check` process (nothing is read into memory). */
export async function blobSizes(oids: string[], cwd: string): Promise<Map<string, number>> {
  const result = new Map<string, number>();
  const unique = [...new Set(oids)];
  if (unique.length === 0) return result;
  const text = await gitText(['cat-file', '--batch-check'], { cwd, input: unique.join('\n') + '\n' });
  const lines = text.split('\n');
  for (let i = 0; i < unique.length; i++) {
    const [gotOid, type, size] = (lines[i] ?? '').split(' ');
    if (gotOid !== unique[i] || type === 'missing' || size === undefined || !/^\d+$/.test(size)) {
      throw new MsoError(`git cat-file: object ${unique[i]} is missing or unreadable (${lines[i] ?? 'no answer'})`);
    }
    result.set(unique[i]!, Number(size));
  }
  return result;
}

/** Reads blobs by object id through one `git cat-file --batch` process. */
export async function readBlobs(oids: string[], cwd: string): Promise<Map<string, Buffer>> {
  const result = new Map<string, Buffer>();
  if (oids.length === 0) return result;
  const unique = [...new Set(oids)];
  const { stdout } = await git(['cat-file', '--batch'], { cwd, input: unique.join('\n') + '\n' });
  let pos = 0;
  for (const oid of unique) {
    const nl = stdout.indexOf(0x0a, pos);
    if (nl < 0) throw new MsoError(`git cat-file: truncated output reading ${oid}`);
    const header = stdout.subarray(pos, nl).toString('utf8');
    const [gotOid, type, sizeText] = header.split(' ');
    if (type === 'missing' || !sizeText) throw new MsoError(`git cat-file: object ${oid} is missing or unreadable (${header})`);
    const size = Number(sizeText);
    const start = nl + 1;
    const body = stdout.subarray(start, start + size);
    if (body.length !== size) throw new MsoError(`git cat-file: read ${body.length} of ${size} bytes of ${gotOid}`);
    result.set(oid, body);
    pos = start + size + 1; // content is followed by a newline
  }
  return result;
}

/** C-style quoted paths as git prints them in diff headers ("a/t\303\251st\n.txt"). */
export function unquoteGitPath(p: string): string {
  if (!p.startsWith('"')) return p;
  const inner = p.slice(1, -1);
  const bytes: number[] = [];
  const esc: Record<string, number> = { n: 10, t: 9, r: 13, '"': 34, '\\': 92, a: 7, b: 8, f: 12, v: 11 };
  for (let i = 0; i < inner.length; i++) {
    const ch = inner[i]!;
    if (ch !== '\\') {
      bytes.push(...Buffer.from(ch, 'utf8'));
      continue;
    }
    const next = inner[++i]!;
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(inner.slice(i, i + 3), 8));
      i += 2;
    } else bytes.push(esc[next] ?? next.charCodeAt(0));
  }
  return Buffer.from(bytes).toString('utf8');
}

import { z } from 'zod';
import { MsoError } from '../../core/errors.js';
import { git, gitText } from '../../sources/git.js';

/**
 * The refs a push updates, as git writes them on the pre-push hook's stdin:
 * `<local ref> SP <local oid> SP <remote ref> SP <remote oid> LF`, one line per
 * ref, possibly none. Validated strictly: a line we cannot read blocks.
 */
export interface PushRef {
  localRef: string;
  localOid: string;
  remoteRef: string;
  remoteOid: string;
}

export function parsePushLines(input: string, hexLen: number): PushRef[] {
  const oid = z.string().regex(new RegExp(`^[0-9a-f]{${hexLen}}$`));
  const refs: PushRef[] = [];
  for (const raw of input.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') continue;
    const parts = line.split(' ');
    if (parts.length !== 4 || !oid.safeParse(parts[1]).success || !oid.safeParse(parts[3]).success) {
      throw new MsoError(`pre-push: cannot read the ref line git sent: ${JSON.stringify(line)}`);
    }
    refs.push({ localRef: parts[0]!, localOid: parts[1]!, remoteRef: parts[2]!, remoteOid: parts[3]! });
  }
  return refs;
}

/** Hex length of object ids in this repository: 40 for SHA-1, 64 for SHA-256. */
export async function objectIdLength(root: string): Promise<number> {
  const format = (await gitText(['rev-parse', '--show-object-format'], { cwd: root })).trim();
  if (format === 'sha1') return 40;
  if (format === 'sha256') return 64;
  throw new MsoError(`pre-push: unknown object format ${JSON.stringify(format)}`);
}

/** The commit an object id peels to (tags to their target), or undefined for a tag of a tree or blob. */
export async function peelToCommit(root: string, oid: string): Promise<string | undefined> {
  const type = (await gitText(['cat-file', '-t', oid], { cwd: root })).trim();
  if (type === 'commit') return oid;
  if (type !== 'tag') return undefined;
  const { stdout, code } = await git(['rev-parse', '--verify', '--quiet', `${oid}^{commit}`], { cwd: root, okCodes: [1, 128] });
  return code === 0 ? stdout.toString('utf8').trim() : undefined;
}

/** Whether the object exists locally (a remote tip we never fetched does not). */
export async function haveCommit(root: string, oid: string): Promise<boolean> {
  const { code } = await git(['cat-file', '-e', `${oid}^{commit}`], { cwd: root, okCodes: [1, 128] });
  return code === 0;
}

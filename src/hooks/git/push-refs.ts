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

export interface ResolvedRef {
  /** The commit the local object peels to; undefined for a tag of a tree or blob. */
  tip?: string;
  /** Whether the remote's current tip is a commit this repository has. */
  remoteKnown: boolean;
}

/**
 * Peels every local oid to its commit and checks which remote tips exist
 * locally, in one `git cat-file --batch-check` (a mirror push can carry
 * thousands of tags). A local oid git sent but cannot read is an error.
 */
export async function resolveRefs(root: string, refs: PushRef[], zero: string): Promise<ResolvedRef[]> {
  const queries: string[] = [];
  for (const r of refs) queries.push(r.localOid, `${r.localOid}^{commit}`, r.remoteOid === zero ? zero : `${r.remoteOid}^{commit}`);
  if (queries.length === 0) return [];
  const out = (await git(['cat-file', '--batch-check=%(objectname) %(objecttype)'], { cwd: root, input: queries.join('\n') + '\n' })).stdout.toString('utf8').split('\n');
  if (out.length < queries.length) throw new MsoError('pre-push: git cat-file returned fewer answers than questions');
  return refs.map((r, i) => {
    const [own, peeled, remote] = [out[3 * i]!, out[3 * i + 1]!, out[3 * i + 2]!];
    if (!own.endsWith(' commit') && !own.endsWith(' tag') && !own.endsWith(' tree') && !own.endsWith(' blob')) {
      throw new MsoError(`pre-push: ${r.localRef} points at ${r.localOid}, which git cannot read (${own})`);
    }
    return {
      tip: peeled.endsWith(' commit') ? peeled.split(' ')[0] : undefined,
      remoteKnown: r.remoteOid !== zero && remote.endsWith(' commit'),
    };
  });
}

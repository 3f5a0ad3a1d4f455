import { git, gitText } from '../sources/git.js';

/**
 * The git plumbing behind the content-based voyage gate: which blobs a set of
 * commits introduces (one `git log --raw`) and their patch-ids (one
 * `git diff-tree --stdin -p` piped into `git patch-id --stable`). Every diff
 * here uses the same fixed options, whatever the user's diff configuration,
 * so a patch-id computed for a voyage and one computed for a pushed copy agree.
 */

/** Options that pin the diff text (patch-ids hash it): no renames, no user prefixes, algorithm or drivers. */
export const DIFF_OPTS = [
  '--no-color',
  '--no-ext-diff',
  '--no-textconv',
  '--no-renames',
  '--no-relative',
  '--binary',
  '--full-index',
  '--diff-algorithm=myers',
  '--src-prefix=a/',
  '--dst-prefix=b/',
  '--ignore-submodules=none',
];
const CFG = ['-c', 'core.quotePath=true', '-c', 'diff.mnemonicPrefix=false', '-c', 'diff.noprefix=false'];

export interface RawChange {
  path: string;
  /** The new side's object id (all zeros for a deletion). */
  blob: string;
  status: string;
  mode: string;
}

export interface RawCommit {
  commit: string;
  parents: string[];
  changes: RawChange[];
}

function parseRawLine(line: string): RawChange | undefined {
  // :<old mode> <new mode> <old oid> <new oid> <status>\t<path>
  if (!line.startsWith(':')) return undefined;
  const tab = line.indexOf('\t');
  if (tab < 0) return undefined;
  const meta = line.slice(1, tab).split(' ');
  if (meta.length < 5) return undefined;
  return { mode: meta[1]!, blob: meta[3]!, status: meta[4]!, path: line.slice(tab + 1) };
}

/**
 * Every commit `git log <revs>` lists, with its tree changes (merges against their
 * first parent, so a merge commit shows what it brings into the branch).
 */
export async function rawLog(cwd: string, revs: string[], extra: string[] = []): Promise<RawCommit[]> {
  const out = await gitText(
    [...CFG, 'log', '--raw', '--no-abbrev', '--no-renames', '--diff-merges=first-parent', '--format=%x01%H %P', ...extra, ...revs, '--'],
    { cwd },
  );
  const commits: RawCommit[] = [];
  let cur: RawCommit | undefined;
  for (const line of out.split('\n')) {
    if (line.startsWith('\x01')) {
      const [commit, ...parents] = line.slice(1).trim().split(' ').filter(Boolean);
      cur = { commit: commit!, parents, changes: [] };
      commits.push(cur);
    } else if (cur) {
      const ch = parseRawLine(line);
      if (ch) cur.changes.push(ch);
    }
  }
  return commits;
}

/** The tree changes between two commits (or a commit and the index with `--cached`). */
export async function rawDiff(cwd: string, args: string[]): Promise<RawChange[]> {
  const out = await gitText([...CFG, 'diff', '--raw', '--no-abbrev', '--no-renames', '--ignore-submodules=none', ...args, '--'], { cwd });
  return out.split('\n').map(parseRawLine).filter((c): c is RawChange => !!c);
}

/** New blob ids a change set brings (added or modified files and symlinks; not deletions or submodules). */
export function introducedBlobs(changes: RawChange[]): RawChange[] {
  return changes.filter((c) => c.status !== 'D' && c.mode !== '160000' && !/^0+$/.test(c.blob));
}

/** Patch-ids of the given commits (merges against their first parent). Commits with an empty diff get none. */
export async function commitPatchIds(cwd: string, commits: { commit: string; parents: string[] }[]): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  if (commits.length === 0) return result;
  const input = commits.map((c) => (c.parents.length > 1 ? `${c.commit} ${c.parents[0]}` : c.commit)).join('\n') + '\n';
  const diff = await git([...CFG, 'diff-tree', '--stdin', '-r', '-p', '--root', ...DIFF_OPTS], { cwd, input });
  for (const [pid, commit] of await patchIds(cwd, diff.stdout)) if (commit) result.set(commit, pid);
  return result;
}

/** The patch-id of one diff (`git diff <args>`), or undefined when it is empty. */
export async function diffPatchId(cwd: string, args: string[]): Promise<string | undefined> {
  const diff = await git([...CFG, 'diff', ...DIFF_OPTS, ...args, '--'], { cwd });
  if (diff.stdout.length === 0) return undefined;
  return (await patchIds(cwd, diff.stdout))[0]?.[0];
}

async function patchIds(cwd: string, patch: Buffer): Promise<[string, string | undefined][]> {
  if (patch.length === 0) return [];
  const out = await gitText(['patch-id', '--stable'], { cwd, input: patch });
  return out
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const [pid, commit] = l.split(' ');
      return [pid!, commit && !/^0+$/.test(commit) ? commit : undefined];
    });
}

/** Blob ids in a commit's tree. */
export async function treeBlobs(cwd: string, commit: string): Promise<Set<string>> {
  const out = await gitText(['ls-tree', '-r', '-z', commit], { cwd });
  const blobs = new Set<string>();
  for (const entry of out.split('\0')) {
    const meta = entry.split('\t')[0]!.split(' ');
    if (meta[1] === 'blob') blobs.add(meta[2]!);
  }
  return blobs;
}

/** Blob ids that the given paths ever had in `commit`'s history (bounded: at most 500 paths are looked at). */
export async function pathHistoryBlobs(cwd: string, commit: string, paths: string[]): Promise<Set<string>> {
  const blobs = new Set<string>();
  if (paths.length === 0 || paths.length > 500) return blobs;
  const out = await gitText(
    [...CFG, 'log', '--raw', '--no-abbrev', '--no-renames', '--format=', commit, '--', ...paths.map((p) => `:(literal)${p}`)],
    { cwd },
  );
  for (const line of out.split('\n')) {
    const ch = parseRawLine(line);
    if (ch) blobs.add(ch.blob);
  }
  return blobs;
}

/** Whether each object exists (one `git cat-file --batch-check`). */
export async function existingObjects(cwd: string, oids: string[]): Promise<Set<string>> {
  const unique = [...new Set(oids)];
  const found = new Set<string>();
  if (unique.length === 0) return found;
  const out = (await gitText(['cat-file', '--batch-check=%(objectname) %(objecttype)'], { cwd, input: unique.join('\n') + '\n' })).split('\n');
  unique.forEach((oid, i) => {
    if (out[i] && !out[i]!.endsWith(' missing')) found.add(oid);
  });
  return found;
}

/** Blobs whose content is empty or only whitespace: they say nothing about where they came from. */
export async function trivialBlobs(cwd: string, blobs: string[]): Promise<Set<string>> {
  const unique = [...new Set(blobs)];
  const trivial = new Set<string>();
  if (unique.length === 0) return trivial;
  const sizes = (await gitText(['cat-file', '--batch-check=%(objectname) %(objectsize)'], { cwd, input: unique.join('\n') + '\n' })).split('\n');
  const small: string[] = [];
  unique.forEach((oid, i) => {
    const size = Number((sizes[i] ?? '').split(' ')[1]);
    if (size === 0) trivial.add(oid);
    else if (size > 0 && size <= 64) small.push(oid);
  });
  if (small.length) {
    const { stdout } = await git(['cat-file', '--batch'], { cwd, input: small.join('\n') + '\n' });
    let pos = 0;
    for (const oid of small) {
      const nl = stdout.indexOf(0x0a, pos);
      if (nl < 0) break;
      const size = Number(stdout.subarray(pos, nl).toString('utf8').split(' ')[2]);
      if (!Number.isFinite(size)) break;
      const body = stdout.subarray(nl + 1, nl + 1 + size).toString('latin1');
      if (/^\s*$/.test(body)) trivial.add(oid);
      pos = nl + 1 + size + 1;
    }
  }
  return trivial;
}

import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { writeFileAtomic } from '../core/atomic-write.js';
import { gitText } from '../sources/git.js';
import { msoPath } from '../workspace/layout.js';
import {
  commitPatchIds,
  diffPatchId,
  existingObjects,
  introducedBlobs,
  pathHistoryBlobs,
  rawLog,
  treeBlobs,
  trivialBlobs,
} from './content-git.js';
import { listVoyages, type VoyageRecord } from './record.js';

/**
 * A voyage's content fingerprint: what identifies its changes however they
 * are copied. For a stretch of the voyage branch (`from`..`to`):
 * - the stable patch-id of each of its commits (cherry-pick, am, rebase,
 *   re-committing the same patch keep it),
 * - the patch-id of the whole stretch (squash merge, diff | apply),
 * - the blob ids its commits introduced (checkout <voyage> -- file, a copy with
 *   one more file, commit-tree): new content of added or modified files, without
 *   empty or whitespace-only blobs and blobs that the base already had (in
 *   its tree or in the history of the same paths).
 * A voyage has an approved stretch (base .. the head where its REL gate
 * passed) and an ungated one (the rest, or everything when no gate passed).
 * Cached in .mso/state/voyage-content/<id>.json, keyed by the stretch ends,
 * so the hooks recompute only when a voyage's tip moves.
 */
export const partSchema = z.object({
  from: z.string(),
  to: z.string(),
  commitPatchIds: z.array(z.string()),
  wholePatchId: z.string().nullable(),
  blobs: z.record(z.string(), z.string()),
  paths: z.array(z.string()),
});
export type ContentPart = z.infer<typeof partSchema>;

const cacheSchema = z.object({
  version: z.literal(1),
  approved: partSchema.nullable(),
  ungated: partSchema.nullable(),
});

export interface VoyagePrint {
  voyage: VoyageRecord;
  /** The content whose REL gate passed (or null). */
  approved: ContentPart | null;
  /** Content no passing gate covers (null when there is none). */
  ungated: ContentPart | null;
}

async function computePart(root: string, from: string, to: string): Promise<ContentPart> {
  // The voyage's own commits: its first-parent line without merges, so a merge of the base into the
  // voyage branch (to resolve conflicts) does not make the base's newer changes count as voyage content.
  const commits = (await rawLog(root, [to, `^${from}`], ['--first-parent', '--no-merges'])).filter((c) => c.changes.length > 0);
  const candidates = new Map<string, string>();
  const paths = new Set<string>();
  for (const ch of commits.flatMap((c) => c.changes)) paths.add(ch.path);
  for (const ch of introducedBlobs(commits.flatMap((c) => c.changes))) if (!candidates.has(ch.blob)) candidates.set(ch.blob, ch.path);
  const [atBase, history, trivial, pids, wholePid] = await Promise.all([
    treeBlobs(root, from),
    pathHistoryBlobs(root, from, [...paths]),
    trivialBlobs(root, [...candidates.keys()]),
    commitPatchIds(root, commits),
    diffPatchId(root, [from, to]),
  ]);
  const blobs: Record<string, string> = {};
  for (const [blob, path] of candidates) if (!atBase.has(blob) && !history.has(blob) && !trivial.has(blob)) blobs[blob] = path;
  return { from, to, commitPatchIds: [...new Set(pids.values())], wholePatchId: wholePid ?? null, blobs, paths: [...paths].sort() };
}

function cachePath(root: string, id: string): string {
  return msoPath(root, 'state', 'voyage-content', `${id}.json`);
}

function readCache(root: string, id: string): z.infer<typeof cacheSchema> | undefined {
  const file = cachePath(root, id);
  if (!existsSync(file)) return undefined;
  try {
    return cacheSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return undefined; // unreadable cache: recompute
  }
}

/** Where the voyage's branch is now (its last recorded head once the branch is gone). */
function tipOf(v: VoyageRecord, heads: Map<string, string>): string | undefined {
  return (v.branch ? heads.get(`refs/heads/${v.branch}`) : undefined) ?? v.head ?? undefined;
}

async function isAncestor(root: string, a: string, b: string): Promise<boolean> {
  const out = await gitText(['rev-list', '-n1', a, `^${b}`, '--'], { cwd: root });
  return out.trim() === '';
}

/** The fingerprint of every voyage (cached per stretch). Voyages whose objects are gone are left out. */
export async function voyagePrints(root: string): Promise<VoyagePrint[]> {
  const voyages = listVoyages(root);
  if (voyages.length === 0) return [];
  const heads = new Map<string, string>();
  for (const line of (await gitText(['for-each-ref', '--format=%(refname) %(objectname)', 'refs/heads/'], { cwd: root })).split('\n')) {
    const [ref, oid] = line.split(' ');
    if (ref && oid) heads.set(ref, oid);
  }
  const wanted = voyages.flatMap((v) => [v.baseCommit, tipOf(v, heads) ?? '', v.gate?.head ?? ''].filter(Boolean));
  const present = await existingObjects(root, wanted);
  const prints: VoyagePrint[] = [];
  for (const v of voyages) {
    const tip = tipOf(v, heads);
    if (!tip || !present.has(tip) || !present.has(v.baseCommit)) continue;
    const gated = v.gate?.passed && present.has(v.gate.head) ? v.gate.head : undefined;
    // Content up to a gated head is approved when that head is on the branch; a rewritten branch is ungated from its base.
    const gatedOnTip = gated ? gated === tip || (await isAncestor(root, gated, tip)) : false;
    const approvedRange: [string, string] | undefined = gated ? [v.baseCommit, gated] : undefined;
    const ungatedRange: [string, string] | undefined = gatedOnTip ? (gated === tip ? undefined : [gated!, tip]) : tip === v.baseCommit ? undefined : [v.baseCommit, tip];
    const cached = readCache(root, v.id);
    const same = (p: ContentPart | null | undefined, r: [string, string] | undefined) => (r ? !!p && p.from === r[0] && p.to === r[1] : p === null);
    if (cached && same(cached.approved, approvedRange) && same(cached.ungated, ungatedRange)) {
      prints.push({ voyage: v, approved: cached.approved, ungated: cached.ungated });
      continue;
    }
    const approved = approvedRange ? await computePart(root, ...approvedRange) : null;
    const ungated = ungatedRange ? await computePart(root, ...ungatedRange) : null;
    try {
      writeFileAtomic(cachePath(root, v.id), JSON.stringify({ version: 1, approved, ungated }) + '\n');
    } catch {
      // A cache that cannot be written only costs time.
    }
    prints.push({ voyage: v, approved, ungated });
  }
  return prints;
}

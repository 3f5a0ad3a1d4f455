import { commitPatchIds, diffPatchId, introducedBlobs, rawDiff, rawLog, type RawChange } from './content-git.js';
import { voyagePrints, type VoyagePrint } from './fingerprint.js';

/**
 * The voyage gate as the git hooks and `mso voyage merge` ask it: does a set
 * of changes arriving on a protected branch carry content of a voyage whose
 * REL gate has not passed? Content, not commit ids: the arriving commits'
 * introduced blobs and patch-ids, the whole range's patch-id and (for a merge
 * being committed) the index, compared with every ungated voyage's
 * fingerprint (fingerprint.ts). So a merge, a cherry-pick, `format-patch | am`,
 * a squash merge, a rebase, `checkout <voyage> -- file`, `diff | apply` and
 * `commit-tree` are all recognised. Content a passing gate approved (of any
 * voyage) never counts.
 */
export interface VoyageCheck {
  ok: boolean;
  problems: string[];
}

export interface Arrival {
  /** `git log` revision arguments selecting the arriving commits (e.g. `new ^old`). */
  revs: string[];
  /** Whole ranges (old, new) whose diff is compared with each voyage's whole diff. */
  ranges?: [string, string][];
  /** Also the index against HEAD (a merge about to be committed). */
  staged?: boolean;
  /**
   * The voyage whose own gate asks: it and the voyages created after it are left out (its crew can only
   * have copied changes that existed before it; two voyages that made the same change do not block each other's gate).
   */
  forVoyage?: string;
}

interface Index {
  prints: VoyagePrint[];
  blobs: Map<string, VoyagePrint[]>;
  patchIds: Map<string, VoyagePrint[]>;
  wholeIds: Map<string, VoyagePrint[]>;
  paths: Set<string>;
}

function add<K>(m: Map<K, VoyagePrint[]>, k: K, p: VoyagePrint): void {
  const list = m.get(k);
  if (!list) m.set(k, [p]);
  else if (!list.includes(p)) list.push(p);
}

/** The ungated content of every voyage, minus anything a passing gate approved. */
async function ungatedIndex(root: string, forVoyage?: string): Promise<Index | undefined> {
  const prints = await voyagePrints(root);
  const own = forVoyage ? prints.find((p) => p.voyage.id === forVoyage)?.voyage : undefined;
  const leftOut = (p: VoyagePrint) =>
    !!forVoyage && (p.voyage.id === forVoyage || (!!own && (p.voyage.createdAt > own.createdAt || (p.voyage.createdAt === own.createdAt && p.voyage.id > own.id))));
  const approvedBlobs = new Set<string>();
  const approvedIds = new Set<string>();
  for (const p of prints) {
    if (!p.approved) continue;
    for (const b of Object.keys(p.approved.blobs)) approvedBlobs.add(b);
    for (const id of p.approved.commitPatchIds) approvedIds.add(id);
    if (p.approved.wholePatchId) approvedIds.add(p.approved.wholePatchId);
  }
  const index: Index = { prints: [], blobs: new Map(), patchIds: new Map(), wholeIds: new Map(), paths: new Set() };
  for (const p of prints) {
    if (!p.ungated || leftOut(p)) continue;
    index.prints.push(p);
    for (const b of Object.keys(p.ungated.blobs)) if (!approvedBlobs.has(b)) add(index.blobs, b, p);
    for (const id of p.ungated.commitPatchIds) if (!approvedIds.has(id)) add(index.patchIds, id, p);
    if (p.ungated.wholePatchId && !approvedIds.has(p.ungated.wholePatchId)) {
      add(index.wholeIds, p.ungated.wholePatchId, p);
      add(index.patchIds, p.ungated.wholePatchId, p);
    }
    for (const path of p.ungated.paths) index.paths.add(path);
  }
  return index.prints.length ? index : undefined;
}

export async function checkVoyageContent(root: string, cwd: string, arrival: Arrival): Promise<VoyageCheck> {
  let index: Index | undefined;
  try {
    index = await ungatedIndex(root, arrival.forVoyage);
  } catch (err) {
    return { ok: false, problems: [`cannot read the voyages' content: ${(err as Error).message}`] };
  }
  if (!index) return { ok: true, problems: [] };
  const evidence = new Map<VoyagePrint, string[]>();
  const note = (ps: VoyagePrint[] | undefined, text: string) => {
    for (const p of ps ?? []) {
      const list = evidence.get(p) ?? [];
      if (!list.includes(text)) list.push(text);
      evidence.set(p, list);
    }
  };
  const blobHits = (changes: RawChange[], where: string) => {
    for (const ch of introducedBlobs(changes)) note(index!.blobs.get(ch.blob), `${where} brings ${ch.path} with the voyage's content`);
  };
  const touches = (changes: RawChange[]) => changes.some((ch) => index!.paths.has(ch.path));

  const commits = arrival.revs.length ? await rawLog(cwd, arrival.revs) : [];
  for (const c of commits) blobHits(c.changes, `commit ${c.commit.slice(0, 12)}`);
  const candidates = commits.filter((c) => c.changes.length > 0 && touches(c.changes));
  for (const [commit, pid] of await commitPatchIds(cwd, candidates)) note(index.patchIds.get(pid), `commit ${commit.slice(0, 12)} repeats its patch`);
  if (candidates.length) {
    for (const [from, to] of arrival.ranges ?? []) {
      const pid = await diffPatchId(cwd, [from, to]);
      if (pid) note(index.wholeIds.get(pid), `${from.slice(0, 12)}..${to.slice(0, 12)} repeats its whole diff`);
    }
  }
  if (arrival.staged) {
    const staged = await rawDiff(cwd, ['--cached', 'HEAD']);
    blobHits(staged, 'the merge being committed');
    if (touches(staged)) {
      const pid = await diffPatchId(cwd, ['--cached', 'HEAD']);
      if (pid) note(index.patchIds.get(pid), 'the merge being committed repeats its patch');
    }
  }
  const problems = [...evidence].map(([p, ev]) => describe(p, ev));
  return { ok: problems.length === 0, problems };
}

function describe(p: VoyagePrint, evidence: string[]): string {
  const v = p.voyage;
  const shown = evidence.slice(0, 3).join('; ') + (evidence.length > 3 ? `; and ${evidence.length - 3} more` : '');
  const name = `${v.id} (${v.branch ?? 'no branch'})`;
  if (v.status === 'abandoned') return `${name} was abandoned: its changes must not be merged (${shown})`;
  if (v.gate?.passed && p.ungated && p.ungated.from === v.gate.head) {
    return `${name}: changes made after the head where the REL gate passed (${v.gate.head.slice(0, 12)}) (${shown}); run \`mso voyage gate ${v.id}\` again, then \`mso voyage merge ${v.id}\``;
  }
  const failed = v.gate && !v.gate.passed ? ` (failed at ${v.gate.head.slice(0, 12)})` : '';
  return `${name}: the REL gate has not passed${failed} (${shown}); run \`mso voyage gate ${v.id}\`, then \`mso voyage merge ${v.id}\``;
}

export function formatProblems(headline: string, check: VoyageCheck): string {
  return `${headline}\n${check.problems.map((p) => `  - ${p}`).join('\n')}\n`;
}

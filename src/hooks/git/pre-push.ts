import type { Finding, ScanResult, Severity } from '../../core/types.js';
import { MsoError } from '../../core/errors.js';
import { loadWorkspaceConfig } from '../../config/workspace.js';
import { scanCommits } from '../../engine/api.js';
import { failingFindings } from '../../engine/verdict.js';
import { gitText } from '../../sources/git.js';
import { mainRoot } from '../../voyage/git.js';
import { checkVoyageContent, type VoyageCheck } from '../../voyage/merge-guard.js';
import { isProtectedBranchRef, protectedBranches } from '../../voyage/settings.js';
import { listVoyages } from '../../voyage/record.js';
import { couldNotCheck, hookRoot } from './fail-closed.js';
import { objectIdLength, parsePushLines, resolveRefs, type PushRef, type ResolvedRef } from './push-refs.js';
import { chalkFor, findingsTable, skippedNote, waysOut } from './render.js';

/**
 * `mso hook pre-push [remote] [url]`: scans the lines added by every commit a
 * push would publish. Updates scan `<remote oid>..<local oid>`; new refs scan
 * the commits not yet on any remote-tracking ref; deletions are skipped. All
 * updates go through one streamed `git log -p`, all new refs through another,
 * so a ref pointing at commits already covered (a tag on a pushed commit) adds
 * no work. Fails closed on any error.
 */
export async function runPrePush(remote?: string, url?: string): Promise<number> {
  const err = process.stderr;
  const c = chalkFor(err);
  try {
    const root = await hookRoot();
    const input = await readStdin();
    const hexLen = await objectIdLength(root);
    const zero = '0'.repeat(hexLen);
    const refs = parsePushLines(input, hexLen);

    const updates: string[] = [];
    const fresh: string[] = [];
    const notes: string[] = [];
    const seenTips = new Set<string>();
    const pushed = refs.filter((r) => r.localOid !== zero); // deleting a remote ref publishes nothing
    const resolved = await resolveRefs(root, pushed, zero);
    for (const [i, ref] of pushed.entries()) {
      const { tip, remoteKnown } = resolved[i]!;
      if (!tip) {
        // A tag of a tree or blob publishes content that is not in any commit: mso cannot scan it as
        // history, so it blocks rather than let it through unscanned.
        throw new MsoError(`${ref.localRef} points at a tree or blob, not a commit; mso cannot scan it (push it with --no-verify if you have checked it)`);
      }
      if (seenTips.has(tip)) continue;
      seenTips.add(tip);
      if (remoteKnown) {
        updates.push(tip, `^${ref.remoteOid}`);
      } else {
        if (ref.remoteOid !== zero) notes.push(`${describe(ref)}: remote tip ${ref.remoteOid.slice(0, 12)} is not in this repository; scanning every commit not on a remote-tracking ref`);
        fresh.push(tip);
      }
    }

    const config = loadWorkspaceConfig(root);
    // Voyage content (mso dispatch) reaches a protected branch or a tag only once its REL gate passed.
    // Checked while the scan runs; a failure of either blocks.
    const voyageCheck = voyagePushCheck(root, remote, pushed, resolved);
    voyageCheck.catch(() => undefined); // awaited below; this only keeps an early scan error from leaving it unhandled
    // History is scanned for secrets: a secret stays leaked in any commit that carries it, while
    // code findings matter where the code is (pre-commit and the CI range scan cover those).
    // It also keeps thousands of commits fast: the Python scanner reads each touched file in full.
    const scanners = ['secrets'];
    const results: ScanResult[] = [];
    if (updates.length) results.push(await scanCommits(updates, { root, config, scanners, jobs: 1 }));
    // Commits reachable from an update's tip are either in that update's range (scanned above) or
    // already on the remote, so a new ref (a tag on a commit being pushed) skips them too.
    const covered = updates.map((a) => a.replace(/^\^/, ''));
    if (fresh.length) results.push(await scanCommits([...fresh, '--not', '--remotes', ...covered], { root, config, scanners, jobs: 1 }));
    for (const n of notes) err.write(`mso: ${n}\n`);
    const voyages = await voyageCheck;
    if (!voyages.ok) {
      err.write(
        `${c.red.bold('mso: push blocked: it brings changes of voyages whose REL gate has not passed to a protected branch or tag')}\n${voyages.problems.map((p) => `  - ${p}`).join('\n')}\n`,
      );
      return 1;
    }
    if (results.length === 0) return 0;

    const failOn = config.scan.failOn as Severity;
    const blocking = failingFindings({ ...results[0]!, findings: dedupe(results.flatMap((r) => r.findings)) }, failOn);
    const files = results.reduce((n, r) => n + r.stats.files, 0);
    if (blocking.length === 0) {
      err.write(`mso: no secrets in the commits being pushed (${files} changed file${files === 1 ? '' : 's'} scanned)${results.map(skippedNote).join('')}\n`);
      return 0;
    }
    const target = remote ? ` to ${remote}${url && url !== remote ? ` (${url})` : ''}` : '';
    const inCommits = [...new Set(blocking.map((f) => f.commit))].filter(Boolean) as string[];
    err.write(
      [
        c.red.bold(`mso: push${target} blocked: ${blocking.length} finding${blocking.length === 1 ? '' : 's'} in ${inCommits.length} commit${inCommits.length === 1 ? '' : 's'} being pushed`),
        '',
        ...findingsTable(blocking, true),
        '',
        'This is in the history you are pushing, even if a later commit removed it: rewrite it out first.',
        `  - in the last commit: remove it, \`git add\`, then \`git commit --amend\``,
        `  - in an earlier commit: \`git rebase -i ${inCommits.length === 1 ? inCommits[0]!.slice(0, 12) : '<oldest commit above>'}^\`, mark the commit \`edit\`, remove it, \`git commit --amend\`, \`git rebase --continue\``,
        ...(blocking.some((f) => f.scanner === 'secrets') ? ['  If a secret was ever real, rotate it: rewriting history does not un-leak it.'] : []),
        '',
        ...waysOut('push'),
        '',
      ].join('\n'),
    );
    return 1;
  } catch (e) {
    return couldNotCheck(e, { action: 'push', check: 'pre-push scan', reproduce: '`mso scan --range <remote>/<branch>..HEAD`' });
  }
}

/**
 * The content check for the refs this push moves on protected branches (and non-branch refs): an update checks
 * the commits and the diff between the remote's tip and the new one; a new ref checks every commit not
 * on this remote's protected branches. Cheap when the repository has no voyages.
 */
async function voyagePushCheck(root: string, remote: string | undefined, refs: PushRef[], resolved: ResolvedRef[]): Promise<VoyageCheck> {
  const main = await mainRoot(root);
  if (listVoyages(main).length === 0) return { ok: true, problems: [] };
  const patterns = protectedBranches(main);
  const revs: string[] = [];
  const ranges: [string, string][] = [];
  const fresh: string[] = [];
  refs.forEach((ref, i) => {
    const tip = resolved[i]!.tip;
    // Guarded: protected branches, and every remote ref that is not a branch (tags, review refs such as
    // Gerrit's refs/for/<branch>), since those publish or merge without another push to a branch.
    if (!tip || (ref.remoteRef.startsWith('refs/heads/') && !isProtectedBranchRef(ref.remoteRef, patterns))) return;
    if (resolved[i]!.remoteKnown) {
      revs.push(tip, `^${ref.remoteOid}`);
      ranges.push([ref.remoteOid, tip]);
    } else fresh.push(tip);
  });
  const problems = new Set<string>();
  if (revs.length) for (const p of (await checkVoyageContent(main, root, { revs, ranges })).problems) problems.add(p);
  if (fresh.length) {
    const tracking = remote
      ? (await gitText(['for-each-ref', '--format=%(refname)', `refs/remotes/${remote}/`], { cwd: root }))
          .split('\n')
          .filter((r) => r && isProtectedBranchRef(`refs/heads/${r.slice(`refs/remotes/${remote}/`.length)}`, patterns))
      : [];
    for (const p of (await checkVoyageContent(main, root, { revs: [...fresh, '--not', ...tracking] })).problems) problems.add(p);
  }
  return { ok: problems.size === 0, problems: [...problems] };
}

function describe(ref: PushRef): string {
  return ref.localRef === ref.remoteRef ? ref.localRef : `${ref.localRef} -> ${ref.remoteRef}`;
}

/** The same finding can come from both scans (a commit on an update and a new ref). */
function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.commit}:${f.fingerprint}:${f.file}:${f.line}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

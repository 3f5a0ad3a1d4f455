import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { git, gitText } from '../../sources/git.js';
import { mainRoot, revParse } from '../../voyage/git.js';
import type { Arrival } from '../../voyage/merge-guard.js';
import { isProtectedBranchRef, protectedBranches } from '../../voyage/settings.js';
import { listVoyages } from '../../voyage/record.js';
import { couldNotCheck } from './fail-closed.js';
import { chalkFor } from './render.js';

/**
 * `mso hook reference-transaction prepared` (ref lines `<old> <new> <ref>` on
 * stdin): refuses moving a protected branch (directly, or through HEAD) onto
 * commits that carry content of a voyage whose REL gate has not passed:
 * reset --hard, update-ref, rebase, checkout -B, cherry-pick, am, commit,
 * merge. A merge or pull is also checked at its first transaction (ORIG_HEAD),
 * before git touches the working tree. Non-zero aborts the transaction.
 * Voyage branches and every other ref move freely.
 */
export async function runReferenceTransaction(state?: string): Promise<number> {
  if (state !== 'prepared') return 0;
  const input = await readStdin();
  try {
    return await check(process.cwd(), input);
  } catch (e) {
    return couldNotCheck(e, { action: 'ref update', check: 'voyage check', reproduce: '`mso voyage list`' });
  }
}

async function check(cwd: string, input: string): Promise<number> {
  const root = await mainRoot(cwd);
  if (listVoyages(root).length === 0) return 0;
  const patterns = protectedBranches(root);
  const head = (await git(['symbolic-ref', '-q', 'HEAD'], { cwd, okCodes: [1] })).stdout.toString('utf8').trim() || undefined;
  const zero = /^0+$/;
  const arrivals = new Map<string, { ref: string; arrival: Arrival }>();
  const lines = input.split('\n').map((l) => l.trim().split(' ')).filter((p) => p.length === 3);

  const action = process.env.GIT_REFLOG_ACTION ?? '';
  if (/^(merge|pull)(\s|$)/.test(action) && lines.some((l) => l[2] === 'ORIG_HEAD') && head && isProtectedBranchRef(head, patterns)) {
    const gitDir = (await gitText(['rev-parse', '--absolute-git-dir'], { cwd })).trim();
    const heads = await mergeArguments(cwd, gitDir, action);
    if (heads.length) arrivals.set(`merge:${heads.join(',')}`, { ref: head, arrival: { revs: [...heads, '--not', 'HEAD'] } });
  }

  const oid = /^[0-9a-f]{40,64}$/;
  for (const [old, next, name] of lines) {
    const ref = name === 'HEAD' ? head : name;
    // Symbolic-ref changes (newer git reports them as `ref:<target>`) move no content.
    if (!oid.test(old!) || !oid.test(next!)) continue;
    if (!ref || !isProtectedBranchRef(ref, patterns) || zero.test(next!) || old === next) continue;
    let arrival: Arrival;
    if (!zero.test(old!) && (await revParse(cwd, old!))) {
      arrival = { revs: [next!, `^${old}`], ranges: [[old!, next!]] };
    } else {
      // A new protected branch: everything the other protected branches do not have yet.
      const others = (await gitText(['for-each-ref', '--format=%(refname)', 'refs/heads/'], { cwd: root }))
        .split('\n')
        .filter((r) => r && r !== ref && isProtectedBranchRef(r, patterns));
      arrival = { revs: [next!, '--not', ...others] };
    }
    arrivals.set(`${old}:${next}`, { ref, arrival });
  }
  if (arrivals.size === 0) return 0;
  // The content check (and its git plumbing) loads only when a protected branch moves.
  const { checkVoyageContent, formatProblems } = await import('../../voyage/merge-guard.js');
  for (const { ref, arrival } of arrivals.values()) {
    const res = await checkVoyageContent(root, cwd, arrival);
    if (res.ok) continue;
    const branch = ref.replace(/^refs\/heads\//, '');
    process.stderr.write(
      formatProblems(chalkFor(process.stderr).red.bold(`mso: ${action || 'ref update'} blocked: ${branch} would carry changes of voyages whose REL gate has not passed`), res),
    );
    return 1;
  }
  return 0;
}

/** The commits a `git merge A B` or `git pull` in progress names: its arguments, or FETCH_HEAD's merge lines. */
async function mergeArguments(cwd: string, gitDir: string, action: string): Promise<string[]> {
  const words = action.trim().split(/\s+/);
  const heads: string[] = [];
  if (words[0] === 'pull') {
    const fetchHead = join(gitDir, 'FETCH_HEAD');
    if (existsSync(fetchHead)) {
      for (const line of readFileSync(fetchHead, 'utf8').split('\n')) {
        const [sha, flag] = line.split('\t');
        if (sha && flag === '') heads.push(sha);
      }
    }
    return heads;
  }
  for (const w of words.slice(1)) {
    if (w.startsWith('-')) continue;
    const sha = await revParse(cwd, w);
    if (sha) heads.push(sha);
  }
  return heads;
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

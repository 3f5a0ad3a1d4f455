import { MsoError } from '../core/errors.js';
import { git, gitText } from '../sources/git.js';
import { withLock } from '../workspace/lock.js';
import { msoPath } from '../workspace/layout.js';
import { commitConfig } from './git.js';
import { loadOrder, loadVoyage, now, updateVoyage } from './record.js';
import { runGate, type GateOutcome } from './gate.js';
import { removeWorktree } from './worktree.js';

/**
 * `mso voyage merge`: runs the gate at this moment and, only when it passes,
 * records a merge commit naming the voyage on the base branch. The commit is
 * built from the exact tree the gate checked (git merge-tree); a checked-out
 * base is then fast-forwarded (git refuses if local changes would be lost),
 * otherwise the branch ref is moved with a compare-and-swap. Any failure
 * leaves the base untouched.
 */
export interface MergeOutcome {
  merged: boolean;
  gate: GateOutcome;
  commit?: string;
}

async function checkedOutAt(root: string, branch: string): Promise<string | undefined> {
  const list = await gitText(['worktree', 'list', '--porcelain'], { cwd: root });
  let path: string | undefined;
  for (const line of list.split('\n')) {
    if (line.startsWith('worktree ')) path = line.slice('worktree '.length);
    else if (line === `branch refs/heads/${branch}`) return path;
  }
  return undefined;
}

export async function mergeVoyage(root: string, id: string): Promise<MergeOutcome> {
  return withLock(msoPath(root, 'locks', `${id}.merge.lock`), async () => {
    const v = loadVoyage(root, id);
    if (v.status === 'merged') throw new MsoError(`${id} is already merged (${v.merge?.commit.slice(0, 12)})`);
    const gate = await runGate(root, v);
    if (!gate.passed || !gate.mergeTree) return { merged: false, gate };

    const order = loadOrder(root, v.order);
    const title = order.withheld ? '(order withheld)' : (order.text.split('\n')[0] ?? '').slice(0, 72);
    const message = `Merge voyage ${v.id} (${v.branch}) into ${v.base}\n\nOrder ${order.id}: ${title}\nSEC review clean and REL gate passed at ${gate.head}.\n`;
    const cfg = await commitConfig(root);
    const commit = (
      await gitText([...cfg, 'commit-tree', gate.mergeTree, '-p', gate.baseHead, '-p', gate.head, '-F', '-'], { cwd: root, input: message })
    ).trim();

    const wt = await checkedOutAt(root, v.base);
    if (wt) {
      // Fast-forward the checked-out base to the merge commit: updates its files, refuses rather than overwrite local changes.
      await git(['merge', '--ff-only', '-q', commit], { cwd: wt });
    } else {
      await git(['update-ref', '-m', `mso: merge ${v.id}`, `refs/heads/${v.base}`, commit, gate.baseHead], { cwd: root });
    }
    await updateVoyage(root, id, (rec) => {
      rec.status = 'merged';
      rec.reason = null;
      rec.merge = { commit, at: now() };
    });
    await removeWorktree(root, v);
    await updateVoyage(root, id, (rec) => {
      rec.worktree = null;
    });
    return { merged: true, gate, commit };
  });
}

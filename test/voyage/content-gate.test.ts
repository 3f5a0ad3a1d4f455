import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { endTurn, toolUse } from '../dispatch/fake-messages-api.js';
import { harness, type Harness } from '../dispatch/setup.js';
import { CLI, REPO_ROOT } from '../helpers/cli.js';

/**
 * The voyage gate checks content, not commit ids: every way of carrying an
 * ungated voyage's changes to a protected branch is refused, locally by the
 * reference-transaction / pre-merge-commit hooks and at the remote by
 * pre-push, naming the voyage and the command that gates it. Real git, real
 * hooks (the shipped scripts), a bare remote.
 */
const FEATURE = 'def feature(x):\n    """Adds the voyage feature."""\n    return x * 42\n';
const HELPER = 'def helper(values):\n    return [v for v in values if v is not None]\n';

describe('content-based voyage gate', () => {
  let h: Harness;
  let remote: string;
  let env: NodeJS.ProcessEnv;
  let start: string;
  let branch: string;

  const git = (...args: string[]) => spawnSync('git', args, { cwd: h.repo.dir, env, encoding: 'utf8' });
  const ok = (...args: string[]) => {
    const r = git(...args);
    if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
    return r.stdout;
  };
  const sh = (script: string) => spawnSync('sh', ['-c', script], { cwd: h.repo.dir, env, encoding: 'utf8' });
  const mainAt = () => ok('rev-parse', 'main').trim();
  const refusedLocally = (r: { status: number | null; stderr: string }) => {
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/VOY-0001/);
    expect(r.stderr).toMatch(/mso voyage gate VOY-0001/);
    expect(mainAt()).toBe(start);
  };
  const pushRefused = (refspec: string) => {
    const r = git('push', 'origin', refspec);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/push blocked: .*voyages whose REL gate has not passed/);
    expect(r.stderr).toMatch(/VOY-0001 \(voyage\/VOY-0001-[^)]*\): the REL gate has not passed/);
    expect(r.stderr).toMatch(/run `mso voyage gate VOY-0001`, then `mso voyage merge VOY-0001`/);
    expect(spawnSync('git', ['rev-parse', 'main'], { cwd: remote, encoding: 'utf8' }).stdout.trim()).toBe(start);
  };

  beforeAll(async () => {
    h = await harness([toolUse(['write_file', { path: 'lib/feature.py', content: FEATURE }]), endTurn('done')], { 'lib/shared.py': 'A = 1\n' });
    expect((await h.mso('dispatch', 'add the feature')).code).toBe(0);
    branch = h.voyage().branch;
    // A second voyage commit (the crew's next step): a helper and an edit of an existing file.
    const wt = join(h.repo.dir, h.voyage().worktree);
    writeFileSync(join(wt, 'lib', 'helper.py'), HELPER);
    writeFileSync(join(wt, 'lib', 'shared.py'), 'A = 1\nB = "voyage"\n');
    h.repo.git('-C', wt, 'add', '-A');
    h.repo.git('-C', wt, 'commit', '-qm', 'helper');
    remote = mkdtempSync(join(tmpdir(), 'mso-remote-'));
    spawnSync('git', ['init', '-q', '--bare', remote]);
    h.repo.git('remote', 'add', 'origin', remote);
    h.repo.git('push', '-q', 'origin', 'main');
    start = h.repo.git('rev-parse', 'main').trim();
    const bin = join(h.repo.dir, '.git', 'mso-bin');
    writeFileSync(bin, `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
    chmodSync(bin, 0o755);
    for (const hook of ['pre-push', 'pre-merge-commit', 'reference-transaction']) {
      const dest = join(h.repo.dir, '.git', 'hooks', hook);
      copyFileSync(join(REPO_ROOT, 'hooks', hook), dest);
      chmodSync(dest, 0o755);
    }
    env = { ...process.env, ...h.env, MSO_BIN: bin, NO_COLOR: '1', GIT_EDITOR: 'true' };
  }, 150_000);

  afterAll(async () => {
    await h?.close();
    if (remote) rmSync(remote, { recursive: true, force: true });
  });

  beforeEach(() => {
    for (const abort of [['cherry-pick', '--abort'], ['am', '--abort'], ['rebase', '--abort'], ['merge', '--abort']]) git(...abort);
    ok('checkout', '-qf', 'main');
    ok('reset', '-q', '--hard', start);
    ok('clean', '-qfd');
    git('branch', '-D', 'work');
  });

  describe('refused on main by the local hooks', () => {
    test('cherry-pick of every voyage commit', () => refusedLocally(git('cherry-pick', `${start}..${branch}`)));
    test('cherry-pick of its first commit only', () => refusedLocally(git('cherry-pick', `${branch}~1`)));
    test('cherry-pick -n then commit', () => {
      ok('cherry-pick', '-n', branch);
      refusedLocally(git('commit', '-qm', 'mine now'));
    });
    test('format-patch | am', () => refusedLocally(sh(`git format-patch --stdout ${start}..${branch} | git am -q`)));
    test('merge --squash (refused before it stages anything)', () => {
      refusedLocally(git('merge', '--squash', branch));
      expect(ok('status', '--porcelain')).toBe('');
    });
    test('fast-forward merge', () => refusedLocally(git('merge', '--ff-only', branch)));
    test('merge commit (main moved on)', () => {
      writeFileSync(join(h.repo.dir, 'other.txt'), 'unrelated work on main\n');
      ok('add', 'other.txt');
      ok('commit', '-qm', 'other');
      const before = mainAt();
      const r = git('merge', '--no-edit', '--no-ff', branch);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toMatch(/VOY-0001.*mso voyage gate VOY-0001/);
      expect(mainAt()).toBe(before);
    });
    test('reset --hard onto the voyage', () => refusedLocally(git('reset', '--hard', branch)));
    test('update-ref', () => refusedLocally(git('update-ref', 'refs/heads/main', branch)));
    test('checkout -B main <voyage>', () => refusedLocally(git('checkout', '-B', 'main', branch)));
    test('rebase main onto the voyage', () => refusedLocally(git('rebase', branch)));
    test('checkout <voyage> -- file, then commit', () => {
      ok('checkout', branch, '--', 'lib/helper.py');
      refusedLocally(git('commit', '-qm', 'borrowed'));
    });
    test('diff | apply, then commit', () => {
      expect(sh(`git diff ${start} ${branch} | git apply --index`).status).toBe(0);
      refusedLocally(git('commit', '-qm', 'applied'));
    });
    test('re-committing the same change by hand', () => {
      writeFileSync(join(h.repo.dir, 'lib', 'shared.py'), 'A = 1\nB = "voyage"\n');
      refusedLocally(git('commit', '-qam', 'typed it myself'));
    });
    test('a copy with one extra file', () => {
      ok('checkout', branch, '--', 'lib');
      writeFileSync(join(h.repo.dir, 'extra.txt'), 'one more file\n');
      ok('add', '-A');
      refusedLocally(git('commit', '-qm', 'copy plus extra'));
    });
    test('commit-tree + update-ref', () => {
      const tree = ok('rev-parse', `${branch}^{tree}`).trim();
      const commit = ok('commit-tree', tree, '-p', start, '-m', 'forged').trim();
      refusedLocally(git('update-ref', 'refs/heads/main', commit, start));
    });
    test('creating a protected branch (master) at voyage content', () => {
      const r = git('branch', 'master', branch);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toMatch(/VOY-0001/);
      expect(git('rev-parse', '-q', '--verify', 'refs/heads/master').status).not.toBe(0);
    });
  });

  describe('refused at push when built on an unprotected branch', () => {
    const onWork = (script: () => void) => {
      ok('checkout', '-qb', 'work', start);
      script();
      expect(ok('rev-parse', 'work').trim()).not.toBe(start);
    };
    test('cherry-pick', () => {
      onWork(() => ok('cherry-pick', `${start}..${branch}`));
      pushRefused('work:main');
      // The same branch may go to an unprotected remote branch.
      expect(git('push', '-q', 'origin', 'work:refs/heads/scratch').status).toBe(0);
      expect(git('push', '-q', 'origin', ':refs/heads/scratch').status).toBe(0);
    });
    test('partial cherry-pick', () => {
      onWork(() => ok('cherry-pick', `${branch}~1`));
      pushRefused('work:main');
    });
    test('format-patch | am', () => {
      onWork(() => expect(sh(`git format-patch --stdout ${start}..${branch} | git am -q`).status).toBe(0));
      pushRefused('work:main');
    });
    test('merge --squash', () => {
      onWork(() => {
        ok('merge', '--squash', branch);
        ok('commit', '-qm', 'squash');
      });
      pushRefused('work:main');
    });
    test('checkout <voyage> -- file', () => {
      onWork(() => {
        ok('checkout', branch, '--', 'lib/feature.py');
        ok('commit', '-qm', 'one file');
      });
      pushRefused('work:main');
    });
    test('a copy with one extra file, as a new remote branch named master', () => {
      onWork(() => {
        ok('checkout', branch, '--', 'lib');
        writeFileSync(join(h.repo.dir, 'extra.txt'), 'one more\n');
        ok('add', '-A');
        ok('commit', '-qm', 'copy');
      });
      const r = git('push', 'origin', 'work:refs/heads/master');
      expect(r.status).not.toBe(0);
      expect(r.stderr).toMatch(/VOY-0001.*mso voyage gate VOY-0001/);
    });
    test('commit-tree pushed by id', () => {
      const tree = ok('rev-parse', `${branch}^{tree}`).trim();
      const commit = ok('commit-tree', tree, '-p', start, '-m', 'forged').trim();
      pushRefused(`${commit}:refs/heads/main`);
    });
    test('the voyage branch itself to main, and a tag on it', () => {
      pushRefused(`${branch}:main`);
      ok('tag', 'v-voyage', branch);
      const r = git('push', 'origin', 'v-voyage');
      ok('tag', '-d', 'v-voyage');
      expect(r.status).not.toBe(0);
      expect(r.stderr).toMatch(/VOY-0001/);
      // A review ref (Gerrit's refs/for/<branch>) merges on the server: guarded like a protected branch.
      const review = git('push', 'origin', `${branch}:refs/for/main`);
      expect(review.status).not.toBe(0);
      expect(review.stderr).toMatch(/VOY-0001/);
    });
  });

  describe('ordinary work passes', () => {
    test('a commit and a push on main', () => {
      writeFileSync(join(h.repo.dir, 'notes.md'), '# notes\nplain work\n');
      ok('add', 'notes.md');
      ok('commit', '-qm', 'notes');
      const r = git('push', 'origin', 'main');
      expect(r.status).toBe(0);
      ok('push', '-q', '-f', 'origin', `${start}:main`);
    });
    test('an unrelated change to the same files, with different content', () => {
      writeFileSync(join(h.repo.dir, 'lib', 'shared.py'), 'A = 2\n');
      writeFileSync(join(h.repo.dir, 'lib', 'feature.py'), 'def feature(x):\n    return x\n');
      ok('add', '-A');
      ok('commit', '-qm', 'my own feature');
      expect(git('push', 'origin', 'main').status).toBe(0);
      ok('push', '-q', '-f', 'origin', `${start}:main`);
    });
  });

  describe('configuration and failure', () => {
    test('dispatch.protectedBranches adds branches; a scratch branch is free until then', () => {
      ok('checkout', '-qb', 'work', start);
      expect(git('cherry-pick', `${start}..${branch}`).status).toBe(0);
      ok('checkout', '-qf', 'main');
      const cfg = join(h.repo.dir, '.mso', 'workspace.json');
      writeFileSync(cfg, JSON.stringify({ dispatch: { protectedBranches: ['main', 'release/*'] } }));
      try {
        const r = git('branch', 'release/1.0', 'work');
        expect(r.status).not.toBe(0);
        expect(r.stderr).toMatch(/release\/1\.0 would carry changes.*VOY-0001/s);
        expect(git('branch', 'other', 'work').status).toBe(0);
        git('branch', '-D', 'other');
      } finally {
        rmSync(cfg, { force: true });
      }
    });
    test('a broken workspace configuration blocks a protected ref move (fail closed)', () => {
      const cfg = join(h.repo.dir, '.mso', 'workspace.json');
      writeFileSync(cfg, '{ not json');
      try {
        writeFileSync(join(h.repo.dir, 'notes.md'), '# notes\n');
        ok('add', 'notes.md');
        const r = git('commit', '-qm', 'notes');
        expect(r.status).not.toBe(0);
        expect(r.stderr).toMatch(/could not run/);
        expect(mainAt()).toBe(start);
      } finally {
        rmSync(cfg, { force: true });
      }
    });
  });

  describe('once the gate passes', () => {
    test('the same cherry-pick and push go through; a later ungated commit does not', async () => {
      expect((await h.mso('voyage', 'gate', 'VOY-0001')).code).toBe(0);
      ok('cherry-pick', `${start}..${branch}`);
      expect(git('push', 'origin', 'main').status).toBe(0);
      ok('push', '-q', '-f', 'origin', `${start}:main`);
      ok('reset', '-q', '--hard', start);
      // The crew commits again after the gate: that change is ungated.
      const wt = join(h.repo.dir, h.voyage().worktree);
      writeFileSync(join(wt, 'lib', 'late.py'), 'LATE = "after the gate"\n');
      h.repo.git('-C', wt, 'add', '-A');
      h.repo.git('-C', wt, 'commit', '-qm', 'late');
      const r = git('cherry-pick', `${start}..${branch}`);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toMatch(/VOY-0001.*after the head where the REL gate passed.*mso voyage gate VOY-0001/);
      git('cherry-pick', '--abort');
      ok('reset', '-q', '--hard', start);
      expect((await h.mso('voyage', 'gate', 'VOY-0001')).code).toBe(0);
      expect(git('merge', '--ff-only', branch).status).toBe(0);
      expect(git('push', 'origin', 'main').status).toBe(0);
      ok('push', '-q', '-f', 'origin', `${start}:main`);
    });
  });
});

describe('content-based voyage gate: no false alarm from the base merged into a voyage', () => {
  let h: Harness;
  let remote: string;
  afterEach(async () => {
    await h?.close();
    if (remote) rmSync(remote, { recursive: true, force: true });
  });

  test("main's own newer commits, merged into the voyage branch to catch up, still push; the voyage's content does not", async () => {
    h = await harness([toolUse(['write_file', { path: 'lib/feature.py', content: FEATURE }]), endTurn('done')]);
    expect((await h.mso('dispatch', 'add the feature')).code).toBe(0);
    remote = mkdtempSync(join(tmpdir(), 'mso-remote-'));
    spawnSync('git', ['init', '-q', '--bare', remote]);
    h.repo.git('remote', 'add', 'origin', remote);
    h.repo.git('push', '-q', 'origin', 'main');
    const bin = join(h.repo.dir, '.git', 'mso-bin');
    writeFileSync(bin, `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
    chmodSync(bin, 0o755);
    for (const hook of ['pre-push', 'reference-transaction']) {
      copyFileSync(join(REPO_ROOT, 'hooks', hook), join(h.repo.dir, '.git', 'hooks', hook));
      chmodSync(join(h.repo.dir, '.git', 'hooks', hook), 0o755);
    }
    const env = { ...process.env, ...h.env, MSO_BIN: bin, NO_COLOR: '1' };
    const git = (cwd: string, ...args: string[]) => spawnSync('git', args, { cwd, env, encoding: 'utf8' });
    // Main moves on with a developer's own work, not yet pushed.
    writeFileSync(join(h.repo.dir, 'mainwork.py'), 'def main_work():\n    return "written on main"\n');
    expect(git(h.repo.dir, 'add', 'mainwork.py').status).toBe(0);
    expect(git(h.repo.dir, 'commit', '-qm', 'main work').status).toBe(0);
    // Someone merges main into the voyage branch to bring it up to date.
    const wt = join(h.repo.dir, h.voyage().worktree);
    expect(git(wt, 'merge', '-q', '--no-edit', 'main').status).toBe(0);
    const push = git(h.repo.dir, 'push', 'origin', 'main');
    expect(push.stderr).not.toMatch(/VOY-0001/);
    expect(push.status).toBe(0);
    const branch = h.voyage().branch;
    const pick = git(h.repo.dir, 'cherry-pick', `${branch}^2..${branch}^1`);
    expect(pick.status).not.toBe(0);
    expect(pick.stderr).toMatch(/VOY-0001.*mso voyage gate VOY-0001/);
  }, 150_000);
});

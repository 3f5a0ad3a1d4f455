import { rmSync, chmodSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { tokens } from '../../helpers/tokens.js';
import { Repo, g, hookEnv, lines, mso, pathWithoutMso, run, snapshot } from './hook-env.js';

/** Real `git commit` through the hook `mso init` installed. */
const commit = (repo: Repo, ...args: string[]) => repo.run('commit', '-q', ...args);
const secretLine = () => `TOKEN = "${tokens.github()}"\n`;

describe('pre-commit hook (real git commit)', () => {
  let repo: Repo;
  beforeEach(() => {
    repo = new Repo();
    repo.init();
  });
  afterEach(() => rmSync(repo.dir, { recursive: true, force: true }));

  test('first commit (no HEAD): a clean commit passes with at most one short line', () => {
    for (let i = 0; i < 5; i++) repo.write(`src/f${i}.py`, `x${i} = ${i}\n`);
    repo.git('add', '-A');
    const r = commit(repo, '-m', 'first');
    expect(r.code).toBe(0);
    expect(lines(r.out).length).toBeLessThanOrEqual(1);
    expect(lines(r.out)[0]!.length).toBeLessThan(100);
    expect(repo.git('rev-list', '--count', 'HEAD').trim()).toBe('1');
  });

  test('first commit (no HEAD) with a secret is blocked, and nothing changes byte for byte', () => {
    const token = tokens.github();
    repo.write('config.py', `A = 1\nTOKEN = "${token}"\n`);
    repo.write('notes.txt', 'unstaged\n');
    repo.git('add', 'config.py');
    repo.git('stash', 'list');
    const before = snapshot(repo.dir);
    const r = commit(repo, '-m', 'first');
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/commit blocked/);
    expect(r.out).toMatch(/config\.py\s+2\s+github-token/);
    expect(r.out).not.toContain(token);
    expect(r.out).toMatch(/mso:allow/);
    expect(r.out).toMatch(/baseline/);
    expect(r.out).toMatch(/--no-verify/);
    expect(r.out).toMatch(/CI/);
    expect(snapshot(repo.dir)).toBe(before);
    expect(repo.run('rev-parse', '--verify', '-q', 'HEAD').code).not.toBe(0);
  });

  test('partial staging: a secret only in the index blocks; only in the working tree passes', () => {
    repo.write('app.py', 'a = 1\n');
    repo.commitAll('init');
    // index has the secret, working tree does not
    repo.write('app.py', `a = 1\n${secretLine()}`);
    repo.git('add', 'app.py');
    repo.write('app.py', 'a = 1\nb = 2\n');
    repo.git('stash', 'push', '-q', '--keep-index', '-m', 'user stash'); // a real stash entry must survive
    repo.write('app.py', 'a = 1\nb = 3\n');
    const before = snapshot(repo.dir);
    const blocked = commit(repo, '-m', 'x');
    expect(blocked.code).toBe(1);
    expect(blocked.out).toMatch(/app\.py\s+2\s+github-token/);
    expect(snapshot(repo.dir)).toBe(before);

    // the reverse: index clean, working tree dirty with a secret
    repo.git('reset', '-q');
    repo.write('app.py', 'a = 1\nc = 4\n');
    repo.git('add', 'app.py');
    repo.write('app.py', `a = 1\nc = 4\n${secretLine()}`);
    const ok = commit(repo, '-m', 'y');
    expect(ok.code).toBe(0);
    expect(repo.git('show', 'HEAD:app.py')).toBe('a = 1\nc = 4\n');
  });

  test('amend: adding a secret with --amend is blocked; amending the message only passes', () => {
    repo.write('a.txt', 'one\n');
    repo.commitAll('init');
    repo.write('b.txt', 'two\n');
    repo.git('add', 'b.txt');
    expect(commit(repo, '-m', 'second').code).toBe(0);
    const head = repo.git('rev-parse', 'HEAD');
    repo.write('b.txt', `two\n${secretLine()}`);
    repo.git('add', 'b.txt');
    const r = commit(repo, '--amend', '--no-edit');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/b\.txt\s+2\s+github-token/);
    expect(repo.git('rev-parse', 'HEAD')).toBe(head);
    repo.git('reset', '-q', 'b.txt');
    repo.git('checkout', 'b.txt');
    expect(commit(repo, '--amend', '-m', 'second, reworded').code).toBe(0);
  });

  test('merge commit: merging a branch that brings a secret is blocked; a clean merge passes', () => {
    repo.write('a.txt', 'base\n');
    repo.commitAll('base');
    repo.git('checkout', '-q', '-b', 'clean');
    repo.write('c.txt', 'clean\n');
    repo.commitAll('clean change');
    repo.git('checkout', '-q', '-b', 'dirty', 'main');
    repo.write('d.txt', secretLine());
    repo.commitAll('dirty change (hooks skipped)');
    repo.git('checkout', '-q', 'main');
    repo.write('a.txt', 'base\nmain moved on\n');
    repo.commitAll('main moves');

    const clean = repo.run('merge', '--no-ff', '--no-edit', 'clean');
    expect(clean.code).toBe(0);
    expect(repo.git('rev-list', '--parents', '-n1', 'HEAD').trim().split(' ')).toHaveLength(3);

    // a merge git commits by itself runs pre-merge-commit, which mso also installs
    const dirty = repo.run('merge', '--no-ff', '--no-edit', 'dirty');
    expect(dirty.code).not.toBe(0);
    expect(dirty.out).toMatch(/d\.txt\s+1\s+github-token/);
    expect(repo.git('log', '-1', '--format=%s')).toMatch(/Merge branch 'clean'/);
    repo.run('merge', '--abort');

    // a merge finished by hand (after --no-commit or a conflict) runs pre-commit with MERGE_HEAD set
    expect(repo.run('merge', '--no-ff', '--no-commit', 'dirty').code).toBe(0);
    const before = snapshot(repo.dir);
    const byHand = commit(repo, '--no-edit');
    expect(byHand.code).toBe(1);
    expect(byHand.out).toMatch(/d\.txt\s+1\s+github-token/);
    expect(snapshot(repo.dir)).toBe(before);
    expect(existsSync(join(repo.dir, '.git', 'MERGE_HEAD'))).toBe(true);
  });

  test('renames and copies report the new path; deletions and mode-only changes pass', () => {
    repo.write('old name.env', secretLine());
    repo.write('mode.sh', secretLine());
    repo.commitAll('legacy secrets, before mso');

    repo.git('mv', 'old name.env', 'new näme.env');
    const moved = commit(repo, '-m', 'rename');
    expect(moved.code).toBe(1);
    expect(moved.out).toMatch(/new näme\.env\s+1\s+github-token/);
    expect(moved.out).not.toMatch(/old name\.env/);
    repo.git('reset', '-q', '--hard');

    repo.write('copy.sh', repo.read('mode.sh'));
    repo.git('add', 'copy.sh');
    const copied = commit(repo, '-m', 'copy');
    expect(copied.code).toBe(1);
    expect(copied.out).toMatch(/copy\.sh\s+1\s+github-token/);
    repo.git('reset', '-q', '--hard');
    rmSync(join(repo.dir, 'copy.sh'), { force: true });

    chmodSync(join(repo.dir, 'mode.sh'), 0o755);
    repo.git('add', 'mode.sh');
    expect(repo.git('diff', '--cached', '--summary')).toMatch(/mode change/);
    expect(commit(repo, '-m', 'mode only').code).toBe(0);

    repo.git('rm', '-q', 'new näme.env', 'old name.env', '--ignore-unmatch');
    repo.git('rm', '-q', 'mode.sh');
    const del = commit(repo, '-m', 'delete the secrets');
    expect(del.code).toBe(0);
  });

  test('binary files are skipped and counted; submodule pointers are skipped', () => {
    const sub = new Repo();
    sub.write('s.txt', 'sub\n');
    const c1 = sub.commitAll('s1');
    sub.write('s.txt', `sub\n${secretLine()}`);
    const c2 = sub.commitAll('s2');
    repo.write('a.txt', 'a\n');
    repo.commitAll('init');
    g(repo.dir, '-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', sub.dir, 'vendor/sub');
    g(join(repo.dir, 'vendor/sub'), 'checkout', '-q', c1);
    repo.git('add', 'vendor/sub');
    repo.git('commit', '-q', '--no-verify', '-m', 'add submodule');

    g(join(repo.dir, 'vendor/sub'), 'checkout', '-q', c2); // the pointer moves to a commit with a secret: not ours to scan
    repo.git('add', 'vendor/sub');
    repo.write('blob.bin', Buffer.concat([Buffer.from([0, 1, 2, 0]), Buffer.from(secretLine())]));
    repo.git('add', 'blob.bin');
    const r = commit(repo, '-m', 'bump submodule, add binary');
    expect(r.code).toBe(0);
    expect(lines(r.out)).toHaveLength(1);
    expect(r.out).toMatch(/1 binary/);
    expect(r.out).toMatch(/1 submodule/);
    rmSync(sub.dir, { recursive: true, force: true });
  });

  test('names with spaces, unicode and newlines are scanned and shown escaped', () => {
    const name = 'dir with space/ünï cödé\nline.env';
    repo.write(name, `x = 1\n${secretLine()}`);
    repo.git('add', '-A');
    const before = snapshot(repo.dir);
    const r = commit(repo, '-m', 'odd');
    expect(r.code).toBe(1);
    expect(r.out).toContain(JSON.stringify(name));
    expect(r.out).toMatch(/\s2\s+github-token/);
    expect(snapshot(repo.dir)).toBe(before);
  });

  test('a repository in a subfolder of the current folder (git -C) and `git commit <path>` / `-a`', () => {
    const parent = join(repo.dir, '..', `${repo.dir.split('/').pop()}-parent`);
    const inner = new Repo({ dir: join(parent, 'projects', 'inner') });
    inner.init();
    inner.write('x.txt', 'x\n');
    inner.commitAll('init');
    inner.write('x.txt', `x\n${secretLine()}`);
    const viaC = run('git', ['-C', 'projects/inner', 'commit', '-q', '-a', '-m', 'a'], parent);
    expect(viaC.code).toBe(1);
    expect(viaC.out).toMatch(/x\.txt\s+2\s+github-token/);
    // `git commit <path>` uses a temporary index (GIT_INDEX_FILE): it must be the one scanned
    const viaPath = run('git', ['-C', 'projects/inner', 'commit', '-q', '-m', 'b', 'x.txt'], parent);
    expect(viaPath.code).toBe(1);
    expect(inner.git('status', '--porcelain')).toBe(' M x.txt\n');
    rmSync(parent, { recursive: true, force: true });
  });

  test('a linked worktree (git worktree add) uses the hook and is scanned', () => {
    repo.write('a.txt', 'a\n');
    repo.commitAll('init');
    const wt = `${repo.dir}-wt`;
    repo.git('worktree', 'add', '-q', '-b', 'side', wt);
    g(wt, 'config', 'user.name', 'x');
    run('sh', ['-c', `printf 'k = "%s"\\n' "$T" > "wt file.txt"`], wt, { env: hookEnv({ T: tokens.github() }) });
    g(wt, 'add', '-A');
    const before = snapshot(wt);
    const r = run('git', ['commit', '-q', '-m', 'wt'], wt);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/wt file\.txt\s+1\s+github-token/);
    expect(snapshot(wt)).toBe(before);
    rmSync(wt, { recursive: true, force: true });
  });

  test('inline mso:allow and the baseline let a commit through', () => {
    repo.write('a.py', `KEY = "${tokens.github()}"  # mso:allow test fixture\n`);
    repo.git('add', '-A');
    expect(commit(repo, '-m', 'allowed').code).toBe(0);
    repo.write('b.py', secretLine());
    expect(mso(repo.dir, ['scan', '--all', '--write-baseline', '.mso/baseline.json']).code).toBe(0);
    repo.git('add', 'b.py');
    expect(commit(repo, '-m', 'baselined').code).toBe(0);
  });

  describe('fails closed', () => {
    test('a bad rule file blocks with the reason', () => {
      repo.write('.mso/workspace.json', JSON.stringify({ scan: { rules: ['my-rules'] } }));
      repo.write('my-rules/secrets/bad.yaml', 'rules:\n  - id: broken\n    pattern: "(unclosed"\n');
      repo.write('a.txt', 'hello\n');
      repo.git('add', 'a.txt');
      const r = commit(repo, '-m', 'x');
      expect(r.code).not.toBe(0);
      expect(r.out).toMatch(/could not run/);
      expect(r.out).toMatch(/bad\.yaml|my-rules/);
    });

    test('an invalid workspace configuration blocks', () => {
      repo.write('.mso/workspace.json', '{ not json');
      repo.write('a.txt', 'hello\n');
      repo.git('add', 'a.txt');
      const r = commit(repo, '-m', 'x');
      expect(r.code).not.toBe(0);
      expect(r.out).toMatch(/workspace\.json/);
    });

    test('an unreadable staged blob blocks (git error)', () => {
      repo.write('a.txt', 'hello unique content 1234\n');
      repo.git('add', 'a.txt');
      const oid = repo.git('rev-parse', ':a.txt').trim();
      rmSync(join(repo.dir, '.git', 'objects', oid.slice(0, 2), oid.slice(2)));
      const r = mso(repo.dir, ['hook', 'pre-commit'], { env: hookEnv() });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/commit blocked/);
      expect(r.stderr).toMatch(/reason: .*(git|object|a\.txt)/);
    });

    test('outside a repository the hook blocks rather than passes', () => {
      const r = mso(join(repo.dir, '..'), ['hook', 'pre-commit'], { env: hookEnv({ GIT_CEILING_DIRECTORIES: join(repo.dir, '..') }) });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/could not run/);
    });

    test('mso missing from PATH: the installed hook blocks and says how to install', () => {
      repo.write('a.txt', 'hello\n');
      repo.git('add', 'a.txt');
      const r = run('git', ['commit', '-q', '-m', 'x'], repo.dir, { env: hookEnv({ PATH: pathWithoutMso() }) });
      expect(r.code).not.toBe(0);
      expect(r.out).toMatch(/`mso` command was not found/);
      expect(r.out).toMatch(/install/i);
      expect(existsSync(join(repo.dir, '.git', 'refs', 'heads', 'main'))).toBe(false);
    });
  });
});

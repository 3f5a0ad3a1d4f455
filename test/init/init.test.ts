import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/cli.js';
import { tokens } from '../helpers/tokens.js';
import { Repo, g, hookEnv, mso, run } from '../hooks/git/hook-env.js';

/** Every file of a folder with its mode and bytes, for "exactly as before" checks. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    const st = statSync(p);
    out[name] = st.isDirectory() ? 'dir' : `${(st.mode & 0o777).toString(8)} ${readFileSync(p).toString('base64')}`;
  }
  return out;
}

const HOOKS = ['pre-commit', 'pre-merge-commit', 'pre-push'];

describe('mso init', () => {
  let repo: Repo;
  beforeEach(() => {
    repo = new Repo();
  });
  afterEach(() => rmSync(repo.dir, { recursive: true, force: true }));

  test('plain repository: installs the hooks, says so, is idempotent, and uninstall removes exactly them', () => {
    const hooks = join(repo.dir, '.git', 'hooks');
    const original = tree(hooks);
    const first = repo.init();
    for (const h of HOOKS) {
      expect(first.stdout).toMatch(new RegExp(`${h}: installed \\.git/hooks/${h}`));
      expect(statSync(join(hooks, h)).mode & 0o111).not.toBe(0);
      expect(readFileSync(join(hooks, h), 'utf8')).toBe(readFileSync(join(REPO_ROOT, 'hooks', h), 'utf8'));
    }
    const installed = tree(hooks);
    const second = repo.init();
    expect(second.stdout.match(/nothing changed/g)).toHaveLength(HOOKS.length);
    expect(tree(hooks)).toEqual(installed);

    const un = repo.init('--uninstall');
    expect(un.stdout).toMatch(/removed \.git\/hooks\/pre-commit/);
    expect(tree(hooks)).toEqual(original);
    expect(repo.init('--uninstall').stdout).toMatch(/not installed, nothing to remove/);
  });

  test('an existing hook is kept and chained: it runs first, can still block, and is restored byte for byte', () => {
    const hooks = join(repo.dir, '.git', 'hooks');
    const mine = `#!/bin/sh\necho "my hook ran" >> "$(git rev-parse --git-dir)/my-hook.log"\n[ ! -f STOP ] || { echo "my hook says no"; exit 3; }\n`;
    writeFileSync(join(hooks, 'pre-commit'), mine, { mode: 0o750 });
    const prePush = `#!/bin/sh\ncat > "$(git rev-parse --git-dir)/my-push-stdin.txt"\necho "$1 $2" >> "$(git rev-parse --git-dir)/my-push-stdin.txt"\n`;
    writeFileSync(join(hooks, 'pre-push'), prePush, { mode: 0o755 });
    const before = tree(hooks);

    const out = repo.init();
    expect(out.stdout).toMatch(/pre-commit: .*existing hook was kept as \.git\/hooks\/pre-commit\.pre-mso/);
    expect(readFileSync(join(hooks, 'pre-commit.pre-mso'), 'utf8')).toBe(mine);

    repo.write('a.txt', 'a\n');
    repo.git('add', 'a.txt');
    expect(repo.run('commit', '-q', '-m', 'a').code).toBe(0);
    expect(readFileSync(join(repo.dir, '.git', 'my-hook.log'), 'utf8')).toBe('my hook ran\n');

    repo.write('STOP', '');
    repo.write('b.txt', 'b\n');
    repo.git('add', 'b.txt');
    const stopped = repo.run('commit', '-q', '-m', 'b');
    expect(stopped.code).not.toBe(0);
    expect(stopped.out).toMatch(/my hook says no/);
    rmSync(join(repo.dir, 'STOP'));

    // mso still blocks a secret when the user's hook passes
    repo.write('c.txt', `k = "${tokens.github()}"\n`);
    repo.git('add', 'c.txt');
    const blocked = repo.run('commit', '-q', '-m', 'c');
    expect(blocked.code).toBe(1);
    expect(blocked.out).toMatch(/c\.txt\s+1\s+github-token/);
    repo.git('rm', '-q', '--cached', 'c.txt');

    // the chained pre-push hook gets the same stdin and arguments as mso
    const remote = new Repo({ bare: true });
    repo.git('remote', 'add', 'origin', remote.dir);
    expect(repo.run('push', '-q', 'origin', 'main').code).toBe(0);
    const seen = readFileSync(join(repo.dir, '.git', 'my-push-stdin.txt'), 'utf8');
    expect(seen).toMatch(new RegExp(`^refs/heads/main [0-9a-f]{40} refs/heads/main 0{40}\\norigin ${remote.dir}\\n$`));
    rmSync(remote.dir, { recursive: true, force: true });

    expect(repo.init().stdout.match(/nothing changed/g)).toHaveLength(HOOKS.length);
    const un = repo.init('--uninstall');
    expect(un.stdout).toMatch(/restored yours/);
    expect(tree(hooks)).toEqual(before);
  });

  test('never clobbers: a foreign hook plus an existing .pre-mso file is an error and changes nothing', () => {
    const hooks = join(repo.dir, '.git', 'hooks');
    writeFileSync(join(hooks, 'pre-push'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    writeFileSync(join(hooks, 'pre-push.pre-mso'), '#!/bin/sh\nexit 0\n# older\n', { mode: 0o755 });
    const before = tree(hooks);
    const r = mso(repo.dir, ['init']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/refusing to overwrite/);
    expect(tree(hooks)).toEqual(before);
  });

  test('core.hooksPath is respected', () => {
    repo.git('config', 'core.hooksPath', 'tools/git-hooks');
    const dotGitHooks = tree(join(repo.dir, '.git', 'hooks'));
    const out = repo.init();
    expect(out.stdout).toMatch(/installed tools\/git-hooks\/pre-commit/);
    for (const h of HOOKS) expect(existsSync(join(repo.dir, 'tools/git-hooks', h))).toBe(true);
    expect(tree(join(repo.dir, '.git', 'hooks'))).toEqual(dotGitHooks);
    repo.write('x.py', `t = "${tokens.github()}"\n`);
    repo.git('add', 'x.py');
    expect(repo.run('commit', '-q', '-m', 'x').code).toBe(1);
    repo.init('--uninstall');
    expect(readdirSync(join(repo.dir, 'tools/git-hooks'))).toEqual([]);
  });

  test('from a linked worktree it installs into the shared hooks folder', () => {
    repo.write('a.txt', 'a\n');
    repo.commitAll('a');
    const wt = `${repo.dir}-wt`;
    repo.git('worktree', 'add', '-q', '-b', 'side', wt);
    const r = mso(wt, ['init'], { env: hookEnv() });
    expect(r.code).toBe(0);
    expect(existsSync(join(repo.dir, '.git', 'hooks', 'pre-commit'))).toBe(true);
    writeFileSync(join(wt, 's.txt'), `s = "${tokens.github()}"\n`);
    g(wt, 'add', 's.txt');
    expect(run('git', ['commit', '-q', '-m', 's'], wt).code).toBe(1);
    rmSync(wt, { recursive: true, force: true });
  });

  test('outside a git repository it fails with a clear message', () => {
    const dir = join(repo.dir, '..', `${repo.dir.split('/').pop()}-nogit`);
    mkdirSync(dir);
    const r = mso(dir, ['init'], { env: hookEnv({ GIT_CEILING_DIRECTORIES: join(dir, '..') }) });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not inside a git work tree/);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('mso init in a husky repository', () => {
  let repo: Repo;
  beforeEach(() => {
    repo = new Repo();
    repo.write('package.json', JSON.stringify({ name: 'demo', private: true, devDependencies: { husky: '^9.0.0' } }, null, 2) + '\n');
  });
  afterEach(() => rmSync(repo.dir, { recursive: true, force: true }));

  const activateHusky = () => {
    const r = run(process.execPath, [join(REPO_ROOT, 'node_modules', 'husky', 'bin.js')], repo.dir);
    expect(r.code).toBe(0);
    expect(repo.git('config', 'core.hooksPath').trim()).toBe('.husky/_');
  };

  test('adds mso lines to .husky hooks (keeping what is there), blocks through husky, and uninstalls exactly', () => {
    const existing = 'echo "lint ran" >> .git/lint.log'; // no trailing newline on purpose
    repo.write('.husky/pre-commit', existing);
    chmodSync(join(repo.dir, '.husky/pre-commit'), 0o644);
    // a user pre-push that reads git's ref lines itself: mso must still see them, and so must it
    const userPrePush = '#!/usr/bin/env sh\nwhile read lref loid rref roid; do echo "$lref -> $rref" >> .git/user-pre-push.log; done\n';
    repo.write('.husky/pre-push', userPrePush);
    activateHusky();
    const gitHooks = tree(join(repo.dir, '.git', 'hooks'));

    const out = repo.init();
    expect(out.stdout).toMatch(/pre-commit: added `mso hook pre-commit` to \.husky\/pre-commit \(kept what was there\)/);
    expect(out.stdout).toMatch(/pre-push: added `mso hook pre-push` to \.husky\/pre-push/);
    expect(out.stdout).toMatch(/pre-merge-commit: created \.husky\/pre-merge-commit/);
    expect(out.stdout).not.toMatch(/not active/);
    const text = repo.read('.husky/pre-commit');
    expect(text.startsWith(existing + '\n')).toBe(true);
    expect(text).toMatch(/mso}" hook pre-commit \|\| exit/);
    expect(repo.read('.husky/pre-push')).toMatch(/^#!\/usr\/bin\/env sh\n# >>> mso[^]*mso}" hook pre-push "\$@" <"\$mso_refs"[^]*# <<< mso\nwhile read/);
    expect(tree(join(repo.dir, '.git', 'hooks'))).toEqual(gitHooks); // husky's folder is the one in use

    const installed = tree(join(repo.dir, '.husky'));
    expect(repo.init().stdout.match(/nothing changed/g)).toHaveLength(HOOKS.length);
    expect(tree(join(repo.dir, '.husky'))).toEqual(installed);

    repo.write('clean.txt', 'ok\n');
    repo.git('add', 'clean.txt', 'package.json', '.husky');
    const ok = repo.run('commit', '-q', '-m', 'clean');
    expect(ok.code).toBe(0);
    expect(readFileSync(join(repo.dir, '.git', 'lint.log'), 'utf8')).toBe('lint ran\n');

    repo.write('secret.env', `GITHUB_TOKEN=${tokens.github()}\n`);
    repo.git('add', 'secret.env');
    const blocked = repo.run('commit', '-q', '-m', 'secret');
    expect(blocked.code).not.toBe(0);
    expect(blocked.out).toMatch(/secret\.env\s+1\s+github-token/);
    repo.git('rm', '-q', '--cached', 'secret.env');
    rmSync(join(repo.dir, 'secret.env'));

    const remote = new Repo({ bare: true });
    repo.git('remote', 'add', 'origin', remote.dir);
    repo.write('later.txt', `k=${tokens.npm()}\n`);
    repo.commitAll('later (hooks skipped)');
    const push = repo.run('push', '-q', 'origin', 'main');
    expect(push.code).not.toBe(0);
    expect(push.out).toMatch(/later\.txt\s+1\s+npm/);
    repo.git('reset', '-q', '--hard', 'HEAD~1');
    expect(repo.run('push', '-q', 'origin', 'main').code).toBe(0);
    expect(readFileSync(join(repo.dir, '.git', 'user-pre-push.log'), 'utf8')).toBe('refs/heads/main -> refs/heads/main\n');
    rmSync(remote.dir, { recursive: true, force: true });

    const un = repo.init('--uninstall');
    expect(un.stdout).toMatch(/removed mso's lines from \.husky\/pre-commit/);
    expect(un.stdout).toMatch(/removed \.husky\/pre-merge-commit \(mso created it\)/);
    expect(repo.read('.husky/pre-commit')).toBe(existing);
    expect((statSync(join(repo.dir, '.husky/pre-commit')).mode & 0o777).toString(8)).toBe('644');
    expect(repo.read('.husky/pre-push')).toBe(userPrePush);
    expect(existsSync(join(repo.dir, '.husky/pre-merge-commit'))).toBe(false);
  });

  test('husky listed but not active yet: lines are added and the user is told to activate husky', () => {
    const out = repo.init();
    expect(out.stdout).toMatch(/created \.husky\/pre-commit/);
    expect(out.stdout).toMatch(/husky is not active/);
    repo.init('--uninstall');
    expect(readdirSync(join(repo.dir, '.husky'))).toEqual([]);
  });

  test('without mso on the PATH the husky lines block with an install hint', () => {
    activateHusky();
    repo.init();
    repo.write('a.txt', 'a\n');
    repo.git('add', '-A');
    const env = hookEnv();
    const r = run('git', ['commit', '-q', '-m', 'a'], repo.dir, { env: { ...env, PATH: env.PATH!.split(':').slice(1).join(':'), MSO_BIN: '/nonexistent/mso' } });
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/`mso` command was not found/);
  });
});

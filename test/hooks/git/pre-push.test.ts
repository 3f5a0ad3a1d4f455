import { rmSync } from 'node:fs';
import { tokens } from '../../helpers/tokens.js';
import { Repo, g, hookEnv, lines, mso, pathWithoutMso, run, snapshot } from './hook-env.js';

/** Real `git push` to a local bare remote through the hook `mso init` installed. */
describe('pre-push hook (real git push to a bare remote)', () => {
  let remote: Repo;
  let repo: Repo;
  const setup = (objectFormat?: 'sha1' | 'sha256') => {
    remote = new Repo({ bare: true, objectFormat });
    repo = new Repo({ objectFormat });
    repo.git('remote', 'add', 'origin', remote.dir);
    repo.init();
    repo.write('README.md', 'hello\n');
    repo.commitAll('init');
    expect(repo.run('push', '-q', '-u', 'origin', 'main').code).toBe(0);
  };
  const push = (...args: string[]) => repo.run('push', '-q', 'origin', ...args);
  const remoteHas = (ref: string) => remote.run('rev-parse', '--verify', '-q', ref).code === 0;
  afterEach(() => {
    rmSync(repo.dir, { recursive: true, force: true });
    rmSync(remote.dir, { recursive: true, force: true });
  });

  test('update: clean commits pass with one short line; a secret blocks and nothing is pushed', () => {
    setup();
    repo.write('a.txt', 'clean\n');
    repo.commitAll('clean');
    const ok = push('main');
    expect(ok.code).toBe(0);
    expect(lines(ok.out)).toHaveLength(1);
    expect(remote.git('rev-parse', 'main')).toBe(repo.git('rev-parse', 'main'));

    const token = tokens.awsKeyId();
    repo.write('cfg/settings.py', `x = 1\nAWS_ACCESS_KEY_ID = "${token}"\n`);
    const bad = repo.commitAll('add key');
    repo.write('b.txt', 'later\n');
    repo.commitAll('later');
    const before = snapshot(repo.dir);
    const r = push('main');
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/push to origin .*blocked/);
    expect(r.out).toContain(bad.slice(0, 12));
    expect(r.out).toMatch(/cfg\/settings\.py\s+2\s+aws-access-key-id/);
    expect(r.out).not.toContain(token);
    expect(r.out).toMatch(/--no-verify/);
    expect(remote.git('rev-parse', 'main')).not.toBe(repo.git('rev-parse', 'main'));
    expect(snapshot(repo.dir)).toBe(before);
  });

  test('a secret committed and then deleted still blocks, with how to rewrite history', () => {
    setup();
    repo.write('s.env', `KEY=${tokens.github()}\n`);
    const added = repo.commitAll('add');
    repo.git('rm', '-q', 's.env');
    repo.commitAll('remove again');
    expect(repo.git('ls-files')).not.toMatch(/s\.env/);
    const r = push('main');
    expect(r.code).not.toBe(0);
    expect(r.out).toContain(added.slice(0, 12));
    expect(r.out).toMatch(/git rebase -i/);
    expect(r.out).toMatch(/git commit --amend/);
    expect(r.out).toMatch(/history/);
  });

  test('new branch: only commits not on any remote-tracking ref are scanned', () => {
    setup();
    // history already on the remote holds a secret (pushed before mso): not this push's business
    repo.write('old.env', `KEY=${tokens.github()}\n`);
    repo.commitAll('legacy');
    expect(repo.run('push', '-q', '--no-verify', 'origin', 'main').code).toBe(0);
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('f.txt', 'feature\n');
    repo.commitAll('feature work');
    expect(push('feature').code).toBe(0);
    expect(remoteHas('feature')).toBe(true);

    repo.git('checkout', '-q', '-b', 'feature2');
    repo.write('g.py', `TOKEN = "${tokens.slackBot()}"\n`);
    repo.commitAll('oops');
    const r = push('feature2');
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/g\.py\s+1\s+slack/);
    expect(r.out).not.toMatch(/old\.env/);
    expect(remoteHas('feature2')).toBe(false);
  });

  test('several refs in one push: one dirty ref blocks the whole push; deletions are skipped', () => {
    setup();
    repo.git('checkout', '-q', '-b', 'a');
    repo.write('a.txt', 'a\n');
    repo.commitAll('a');
    repo.git('checkout', '-q', '-b', 'b', 'main');
    repo.write('b.txt', `token: ${tokens.npm()}\n`);
    repo.commitAll('b');
    repo.git('checkout', '-q', 'main');
    repo.write('m.txt', 'm\n');
    repo.commitAll('m');
    const r = push('main', 'a', 'b');
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/b\.txt\s+1\s+npm/);
    expect(remoteHas('a')).toBe(false);
    expect(push('main', 'a').code).toBe(0);
    expect(remoteHas('a')).toBe(true);

    // a remote branch holding a secret (pushed with --no-verify) can be deleted
    expect(repo.run('push', '-q', '--no-verify', 'origin', 'b').code).toBe(0);
    const del = push(':b', ':a');
    expect(del.code).toBe(0);
    expect(remoteHas('b')).toBe(false);
  });

  test('tags: a tag on an already-pushed commit passes; an annotated tag on an unpushed secret commit blocks', () => {
    setup();
    repo.git('tag', 'v1');
    repo.git('tag', '-a', '-m', 'release', 'v1-annotated');
    const ok = push('--tags');
    expect(ok.code).toBe(0);
    expect(remoteHas('refs/tags/v1-annotated')).toBe(true);

    repo.git('checkout', '-q', '--detach');
    repo.write('k.pem', tokens.rsaPrivateKey() + '\n');
    repo.commitAll('key');
    repo.git('tag', '-a', '-m', 'bad', 'v2');
    repo.git('checkout', '-q', 'main');
    const r = push('v2');
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/k\.pem\s+1\s+\S*private-key/);
    expect(remoteHas('refs/tags/v2')).toBe(false);

    // a tag of a tree publishes content outside any commit: blocked, not waved through
    repo.git('tag', 'tree-tag', 'HEAD^{tree}');
    const tree = push('tree-tag');
    expect(tree.code).not.toBe(0);
    expect(tree.out).toMatch(/tree or blob/);
  });

  test('a branch update and a new tag on one of its commits in one push: each finding is reported once', () => {
    setup();
    repo.write('s.txt', `secret = "${tokens.github()}"\n`);
    repo.commitAll('secret');
    repo.git('tag', '-a', '-m', 'rc', 'v2-rc');
    repo.write('t.txt', 'after\n');
    repo.commitAll('after');
    const r = push('main', 'v2-rc');
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/1 finding in 1 commit/);
    expect(r.out.match(/s\.txt\s+1\s+github-token/g)).toHaveLength(1);
  });

  test('SHA-256 repositories: zero ids are 64 characters; new branches and updates are scanned', () => {
    setup('sha256');
    expect(repo.git('rev-parse', 'HEAD').trim()).toHaveLength(64);
    repo.git('checkout', '-q', '-b', 'topic');
    repo.write('t.txt', 'fine\n');
    repo.commitAll('fine');
    expect(push('topic').code).toBe(0);
    repo.write('t.txt', `fine\nkey = "${tokens.github()}"\n`);
    repo.commitAll('not fine');
    const r = push('topic');
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/t\.txt\s+2\s+github-token/);
    // and a 40-character id is refused rather than misread
    const bad = mso(repo.dir, ['hook', 'pre-push', 'origin', remote.dir], { input: `refs/heads/topic ${'a'.repeat(40)} refs/heads/topic ${'0'.repeat(40)}\n` });
    expect(bad.code).toBe(2);
  });

  test('a remote tip this clone has never fetched: everything not on a remote-tracking ref is scanned', () => {
    setup();
    // someone else pushes to main; we do not fetch, then force-push our own history
    const other = new Repo({ dir: `${repo.dir}-other` });
    g(other.dir, 'fetch', '-q', remote.dir, 'main');
    other.git('reset', '-q', '--hard', 'FETCH_HEAD');
    other.write('o.txt', 'other\n');
    other.commitAll('other');
    other.git('push', '-q', '--no-verify', remote.dir, 'main');
    repo.write('mine.txt', `k=${tokens.github()}\n`);
    repo.commitAll('mine');
    const r = repo.run('push', '-q', '--force', 'origin', 'main');
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/not in this repository/);
    expect(r.out).toMatch(/mine\.txt\s+1\s+github-token/);
    rmSync(other.dir, { recursive: true, force: true });
  });

  test('stdin: no ref lines is a clean no-op; an unreadable line blocks', () => {
    setup();
    const none = mso(repo.dir, ['hook', 'pre-push', 'origin', remote.dir], { input: '' });
    expect(none.code).toBe(0);
    expect(lines(none.out).length).toBeLessThanOrEqual(1);
    const junk = mso(repo.dir, ['hook', 'pre-push', 'origin', remote.dir], { input: 'this is not a ref line\n' });
    expect(junk.code).toBe(2);
    expect(junk.stderr).toMatch(/push blocked/);
    const head = repo.git('rev-parse', 'HEAD').trim();
    const missing = mso(repo.dir, ['hook', 'pre-push'], { input: `refs/heads/main ${'1'.repeat(40)} refs/heads/main ${'0'.repeat(40)}\n` });
    expect(missing.code).toBe(2);
    expect(head).toHaveLength(40);
  });

  test('2000 commits stream through git log -p and finish in seconds', () => {
    setup();
    const base = repo.git('rev-parse', 'HEAD').trim();
    const N = 2000;
    const secretAt = 1234;
    const chunks: string[] = [];
    const data = (s: string) => `data ${Buffer.byteLength(s)}\n${s}\n`;
    for (let i = 1; i <= N; i++) {
      const body = `# file ${i % 40}\nvalue_${i} = ${i * 7}\nname_${i} = "item ${i}"\n${i === secretAt ? `API = "${tokens.github()}"\n` : ''}`;
      chunks.push(
        `commit refs/heads/big\nmark :${i}\ncommitter mso test <t@example.invalid> ${1700000000 + i} +0000\n${data(`commit ${i}`)}` +
          (i === 1 ? `from ${base}\n` : '') +
          `M 100644 inline src/mod${i % 40}/file${i % 40}.py\n${data(body)}`,
      );
    }
    const imp = run('git', ['fast-import', '--quiet'], repo.dir, { input: chunks.join('') });
    expect(imp.code).toBe(0);
    expect(repo.git('rev-list', '--count', `${base}..big`).trim()).toBe(String(N));

    const t0 = Date.now();
    const r = push('big');
    const blockedMs = Date.now() - t0;
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/github-token/);
    expect(r.out).toMatch(/1 finding in 1 commit/);

    // the same size without the secret passes
    repo.git('checkout', '-q', '-b', 'big-clean', 'big~' + (N - secretAt + 1));
    repo.git('update-ref', 'refs/heads/big-clean', repo.git('rev-parse', `big~${N - secretAt + 1}`).trim());
    const t1 = Date.now();
    const ok = push('big-clean');
    const cleanMs = Date.now() - t1;
    expect(ok.code).toBe(0);
    process.stdout.write(`pre-push over ${N} commits: blocked in ${blockedMs} ms; ${secretAt - 1} clean commits pushed in ${cleanMs} ms\n`);
    expect(blockedMs).toBeLessThan(30_000);
  }, 120_000);
});

describe('pre-push hook without an mso on the PATH', () => {
  test('blocks the push and says how to install', () => {
    const remote = new Repo({ bare: true });
    const repo = new Repo();
    repo.git('remote', 'add', 'origin', remote.dir);
    repo.init();
    repo.write('a.txt', 'a\n');
    repo.commitAll('a');
    const r = run('git', ['push', '-q', 'origin', 'main'], repo.dir, { env: hookEnv({ PATH: pathWithoutMso() }) });
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/push blocked/);
    expect(r.out).toMatch(/`mso` command was not found/);
    expect(remote.run('rev-parse', '--verify', '-q', 'main').code).not.toBe(0);
    rmSync(repo.dir, { recursive: true, force: true });
    rmSync(remote.dir, { recursive: true, force: true });
  });
});

import { chmodSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { countStaged } from '../../../src/hooks/git/staged-count.js';
import { parsePushLines } from '../../../src/hooks/git/push-refs.js';
import { Repo } from './hook-env.js';

describe('countStaged: the independent count the pre-commit scan is checked against', () => {
  test('counts files that add content (text or binary); not deletions, mode-only changes or renames away', async () => {
    const repo = new Repo();
    repo.write('keep.txt', 'a\n');
    repo.write('gone.txt', 'b\n');
    repo.write('mode.sh', 'c\n');
    repo.write('moved.txt', 'd\n');
    repo.commitAll('base');
    expect(await countStaged(repo.dir)).toEqual({ changed: 0, withContent: 0, paths: [] });
    repo.write('keep.txt', 'a\nmore\n');
    repo.git('rm', '-q', 'gone.txt');
    chmodSync(join(repo.dir, 'mode.sh'), 0o755);
    repo.git('mv', 'moved.txt', 'moved to.txt');
    repo.write('bin.dat', Buffer.from([0, 1, 2, 3]));
    repo.write('empty.txt', '');
    repo.git('add', '-A');
    // keep.txt, moved to.txt, bin.dat add content; gone.txt, mode.sh, moved.txt (deleted side) and empty.txt do not
    const count = await countStaged(repo.dir);
    expect(count).toMatchObject({ changed: 7, withContent: 3 });
    // The paths feed the MCP check (checkStagedMcpConfigs): the same set `git diff --cached --name-only` gives.
    expect([...count.paths].sort()).toEqual(repo.git('diff', '--cached', '--name-only', '--no-renames', '-z').split('\0').filter(Boolean).sort());
    expect(count.paths).toContain('moved to.txt');
    rmSync(repo.dir, { recursive: true, force: true });
  });
});

describe('parsePushLines', () => {
  const a = 'a'.repeat(40);
  const z = '0'.repeat(40);
  test('reads several lines, tolerates blank lines and CRLF', () => {
    expect(parsePushLines(`refs/heads/x ${a} refs/heads/x ${z}\r\n\nrefs/tags/v1 ${a} refs/tags/v1 ${z}\n`, 40)).toEqual([
      { localRef: 'refs/heads/x', localOid: a, remoteRef: 'refs/heads/x', remoteOid: z },
      { localRef: 'refs/tags/v1', localOid: a, remoteRef: 'refs/tags/v1', remoteOid: z },
    ]);
    expect(parsePushLines('', 40)).toEqual([]);
  });
  test('refuses lines it cannot read, and ids of the wrong length', () => {
    expect(() => parsePushLines(`refs/heads/x ${a} refs/heads/x`, 40)).toThrow(/cannot read/);
    expect(() => parsePushLines(`refs/heads/x ${a} refs/heads/x ${z}`, 64)).toThrow(/cannot read/);
    expect(() => parsePushLines(`refs/heads/x ${'g'.repeat(40)} refs/heads/x ${z}`, 40)).toThrow(/cannot read/);
  });
});

describe('isProtectedBranchRef: which refs the voyage gate guards', () => {
  test('names and globs, case-insensitively; only local branch refs', async () => {
    const { isProtectedBranchRef } = await import('../../../src/voyage/settings.js');
    const patterns = ['main', 'master', 'release/*'];
    expect(isProtectedBranchRef('refs/heads/main', patterns)).toBe(true);
    expect(isProtectedBranchRef('refs/heads/Main', patterns)).toBe(true);
    expect(isProtectedBranchRef('refs/heads/MASTER', patterns)).toBe(true);
    expect(isProtectedBranchRef('refs/heads/release/1.2', patterns)).toBe(true);
    expect(isProtectedBranchRef('refs/heads/mainline', patterns)).toBe(false);
    expect(isProtectedBranchRef('refs/heads/voyage/VOY-0001-x', patterns)).toBe(false);
    expect(isProtectedBranchRef('refs/remotes/origin/main', patterns)).toBe(false);
    expect(isProtectedBranchRef('refs/tags/main', patterns)).toBe(false);
    expect(isProtectedBranchRef('refs/heads/anything', ['**'])).toBe(true);
  });
});

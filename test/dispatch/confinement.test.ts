import { existsSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/git-repo.js';
import { endTurn, toolUse, type RecordedRequest } from './fake-messages-api.js';
import { harness, type Harness } from './setup.js';

/** The tool results of the last user message in a request. */
function results(req: RecordedRequest): Array<{ content: string; is_error?: boolean }> {
  const last = req.body.messages[req.body.messages.length - 1];
  return last.content;
}

describe('mso dispatch: every path stays inside the voyage worktree', () => {
  let h: Harness;
  afterEach(async () => h?.close());

  test('"..", absolute paths, .git and symbolic links out are refused as tool errors; nothing is written outside', async () => {
    const outside = tempDir();
    const victim = join(outside, 'victim.txt');
    let seen: Array<{ content: string; is_error?: boolean }> = [];
    h = await harness(
      [
        toolUse(
          ['write_file', { path: '../escape.txt', content: 'x' }],
          ['write_file', { path: victim, content: 'x' }],
          ['read_file', { path: '/etc/passwd' }],
          ['read_file', { path: 'sub/../../../etc/hostname' }],
          ['write_file', { path: 'link/evil.txt', content: 'x' }],
          ['read_file', { path: 'link' }],
          ['write_file', { path: '.git/hooks/pre-commit', content: '#!/bin/sh\n' }],
          ['list_files', { path: '..' }],
          ['write_file', { path: 'ok/inside.txt', content: 'fine\n' }],
        ),
        (req) => {
          seen = results(req);
          return endTurn('done');
        },
      ],
      {},
    );
    // A committed symbolic link pointing outside the repository.
    symlinkSync(outside, join(h.repo.dir, 'link'));
    h.repo.commitAll('add link');
    const res = await h.mso('dispatch', 'try to escape');
    expect(res.code).toBe(0);
    expect(seen).toHaveLength(9);
    for (const r of seen.slice(0, 8)) {
      expect(r.is_error).toBe(true);
      expect(r.content).toMatch(/Refused|off limits|not allowed|outside/);
    }
    expect(seen[8]!.is_error).toBeUndefined();
    expect(existsSync(victim)).toBe(false);
    expect(existsSync(join(outside, 'evil.txt'))).toBe(false);
    expect(existsSync(join(h.repo.dir, '..', 'escape.txt'))).toBe(false);
    expect(existsSync(join(h.repo.dir, '.mso', 'worktrees', 'escape.txt'))).toBe(false);
    const v = h.voyage();
    expect(h.repo.git('show', '--name-only', '--format=', v.branch).trim()).toBe('ok/inside.txt');
    rmSync(outside, { recursive: true, force: true });
  }, 150_000);
});

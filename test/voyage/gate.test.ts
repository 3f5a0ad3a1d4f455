import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { endTurn, runCliAsync, toolUse } from '../dispatch/fake-messages-api.js';
import { harness, type Harness } from '../dispatch/setup.js';
import { CLI, REPO_ROOT } from '../helpers/cli.js';

describe('mso voyage gate and merge', () => {
  let h: Harness;
  afterEach(async () => h?.close());

  test('a crew that edits a protected path: gate fails until a person approves; a later commit needs a new approval', async () => {
    h = await harness([
      toolUse(['write_file', { path: '.github/workflows/ci.yml', content: 'on: push\njobs: {}\n' }], ['write_file', { path: 'src/a.txt', content: 'a\n' }]),
      endTurn('done'),
    ]);
    expect((await h.mso('dispatch', 'tweak ci')).code).toBe(0);
    const mainBefore = h.repo.git('rev-parse', 'main').trim();
    const gate = await h.mso('voyage', 'gate', 'VOY-0001');
    expect(gate.code).toBe(1);
    expect(gate.stdout).toMatch(/FAIL protected-paths: .*\.github\/workflows\/ci\.yml/);
    expect(gate.stdout).toMatch(/ok\s+review/);
    const merge = await h.mso('voyage', 'merge', 'VOY-0001');
    expect(merge.code).toBe(1);
    expect(h.repo.git('rev-parse', 'main').trim()).toBe(mainBefore);

    const approve = await h.mso('voyage', 'approve', 'VOY-0001');
    expect(approve.code).toBe(0);
    expect(h.voyage().approval.paths).toEqual(['.github/workflows/ci.yml']);
    expect((await h.mso('voyage', 'gate', 'VOY-0001')).code).toBe(0);

    // A new commit on the voyage after approval: the approval no longer covers the head.
    const wt = join(h.repo.dir, h.voyage().worktree);
    writeFileSync(join(wt, '.github/workflows/ci.yml'), 'on: [push, pull_request]\njobs: {}\n');
    h.repo.git('-C', wt, 'commit', '-qam', 'more ci');
    const again = await h.mso('voyage', 'gate', 'VOY-0001');
    expect(again.code).toBe(1);
    expect(again.stdout).toMatch(/FAIL protected-paths/);
    expect((await h.mso('voyage', 'approve', 'VOY-0001')).code).toBe(0);
    const merged = await h.mso('voyage', 'merge', 'VOY-0001');
    expect(merged.code).toBe(0);
    expect(h.repo.git('show', 'main:.github/workflows/ci.yml')).toContain('pull_request');
  }, 150_000);

  test('the workspace test command runs in the voyage worktree: failing tests fail the gate and block the merge', async () => {
    h = await harness([toolUse(['write_file', { path: 'value.txt', content: 'bad\n' }]), endTurn('done')], {
      '.mso/workspace.json': JSON.stringify({ test: 'grep -q good value.txt' }),
      'value.txt': 'good\n',
    });
    const res = await h.mso('dispatch', 'change value');
    expect(res.code).toBe(0);
    // The crew was offered run_tests because a test command is configured.
    expect(h.api.requests[0]!.body.tools.map((t: any) => t.name)).toContain('run_tests');
    const gate = await h.mso('voyage', 'gate', 'VOY-0001');
    expect(gate.code).toBe(1);
    expect(gate.stdout).toMatch(/FAIL tests: `grep -q good value.txt` failed/);
    const mainBefore = h.repo.git('rev-parse', 'main').trim();
    expect((await h.mso('voyage', 'merge', 'VOY-0001')).code).toBe(1);
    expect(h.repo.git('rev-parse', 'main').trim()).toBe(mainBefore);
  }, 150_000);

  test('run_tests runs the command for the crew; a passing suite lets the gate pass', async () => {
    let testResult = '';
    h = await harness(
      [
        toolUse(['write_file', { path: 'value.txt', content: 'good and better\n' }]),
        toolUse(['run_tests', {}]),
        (req) => {
          testResult = JSON.stringify(req.body.messages.at(-1).content);
          return endTurn('tests pass');
        },
      ],
      { '.mso/workspace.json': JSON.stringify({ test: 'grep -q good value.txt && echo TESTS-OK' }), 'value.txt': 'good\n' },
    );
    expect((await h.mso('dispatch', 'improve value')).code).toBe(0);
    expect(testResult).toContain('TESTS-OK');
    expect(testResult).toContain('exit code 0');
    const gate = await h.mso('voyage', 'gate', 'VOY-0001');
    expect(gate.stdout).toMatch(/ok\s+tests/);
    expect(gate.code).toBe(0);
  }, 150_000);

  test('a conflict with the base fails the gate', async () => {
    h = await harness([toolUse(['write_file', { path: 'app.py', content: 'print("voyage")\n' }]), endTurn('done')]);
    expect((await h.mso('dispatch', 'rewrite app')).code).toBe(0);
    h.repo.write('app.py', 'print("main moved on")\n');
    h.repo.commitAll('main edit');
    const gate = await h.mso('voyage', 'gate', 'VOY-0001');
    expect(gate.code).toBe(1);
    expect(gate.stdout).toMatch(/FAIL mergeable: conflicts with main/);
  }, 150_000);

  test('a plain git merge of a voyage whose gate has not passed is stopped by the pre-merge-commit hook', async () => {
    h = await harness([toolUse(['write_file', { path: '.mso/workspace.json', content: '{}\n' }]), endTurn('done')]);
    expect((await h.mso('dispatch', 'edit config')).code).toBe(0);
    const hook = join(h.repo.dir, '.git', 'hooks', 'pre-merge-commit');
    writeFileSync(hook, `#!/bin/sh\nexec "${process.execPath}" "${CLI}" hook pre-merge-commit\n`);
    chmodSync(hook, 0o755);
    // Move main on so the merge cannot fast-forward (git runs pre-merge-commit only for merge commits).
    h.repo.write('other.txt', 'x\n');
    h.repo.commitAll('other');
    const mainBefore = h.repo.git('rev-parse', 'main').trim();
    const branch = h.voyage().branch;
    let failed = false;
    try {
      h.repo.git('merge', '--no-edit', branch);
    } catch (e: any) {
      failed = true;
      expect(String(e.stderr)).toMatch(/REL gate has not passed/);
    }
    expect(failed).toBe(true);
    h.repo.git('merge', '--abort');
    expect(h.repo.git('rev-parse', 'main').trim()).toBe(mainBefore);

    // Approved and gated: the same plain merge goes through.
    expect((await h.mso('voyage', 'approve', 'VOY-0001')).code).toBe(0);
    expect((await h.mso('voyage', 'gate', 'VOY-0001')).code).toBe(0);
    h.repo.git('merge', '--no-edit', branch);
    expect(h.repo.git('rev-parse', 'main').trim()).not.toBe(mainBefore);
  }, 150_000);

  test('a fast-forward git merge of an ungated voyage is refused by the reference-transaction hook, before the working tree changes', async () => {
    h = await harness([toolUse(['write_file', { path: 'feature.txt', content: 'new\n' }]), endTurn('done')]);
    expect((await h.mso('dispatch', 'add feature')).code).toBe(0);
    const bin = join(h.repo.dir, '.git', 'mso-bin');
    writeFileSync(bin, `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
    chmodSync(bin, 0o755);
    const hook = join(h.repo.dir, '.git', 'hooks', 'reference-transaction');
    copyFileSync(join(REPO_ROOT, 'hooks', 'reference-transaction'), hook);
    chmodSync(hook, 0o755);
    const env = { ...process.env, MSO_BIN: bin };
    const mainBefore = h.repo.git('rev-parse', 'main').trim();
    const branch = h.voyage().branch;
    const plain = spawnSync('git', ['merge', '--ff-only', branch], { cwd: h.repo.dir, env, encoding: 'utf8' });
    expect(plain.status).not.toBe(0);
    expect(plain.stderr).toMatch(/REL gate has not passed/);
    expect(h.repo.git('rev-parse', 'main').trim()).toBe(mainBefore);
    expect(h.repo.git('status', '--porcelain')).toBe('');
    expect(existsSync(join(h.repo.dir, 'feature.txt'))).toBe(false);
    // Other ref updates are untouched by the hook.
    expect(spawnSync('git', ['branch', 'scratch'], { cwd: h.repo.dir, env }).status).toBe(0);
    // mso voyage merge goes through the same hook and passes it.
    const merged = await runCliAsync(['voyage', 'merge', 'VOY-0001'], { cwd: h.repo.dir, env: { ...h.env, MSO_BIN: bin } });
    expect(merged.code).toBe(0);
    expect(existsSync(join(h.repo.dir, 'feature.txt'))).toBe(true);
  }, 150_000);

  test('a voyage whose crew copied another ungated voyage\'s changes fails the gate until that voyage is gated', async () => {
    const feature = 'def shared_feature(n):\n    return sum(range(n))\n';
    h = await harness([
      toolUse(['write_file', { path: 'lib/feature.py', content: feature }]),
      endTurn('done'),
      toolUse(['write_file', { path: 'lib/feature.py', content: feature }], ['write_file', { path: 'lib/more.py', content: 'MORE = "second voyage"\n' }]),
      endTurn('done'),
    ]);
    expect((await h.mso('dispatch', 'add the feature')).code).toBe(0);
    expect((await h.mso('dispatch', 'add the feature and more')).code).toBe(0);
    const gate = await h.mso('voyage', 'gate', 'VOY-0002');
    expect(gate.code).toBe(1);
    expect(gate.stdout).toMatch(/FAIL other-voyages: VOY-0001 .*lib\/feature\.py.*mso voyage gate VOY-0001/);
    expect((await h.mso('voyage', 'merge', 'VOY-0002')).code).toBe(1);
    // Once VOY-0001 passes its own gate, its content is approved and VOY-0002 may carry it.
    expect((await h.mso('voyage', 'merge', 'VOY-0001')).code).toBe(0);
    expect((await h.mso('voyage', 'gate', 'VOY-0002')).code).toBe(0);
    expect((await h.mso('voyage', 'merge', 'VOY-0002')).code).toBe(0);
    expect(h.repo.git('show', 'main:lib/more.py')).toContain('second voyage');
  }, 150_000);

  test('abandon removes worktree and branch; the voyage can never merge', async () => {
    h = await harness([toolUse(['write_file', { path: 'x.txt', content: 'x\n' }]), endTurn('done')]);
    expect((await h.mso('dispatch', 'add x')).code).toBe(0);
    const branch = h.voyage().branch;
    const res = await h.mso('voyage', 'abandon', 'VOY-1');
    expect(res.code).toBe(0);
    expect(h.voyage()).toMatchObject({ status: 'abandoned', worktree: null });
    expect(h.repo.git('branch', '--list', branch).trim()).toBe('');
    expect((await h.mso('voyage', 'merge', 'VOY-0001')).code).toBe(1);
    expect((await h.mso('voyage', 'show', 'VOY-0002')).code).toBe(2);
  }, 150_000);
});

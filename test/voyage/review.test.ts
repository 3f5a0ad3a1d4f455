import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkVoyageContent } from '../../src/voyage/merge-guard.js';
import { tokens } from '../helpers/tokens.js';
import { endTurn, toolUse } from '../dispatch/fake-messages-api.js';
import { harness, type Harness } from '../dispatch/setup.js';

describe('mso voyage review', () => {
  let h: Harness;
  afterEach(async () => h?.close());

  async function dispatched(): Promise<string> {
    h = await harness([toolUse(['write_file', { path: 'lib/util.py', content: 'def add(a, b):\n    return a + b\n' }]), endTurn('done')]);
    expect((await h.mso('dispatch', 'add util')).code).toBe(0);
    return join(h.repo.dir, h.voyage().worktree);
  }

  test('clean review: exit 0, report in .mso/reports', async () => {
    await dispatched();
    const res = await h.mso('voyage', 'review', 'VOY-0001');
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/SEC review clean/);
    const json = await h.mso('voyage', 'review', 'VOY-0001', '--json');
    const report = JSON.parse(json.stdout);
    expect(report).toMatchObject({ voyage: 'VOY-0001', clean: true, findings: [] });
    expect(report.stats.files).toBe(1);
  }, 150_000);

  test('a secret committed on the voyage (even if removed later) fails the review; gate and merge refuse; base untouched', async () => {
    const wt = await dispatched();
    const key = tokens.github();
    writeFileSync(join(wt, 'lib/tok.py'), `TOKEN = "${key}"\n`);
    h.repo.git('-C', wt, 'add', '-A');
    h.repo.git('-C', wt, 'commit', '-qm', 'add token');
    writeFileSync(join(wt, 'lib/tok.py'), 'import os\nTOKEN = os.environ["TOKEN"]\n');
    h.repo.git('-C', wt, 'commit', '-qam', 'remove token');
    const res = await h.mso('voyage', 'review', 'VOY-0001');
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/lib\/tok\.py/);
    expect(res.stdout).not.toContain(key);
    expect(h.voyage().review.clean).toBe(false);
    const report = JSON.parse(readFileSync(join(h.repo.dir, h.voyage().review.report), 'utf8'));
    expect(report.findings.filter((f: any) => f.scanner === 'secrets').map((f: any) => [f.file, f.line])).toEqual([['lib/tok.py', 1]]);
    const mainBefore = h.repo.git('rev-parse', 'main').trim();
    const merge = await h.mso('voyage', 'merge', 'VOY-0001');
    expect(merge.code).toBe(1);
    expect(merge.stdout).toMatch(/FAIL review/);
    expect(h.repo.git('rev-parse', 'main').trim()).toBe(mainBefore);
  }, 150_000);

  test('mso:allow markers the voyage added itself are not honoured', async () => {
    const wt = await dispatched();
    writeFileSync(join(wt, 'lib/tok.py'), `TOKEN = "${tokens.github()}"  # mso:allow test value\n`);
    h.repo.git('-C', wt, 'add', '-A');
    h.repo.git('-C', wt, 'commit', '-qm', 'suppressed token');
    const res = await h.mso('voyage', 'review', 'VOY-0001');
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/silenced by mso:allow markers the voyage added itself/);
  }, 150_000);

  test('checkVoyageContent: voyage changes may arrive only when the gate passed at a head that contains them', async () => {
    const wt = await dispatched();
    const v = h.voyage();
    const arrival = { revs: [v.branch, `^${v.baseCommit}`] };
    let res = await checkVoyageContent(h.repo.dir, h.repo.dir, arrival);
    expect(res.ok).toBe(false);
    expect(res.problems[0]).toMatch(/VOY-0001.*gate has not passed.*lib\/util\.py.*mso voyage gate VOY-0001/);
    expect((await h.mso('voyage', 'gate', 'VOY-0001')).code).toBe(0);
    res = await checkVoyageContent(h.repo.dir, h.repo.dir, arrival);
    expect(res).toEqual({ ok: true, problems: [] });
    // A commit after the gated head is not covered.
    writeFileSync(join(wt, 'later.txt'), 'later work after the gate\n');
    h.repo.git('-C', wt, 'add', '-A');
    h.repo.git('-C', wt, 'commit', '-qm', 'later');
    res = await checkVoyageContent(h.repo.dir, h.repo.dir, arrival);
    expect(res.ok).toBe(false);
    expect(res.problems[0]).toMatch(/after the head where the REL gate passed/);
    // Unrelated commits pass.
    expect((await checkVoyageContent(h.repo.dir, h.repo.dir, { revs: [v.baseCommit] })).ok).toBe(true);
  }, 150_000);
});

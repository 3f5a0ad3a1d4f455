import { endTurn, runCliAsync, toolUse } from './fake-messages-api.js';
import { branches, harness, type Harness } from './setup.js';

describe('mso dispatch: concurrent processes', () => {
  let h: Harness;
  afterEach(async () => h?.close());

  test('two dispatches at once get distinct ids, branches and worktrees', async () => {
    // Both crews share the server: each writes its own file, then ends.
    let n = 0;
    const script = (req: any) => {
      const turn = req.body.messages.length;
      const order: string = req.body.messages[0].content;
      if (turn === 1) return toolUse(['write_file', { path: `${order.includes('alpha') ? 'alpha' : 'beta'}.txt`, content: `${order}\n` }]);
      n++;
      return endTurn('done');
    };
    h = await harness(Array.from({ length: 4 }, () => script));
    const [a, b] = await Promise.all([
      runCliAsync(['dispatch', 'add alpha'], { cwd: h.repo.dir, env: h.env }),
      runCliAsync(['dispatch', 'add beta'], { cwd: h.repo.dir, env: h.env }),
    ]);
    expect(a.stderr).not.toMatch(/internal error/);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(n).toBe(2);
    const v1 = h.voyage('VOY-0001');
    const v2 = h.voyage('VOY-0002');
    expect(new Set([v1.order, v2.order])).toEqual(new Set(['ORD-0001', 'ORD-0002']));
    expect(v1.branch).not.toBe(v2.branch);
    expect(v1.worktree).not.toBe(v2.worktree);
    // Each voyage's order and branch belong together.
    for (const v of [v1, v2]) {
      const o = h.order(v.order);
      expect(o.voyage).toBe(v.id);
      const file = o.text.includes('alpha') ? 'alpha.txt' : 'beta.txt';
      expect(h.repo.git('show', `${v.branch}:${file}`)).toBe(`${o.text}\n`);
    }
    expect(branches(h.repo).filter((b) => b.startsWith('voyage/'))).toHaveLength(2);
  }, 120_000);
});

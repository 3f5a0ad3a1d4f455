import { endTurn, toolUse } from '../dispatch/fake-messages-api.js';
import { harness, type Harness } from '../dispatch/setup.js';


describe('mso voyage: a crew that writes SQL injection', () => {
  let h: Harness;
  afterEach(async () => h?.close());

  test(
    'review fails, gate fails, merge refused, base untouched',
    async () => {
      const code = [
        'import sqlite3',
        '',
        'def find_user(conn: sqlite3.Connection, name: str):',
        '    cur = conn.cursor()',
        '    cur.execute("SELECT * FROM users WHERE name = \'" + name + "\'")',
        '    return cur.fetchall()',
        '',
      ].join('\n');
      let feedback = '';
      h = await harness([
        toolUse(['write_file', { path: 'users.py', content: code }]),
        (req) => {
          feedback = JSON.stringify(req.body.messages.at(-1).content);
          return endTurn('done');
        },
      ]);
      const res = await h.mso('dispatch', 'add a user lookup');
      // The posttool scan told the crew; the review failed (exit 1).
      expect(feedback).toMatch(/security scan found problems/);
      expect(res.code).toBe(1);
      expect(h.voyage().review.clean).toBe(false);
      const review = await h.mso('voyage', 'review', 'VOY-0001');
      expect(review.code).toBe(1);
      const mainBefore = h.repo.git('rev-parse', 'main').trim();
      const gate = await h.mso('voyage', 'gate', 'VOY-0001');
      expect(gate.code).toBe(1);
      expect(gate.stdout).toMatch(/FAIL review/);
      const merge = await h.mso('voyage', 'merge', 'VOY-0001');
      expect(merge.code).toBe(1);
      expect(h.repo.git('rev-parse', 'main').trim()).toBe(mainBefore);
    },
    120_000,
  );
});

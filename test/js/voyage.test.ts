import { endTurn, toolUse } from '../dispatch/fake-messages-api.js';
import { harness, type Harness } from '../dispatch/setup.js';

/** The SEC review of a voyage reads TypeScript too: a crew writing an injection fails review and gate. */
describe('mso voyage: a crew that writes a TypeScript command injection', () => {
  let h: Harness;
  afterEach(async () => h?.close());

  test(
    'the crew is told, review fails, gate fails, merge refused, base untouched',
    async () => {
      const code = [
        "import { exec } from 'node:child_process';",
        "import type { Request, Response } from 'express';",
        '',
        'export function thumbnail(req: Request, res: Response): void {',
        '  const file = String(req.query.file);',
        '  exec(`convert ${file} -resize 64x64 thumb.png`, (err) => res.sendStatus(err ? 500 : 204));',
        '}',
        '',
      ].join('\n');
      let feedback = '';
      h = await harness([
        toolUse(['write_file', { path: 'src/thumbnail.ts', content: code }]),
        (req) => {
          feedback = JSON.stringify(req.body.messages.at(-1).content);
          return endTurn('done');
        },
      ]);
      const res = await h.mso('dispatch', 'add a thumbnail endpoint');
      expect(feedback).toMatch(/security scan found problems/);
      expect(feedback).toContain('js-command-injection');
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

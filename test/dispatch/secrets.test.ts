import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { tokens } from '../helpers/tokens.js';
import { endTurn, runCliAsync, toolUse } from './fake-messages-api.js';
import { branches, exists, harness, type Harness } from './setup.js';

/** Every file under .mso/, for "nothing here holds a secret". */
function msoText(dir: string): string {
  let all = '';
  const walk = (d: string) => {
    for (const e of readdirSync(d)) {
      if (e === 'worktrees') continue;
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else all += readFileSync(p, 'utf8');
    }
  };
  walk(join(dir, '.mso'));
  return all;
}

describe('mso dispatch: secrets never leave and never land', () => {
  let h: Harness;
  afterEach(async () => h?.close());

  test('an order holding a secret: zero requests reach the server, nothing of it is recorded, exit 1', async () => {
    h = await harness([endTurn('should never be asked')]);
    const key = tokens.awsKeyId();
    const res = await h.mso('dispatch', `deploy with AWS key ${key} to prod`);
    expect(h.api.requests).toHaveLength(0);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/order:1/);
    expect(res.stderr).toMatch(/aws-access-key-id/);
    expect(res.stderr + res.stdout).not.toContain(key);
    expect(h.voyage()).toMatchObject({ status: 'blocked', branch: null });
    expect(h.order()).toMatchObject({ withheld: true, text: '' });
    expect(msoText(h.repo.dir)).not.toContain(key);
    expect(branches(h.repo)).toEqual(['main']);
  }, 150_000);

  test('an order file holding a secret names the file and the line', async () => {
    const key = tokens.github();
    h = await harness([endTurn('never')], { 'orders/o.txt': `Add a release script.\n\nUse the token ${key} for the upload.\n` });
    const res = await h.mso('dispatch', '--order-file', 'orders/o.txt');
    expect(h.api.requests).toHaveLength(0);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/orders\/o\.txt:3/);
    expect(msoText(h.repo.dir)).not.toContain(key);
  }, 150_000);

  test('a crew that writes a secret is refused, the secret is withheld from the history, never committed, never merged', async () => {
    const key = tokens.awsKeyId();
    let refusal = '';
    h = await harness([
      toolUse(['write_file', { path: 'config.py', content: `AWS_ACCESS_KEY_ID = "${key}"\n` }]),
      (req) => {
        const last = req.body.messages[req.body.messages.length - 1];
        refusal = JSON.stringify(last.content);
        return toolUse(['write_file', { path: 'config.py', content: 'import os\nAWS_ACCESS_KEY_ID = os.environ["AWS_ACCESS_KEY_ID"]\n' }]);
      },
      endTurn('Reads the key from the environment.'),
    ]);
    const res = await h.mso('dispatch', 'configure AWS access');
    expect(res.code).toBe(0);
    // The refusal came back to the model as a tool error, with a redacted preview only.
    expect(refusal).toMatch(/"is_error":true/);
    expect(refusal).toMatch(/Refused by mso/);
    expect(refusal).toMatch(/aws-access-key-id/);
    // The secret went out only in the model's own first reply; mso never sent it back.
    for (const r of h.api.requests) expect(r.raw).not.toContain(key);
    const v = h.voyage();
    expect(v.crew.refusals).toBe(1);
    expect(v.status).toBe('completed');
    expect(h.repo.git('log', '-p', '--all')).not.toContain(key);
    expect(msoText(h.repo.dir)).not.toContain(key);
    expect(readFileSync(join(h.repo.dir, v.worktree, 'config.py'), 'utf8')).toContain('os.environ');
    const merge = await h.mso('voyage', 'merge', 'VOY-0001');
    expect(merge.code).toBe(0);
    expect(h.repo.git('log', '-p', 'main')).not.toContain(key);
  }, 150_000);

  test('a crew that only tries to write a secret: nothing committed, merge refused, base untouched', async () => {
    const key = tokens.github();
    h = await harness([toolUse(['write_file', { path: '.env', content: `GITHUB_TOKEN=${key}\n` }]), endTurn('Done.')]);
    const res = await h.mso('dispatch', 'add a github token');
    expect(res.code).toBe(0);
    const mainBefore = h.repo.git('rev-parse', 'main').trim();
    const v = h.voyage();
    expect(v.head).toBe(v.baseCommit);
    const merge = await h.mso('voyage', 'merge', 'VOY-0001');
    expect(merge.code).toBe(1);
    expect(merge.stdout).toMatch(/no commits/);
    expect(h.repo.git('rev-parse', 'main').trim()).toBe(mainBefore);
    expect(h.repo.git('log', '-p', '--all')).not.toContain(key);
  }, 150_000);

  test('a file holding a secret is never sent: the voyage stops and names the file and line', async () => {
    const key = tokens.slackBot();
    h = await harness([toolUse(['read_file', { path: 'settings.py' }]), endTurn('never reached')], {
      'settings.py': `DEBUG = False\nSLACK_TOKEN = "${key}"\n`,
    });
    const res = await h.mso('dispatch', 'tidy settings');
    expect(res.code).toBe(1);
    expect(h.api.requests).toHaveLength(1);
    for (const r of h.api.requests) expect(r.raw).not.toContain(key);
    expect(res.stdout).toMatch(/settings\.py:2/);
    expect(h.voyage()).toMatchObject({ status: 'blocked' });
    expect(h.voyage().blockedBy[0]).toMatchObject({ file: 'settings.py', line: 2 });
    expect(msoText(h.repo.dir)).not.toContain(key);
  }, 150_000);

  test('a missing API key is a clear error (exit 2) and nothing is recorded', async () => {
    h = await harness([]);
    const res = await runCliAsync(['dispatch', 'anything'], { cwd: h.repo.dir, env: { ...h.env, ANTHROPIC_API_KEY: '' } });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/ANTHROPIC_API_KEY is not set/);
    expect(h.api.requests).toHaveLength(0);
    expect(exists(h.repo, '.mso/voyages/VOY-0001.json')).toBe(false);
  }, 150_000);
});

import { apiError, endTurn, runCliAsync, toolUse } from './fake-messages-api.js';
import { branches, exists, harness, type Harness } from './setup.js';

describe('mso dispatch: API failures and interruption leave consistent records, nothing merged', () => {
  let h: Harness;
  afterEach(async () => h?.close());

  test('401: not retried, voyage failed with the reason, exit 2', async () => {
    h = await harness([apiError(401, 'authentication_error', 'invalid x-api-key')]);
    const res = await h.mso('dispatch', 'add a feature');
    expect(res.code).toBe(2);
    expect(h.api.requests).toHaveLength(1);
    const v = h.voyage();
    expect(v.status).toBe('failed');
    expect(v.reason).toMatch(/401/);
    expect(res.stdout).toMatch(/401/);
    expect(branches(h.repo)).toContain(v.branch);
    expect(h.repo.git('rev-parse', v.branch).trim()).toBe(v.baseCommit);
    expect(v.merge).toBeNull();
  }, 150_000);

  test('429 then success: retried, voyage completes', async () => {
    h = await harness([
      apiError(429, 'rate_limit_error', 'slow down'),
      toolUse(['write_file', { path: 'hello.txt', content: 'hello\n' }]),
      endTurn('ok'),
    ]);
    const res = await h.mso('dispatch', 'add hello.txt');
    expect(res.code).toBe(0);
    expect(h.api.requests).toHaveLength(3);
    expect(h.api.requests[1]!.raw).toBe(h.api.requests[0]!.raw);
    expect(h.voyage().status).toBe('completed');
    expect(h.repo.git('show', `${h.voyage().branch}:hello.txt`)).toBe('hello\n');
  }, 150_000);

  test('500s until retries run out: voyage failed, work so far committed on the voyage branch only', async () => {
    h = await harness([
      toolUse(['write_file', { path: 'part.txt', content: 'half done\n' }]),
      apiError(500, 'api_error', 'boom'),
      apiError(500, 'api_error', 'boom'),
      apiError(500, 'api_error', 'boom'),
      endTurn('never'),
    ]);
    const res = await h.mso('dispatch', 'do a thing');
    expect(res.code).toBe(2);
    expect(h.api.requests).toHaveLength(4); // 1 ok + 1 try + 2 retries (dispatch.maxRetries default 2)
    const v = h.voyage();
    expect(v.status).toBe('failed');
    expect(v.reason).toMatch(/500/);
    expect(h.repo.git('show', `${v.branch}:part.txt`)).toBe('half done\n');
    expect(v.head).toBe(h.repo.git('rev-parse', v.branch).trim());
    expect(h.repo.git('log', '--oneline', 'main').trim().split('\n')).toHaveLength(1);
    const merge = await h.mso('voyage', 'merge', 'VOY-0001');
    expect(merge.code).toBe(1); // only a completed voyage can merge
    expect(merge.stdout).toMatch(/FAIL state/);
    expect(h.repo.git('log', '--oneline', 'main').trim().split('\n')).toHaveLength(1);
  }, 150_000);

  test('network failure (nothing listening): voyage failed, exit 2', async () => {
    h = await harness([]);
    h.repo.write('.mso/workspace.json', JSON.stringify({ dispatch: { maxRetries: 0 } }));
    const res = await runCliAsync(['dispatch', 'x'], { cwd: h.repo.dir, env: { ...h.env, ANTHROPIC_BASE_URL: 'http://127.0.0.1:9' } });
    expect(res.code).toBe(2);
    expect(h.voyage().status).toBe('failed');
    expect(h.voyage().reason).toMatch(/network|connect/i);
  }, 150_000);

  test('Ctrl-C while waiting for the model: voyage interrupted, exit 130', async () => {
    h = await harness([toolUse(['write_file', { path: 'a.txt', content: 'a\n' }]), { hang: true }]);
    let kill: ((s: NodeJS.Signals) => void) | undefined;
    h.api.onRequest = () => {
      // The second request hangs: the crew is now waiting for the model.
      if (h.api.requests.length === 2) kill?.('SIGINT');
    };
    const res = await runCliAsync(['dispatch', 'write a'], { cwd: h.repo.dir, env: h.env, onSpawn: (k) => (kill = k) });
    expect(res.code).toBe(130);
    const v = h.voyage();
    expect(v.status).toBe('interrupted');
    expect(h.repo.git('show', `${v.branch}:a.txt`)).toBe('a\n');
    expect(h.repo.git('rev-parse', 'main').trim()).toBe(v.baseCommit);
  }, 150_000);
});

describe('mso dispatch: egress policy', () => {
  test('an air-gapped workspace refuses a non-loopback model endpoint before anything is recorded or sent', async () => {
    const h = await harness([]);
    try {
      h.repo.write('.mso/workspace.json', JSON.stringify({ dataResidency: { mode: 'air-gapped' } }));
      const res = await runCliAsync(['dispatch', 'x'], { cwd: h.repo.dir, env: { ...h.env, ANTHROPIC_BASE_URL: 'https://api.anthropic.com' } });
      expect(res.code).toBe(2);
      expect(res.stderr).toMatch(/egress refused.*air-gapped/);
      expect(exists(h.repo, '.mso/voyages/VOY-0001.json')).toBe(false);
      // Loopback stays allowed in air-gapped mode.
      const ok = await h.mso('dispatch', 'say hi');
      expect(ok.code).toBe(0);
      expect(h.api.requests).toHaveLength(1);
    } finally {
      await h.close();
    }
  }, 150_000);
});

describe('mso dispatch: limits', () => {
  test('--max-turns and --max-tokens end a crew that does not finish: failed, exit 2', async () => {
    const loop = () => toolUse(['list_files', { path: '.' }]);
    const h = await harness(Array.from({ length: 10 }, () => loop));
    try {
      const res = await h.mso('dispatch', 'loop forever', '--max-turns', '2');
      expect(res.code).toBe(2);
      expect(h.api.requests).toHaveLength(2);
      expect(h.voyage().reason).toMatch(/turn limit reached \(2\)/);
      // Each reply costs 120 tokens: a budget of 200 allows two requests.
      const res2 = await h.mso('dispatch', 'loop again', '--max-tokens', '200');
      expect(res2.code).toBe(2);
      expect(h.api.requests).toHaveLength(4);
      expect(h.voyage('VOY-0002').reason).toMatch(/token budget exhausted/);
      expect(h.api.requests[3]!.body.max_tokens).toBe(80);
    } finally {
      await h.close();
    }
  }, 150_000);
});

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CLI } from '../helpers/cli.js';
import { runCliWithClosedPipe } from '../helpers/closed-pipe.js';
import { endTurn, toolUse } from './fake-messages-api.js';
import { harness, type Harness } from './setup.js';

/** `mso dispatch … | head -1`: the reader leaves, the voyage is still finished and recorded. */
describe('mso dispatch with a closed pipe', () => {
  let h: Harness;
  afterEach(async () => h?.close());
  const script = () => [
    toolUse(['write_file', { path: 'app.py', content: 'def hello(name: str) -> str:\n    return f"hello {name}"\n' }]),
    endTurn('Greeting now takes a name.'),
  ];
  const expectRecorded = () => {
    const v = h.voyage();
    expect(v.status).toBe('completed');
    expect(v.pid).toBeNull();
    expect(v.review?.clean).toBe(true);
    expect(existsSync(join(h.repo.dir, '.mso', 'plans', 'VOY-0001.md'))).toBe(true);
    expect(h.repo.git('log', '-1', '--format=%s', v.branch)).toMatch(/VOY-0001/);
  };

  test.each([
    ['stdout', ['stdout'] as const],
    ['stderr', ['stderr'] as const],
    ['stdout and stderr', ['stdout', 'stderr'] as const],
  ])('closed %s from the start: exit 0, voyage completed and reviewed', async (_n, close) => {
    h = await harness(script());
    const r = await runCliWithClosedPipe(['dispatch', 'make hello greet by name'], { cwd: h.repo.dir, env: h.env, close: [...close] });
    expect(r.signal).toBeNull();
    expect(r.stderr).not.toMatch(/EPIPE|internal error/);
    expect(r.code).toBe(0);
    expect(h.api.requests.length).toBe(2);
    expectRecorded();
  });

  test('`| head -1`: the first line arrives, the voyage is completed and reviewed, exit status 0', async () => {
    h = await harness(script());
    const r = await new Promise<{ out: string; err: string }>((resolve, reject) => {
      const child = spawn('bash', ['-c', `"${process.execPath}" "${CLI}" dispatch "make hello greet by name" | head -1; echo "status \${PIPESTATUS[0]}" >&2`], {
        cwd: h.repo.dir,
        env: { ...process.env, ...h.env, NO_COLOR: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (err += d));
      child.on('error', reject);
      child.on('close', () => resolve({ out, err }));
    });
    expect(r.out).toMatch(/^VOY-0001 completed/);
    expect(r.out.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/status 0/);
    expect(r.err).not.toMatch(/EPIPE|internal error/);
    expectRecorded();
  });
});

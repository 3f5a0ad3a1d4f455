import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, runCli } from '../helpers/cli.js';
import { runCliWithClosedPipe } from '../helpers/closed-pipe.js';
import { tempDir } from '../helpers/git-repo.js';
import { tokens } from '../helpers/tokens.js';

/** A reader that leaves early is not an error: the scan exits with the code it would have had. */
describe('mso scan with a closed pipe', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir();
    // Enough findings that the report is far larger than a pipe buffer.
    const lines = Array.from({ length: 1500 }, (_, i) => `KEY_${i} = "${tokens.awsKeyId()}"`);
    writeFileSync(join(dir, 'many.py'), lines.join('\n') + '\n');
    writeFileSync(join(dir, 'clean.py'), 'x = 1\n');
  });

  test('the report is much larger than a pipe buffer (so the pipe really closes mid-write)', () => {
    const r = runCli(['scan', '--all', 'many.py'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout.length).toBeGreaterThan(256 * 1024);
  });

  test.each([
    ['stdout', ['stdout'] as const],
    ['stderr', ['stderr'] as const],
    ['stdout and stderr', ['stdout', 'stderr'] as const],
  ])('closed %s: exit 1 for findings, no crash', async (_name, close) => {
    const r = await runCliWithClosedPipe(['scan', '--all', 'many.py'], { cwd: dir, close: [...close] });
    expect(r.signal).toBeNull();
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/EPIPE|internal error|at .*\.js:\d+/);
  });

  test('closed stdout on a clean scan: exit 0', async () => {
    const r = await runCliWithClosedPipe(['scan', '--all', 'clean.py'], { cwd: dir, close: ['stdout'] });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });

  test('`| head -1` as a shell runs it: the exit status is the one without the pipe closing, stderr is clean', () => {
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${CLI}" scan --all many.py 2>err.txt | head -1 >/dev/null; echo "\${PIPESTATUS[0]}"; cat err.txt`], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    const [status, ...err] = r.stdout.split('\n');
    expect(status).toBe('1');
    expect(err.join('\n')).not.toMatch(/EPIPE|Error|at /);
  });
});

import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLI } from '../helpers/cli.js';
import { TempRepo } from '../helpers/git-repo.js';
import { testNeeding } from '../helpers/tools.js';

/**
 * Issue #8's measurement, end to end with the built CLI: with
 * {"dataResidency": {"mode": "air-gapped"}}, `mso dispatch` to a non-loopback
 * model endpoint is refused with nothing sent and the refusal logged; the
 * same dispatch to a loopback endpoint works. Runs inside `unshare -n`, so
 * nothing could leave even if the guard failed (under CI, a missing
 * `unshare` fails the test instead of skipping it).
 */
const PROBE = fileURLToPath(new URL('./fixtures/dispatch-airgap.mjs', import.meta.url));
const maybe = testNeeding('unshare');

maybe('air-gapped dispatch: refused and logged for a non-loopback model endpoint, works against loopback', () => {
  const repo = new TempRepo();
  try {
    repo.write('README.md', 'hello\n');
    mkdirSync(join(repo.dir, '.mso'), { recursive: true });
    writeFileSync(join(repo.dir, '.mso', 'workspace.json'), '{"dataResidency": {"mode": "air-gapped"}}');
    repo.commitAll('init');
    const res = spawnSync('unshare', ['-n', 'sh', '-c', 'ip link set lo up && exec "$@"', 'sh', process.execPath, PROBE, repo.dir, CLI], { encoding: 'utf8', timeout: 55_000 });
    expect(res.stderr).toBe('');
    const out = JSON.parse(res.stdout) as { refused: { code: number; stderr: string }; loopback: { code: number; stderr: string }; requests: string[]; port: number };

    expect(out.refused.code).not.toBe(0);
    expect(out.refused.stderr).toMatch(/egress refused: api\.example\.invalid \(purpose: model, mode: air-gapped\)/);
    expect(out.loopback.code).toBe(0);
    expect(out.requests.length).toBeGreaterThanOrEqual(1);

    const log = readFileSync(join(repo.dir, '.mso', 'egress.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(log.filter((l) => l.host === 'api.example.invalid').every((l) => l.decision === 'refused' && l.purpose === 'model' && l.bytesSent === 0)).toBe(true);
    expect(log.some((l) => l.host === 'api.example.invalid')).toBe(true);
    expect(log.some((l) => l.host === '127.0.0.1' && l.port === out.port && l.decision === 'allowed' && l.purpose === 'model')).toBe(true);
    expect(log.every((l) => l.decision === 'refused' || ['127.0.0.1', 'localhost', '::1'].includes(l.host))).toBe(true);
  } finally {
    repo.cleanup();
  }
});

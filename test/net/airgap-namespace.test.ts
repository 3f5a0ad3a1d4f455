import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLI } from '../helpers/cli.js';
import { tempDir } from '../helpers/git-repo.js';
import { testNeeding } from '../helpers/tools.js';

/**
 * End to end, inside `unshare -n`: a network namespace with only loopback, so
 * even if the guard failed nothing could leave the machine. The built mso
 * runs there in an air-gapped workspace; every path out must end in the
 * guard's refusal (not in the kernel's "network unreachable"), the loopback
 * gateway must work, and egress.log must record it all.
 */
// Needs root (or user namespaces) and `ip` to bring loopback up inside the namespace; under CI a missing one fails.
const maybe = testNeeding('unshare');
const PROBE = fileURLToPath(new URL('./fixtures/probe.mjs', import.meta.url));

function inNamespace(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  // `ip link set lo up`: a new namespace starts with loopback down.
  const script = 'ip link set lo up 2>/dev/null || true; exec "$@"';
  const res = spawnSync('unshare', ['-n', 'sh', '-c', script, 'sh', process.execPath, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
    timeout: 50_000,
  });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

maybe('in an air-gapped workspace every kind of connection to a non-loopback host is refused by the guard; loopback works', () => {
  const root = tempDir();
  mkdirSync(join(root, '.mso'));
  writeFileSync(join(root, '.mso', 'workspace.json'), '{"dataResidency": {"mode": "air-gapped"}}');
  const res = inNamespace([PROBE, root], root);
  expect(res.stderr).toBe('');
  expect(res.code).toBe(0);
  const results = JSON.parse(res.stdout) as Record<string, string>;
  for (const [what, outcome] of Object.entries(results)) {
    if (what.startsWith('loopback')) expect(`${what}: ${outcome}`).toBe(`${what}: ok`);
    else expect(`${what}: ${outcome}`).toBe(`${what}: refused`);
  }
  expect(Object.keys(results).length).toBeGreaterThanOrEqual(10);
  const log = readFileSync(join(root, '.mso', 'egress.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  expect(log.filter((l) => l.decision === 'refused').length).toBeGreaterThanOrEqual(9);
  expect(log.filter((l) => l.decision === 'allowed').every((l) => ['127.0.0.1', 'localhost', '::1'].includes(l.host))).toBe(true);
  expect(log.some((l) => l.decision === 'allowed' && l.purpose === 'model')).toBe(true);
});

maybe('the CLI refuses telemetry and online licence validation in an air-gapped workspace, with nothing attempted', () => {
  const root = tempDir();
  mkdirSync(join(root, '.mso'));
  writeFileSync(join(root, '.mso', 'workspace.json'), '{"dataResidency": {"mode": "air-gapped"}, "telemetry": {"endpoint": "https://telemetry.example.invalid/v1"}}');
  const env = { XDG_CONFIG_HOME: tempDir(), MSO_TELEMETRY: '', DO_NOT_TRACK: '' };
  expect(inNamespace([CLI, 'telemetry', 'enable'], root, env).code).toBe(0);
  let res = inNamespace([CLI, 'telemetry', 'send'], root, env);
  expect(res.code).toBe(2);
  expect(res.stderr).toMatch(/air-gapped/);
  res = inNamespace([CLI, 'licence', 'activate', 'MSO-TEST-KEY-12345678'], root, env);
  expect(res.code).toBe(2);
  expect(res.stderr).toMatch(/air-gapped/);
});

import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLI } from '../helpers/cli.js';
import { egressLines, workspace } from './workspace.js';

/**
 * The `--all` pool's worker threads hold connections to the same residency
 * mode as the main thread. A preload (fixtures/worker-udp-probe.mjs) runs in
 * each worker and tries UDP to a non-loopback address through an injected
 * transport that records instead of sending, then reports what happened.
 */
const PROBE = fileURLToPath(new URL('./fixtures/worker-udp-probe.mjs', import.meta.url));

function scanWithProbe(root: string): { code: number | null; probes: string[]; stderr: string } {
  // More files than the scan does inline (200), so the worker pool runs.
  for (let i = 0; i < 300; i++) writeFileSync(join(root, `f${i}.txt`), `line ${i}\n`);
  const r = spawnSync(process.execPath, ['--import', PROBE, CLI, 'scan', '--all', '.', '--jobs', '2'], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, probes: r.stderr.split('\n').filter((l) => l.startsWith('WORKER-PROBE')), stderr: r.stderr };
}

test('air-gapped: UDP from a scan worker thread is refused in every form, and logged', () => {
  const root = workspace('air-gapped');
  const r = scanWithProbe(root);
  expect(r.code).toBe(0);
  expect(r.probes.length).toBeGreaterThanOrEqual(1);
  for (const p of r.probes) {
    expect(p).toBe('WORKER-PROBE named=MSO_EGRESS_REFUSED offset=MSO_EGRESS_REFUSED connect=MSO_EGRESS_REFUSED lookup=MSO_EGRESS_REFUSED leaks=0');
  }
  const refused = egressLines(root).filter((l) => l.via === 'udp' && l.decision === 'refused');
  expect(refused.length).toBe(4 * r.probes.length);
  expect(new Set(refused.map((l) => l.host))).toEqual(new Set(['203.0.113.1']));
});

test('standard: the same probe goes through (so the probe can tell a guarded thread from an unguarded one)', () => {
  const root = workspace('standard');
  const r = scanWithProbe(root);
  expect(r.code).toBe(0);
  expect(r.probes.length).toBeGreaterThanOrEqual(1);
  for (const p of r.probes) expect(p).toBe('WORKER-PROBE named=sent offset=sent connect=sent lookup=sent leaks=4');
});

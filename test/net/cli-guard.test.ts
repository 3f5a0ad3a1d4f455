import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { CLI } from '../helpers/cli.js';
import { egressLines, workspace } from './workspace.js';

const PRELOAD = fileURLToPath(new URL('./fixtures/report-guard.mjs', import.meta.url));

function guardAtExit(args: string[], cwd: string): string {
  const res = spawnSync(process.execPath, ['--import', PRELOAD, CLI, ...args], { cwd, encoding: 'utf8', input: '' });
  const m = /GUARD (.*)/.exec(res.stderr);
  if (!m) throw new Error(`no guard report: ${res.stderr}`);
  return m[1]!;
}

/**
 * Behaviour, not names: a preload (fixtures/report-guard.mjs) puts recorders
 * under the guard and, at exit, tries a non-loopback connect, lookup and fetch.
 * "refused" means the guard stopped it above the transport (nothing was ever
 * sent: the recorders do not forward non-loopback destinations).
 */
test('the CLI installs the process-wide guard before a command runs', () => {
  for (const args of [['trust'], ['telemetry', 'status'], ['licence', 'status'], ['scan', '--all', '.']]) {
    const root = workspace('air-gapped');
    expect(`${args.join(' ')}: ${guardAtExit(args, root)}`).toBe(`${args.join(' ')}: connect=refused lookup=refused fetch=refused`);
    const refused = egressLines(root).filter((l) => l.decision === 'refused');
    expect(refused.map((l) => `${l.via} ${l.host}`).sort()).toEqual(['dns example.invalid', 'fetch example.invalid', 'socket 203.0.113.1']);
  }
});

test('the probe tells a guarded process from an unguarded one: in a standard workspace everything reaches the transport', () => {
  const root = workspace('standard');
  expect(guardAtExit(['trust'], root)).toBe('connect=reached lookup=reached fetch=reached');
});

test('the hook entry points (no network, start-up sensitive) do not load it', () => {
  const root = workspace('air-gapped');
  expect(guardAtExit(['hook', 'pretool'], root)).toBe('connect=reached lookup=reached fetch=reached');
  expect(egressLines(root)).toEqual([]);
});

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { CLI } from '../helpers/cli.js';
import { workspace } from './workspace.js';

const PRELOAD = fileURLToPath(new URL('./fixtures/report-guard.mjs', import.meta.url));

function guardAtExit(args: string[], cwd: string): string {
  const res = spawnSync(process.execPath, ['--import', PRELOAD, CLI, ...args], { cwd, encoding: 'utf8', input: '' });
  const m = /GUARD (.*)/.exec(res.stderr);
  if (!m) throw new Error(`no guard report: ${res.stderr}`);
  return m[1]!;
}

test('the CLI installs the process-wide guard before a command runs', () => {
  const root = workspace('air-gapped');
  for (const args of [['trust'], ['telemetry', 'status'], ['licence', 'status']]) {
    expect(`${args.join(' ')}: ${guardAtExit(args, root)}`).toBe(`${args.join(' ')}: connect=guardedConnect lookup=guardedLookup fetch=guardedFetch`);
  }
});

test('the hook entry points (no network, start-up sensitive) do not load it', () => {
  const root = workspace('air-gapped');
  expect(guardAtExit(['hook', 'pretool'], root)).not.toMatch(/guarded/);
});

#!/usr/bin/env node
// Time a clean mso pre-commit hook adds to `git commit` on a typical 20-file change:
// median of `git commit` with the hooks `mso init` installed minus median of `git commit --no-verify`,
// same staged change each time (the commit is undone with `git reset --soft HEAD~1`).
// Run after `npm run build`: node bench/git-hooks.bench.mjs [runs]
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli', 'main.js');
const runs = Number(process.argv[2] ?? 9);
const bin = mkdtempSync(join(tmpdir(), 'mso-bench-bin-'));
const repo = mkdtempSync(join(tmpdir(), 'mso-bench-repo-'));
writeFileSync(join(bin, 'mso'), `#!/bin/sh\nexec "${process.execPath}" "${cli}" "$@"\n`);
chmodSync(join(bin, 'mso'), 0o755);
const env = {
  ...process.env,
  PATH: `${bin}:${process.env.PATH}`,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'bench',
  GIT_AUTHOR_EMAIL: 'bench@example.invalid',
  GIT_COMMITTER_NAME: 'bench',
  GIT_COMMITTER_EMAIL: 'bench@example.invalid',
  NO_COLOR: '1',
};
const git = (...args) => execFileSync('git', args, { cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'] }).toString();

// A small project: 60 files of ~80 lines; the change edits 20 of them (about 10 lines each) and adds none.
function source(i, variant) {
  const lines = [];
  for (let l = 0; l < 80; l++) {
    lines.push(l % 8 === 0 && variant ? `    value_${l} = compute(${l}, "${variant}-${i}")  # edited` : `    value_${l} = compute(${l}, "item ${i}")`);
  }
  return `def handler_${i}(request):\n${lines.join('\n')}\n    return value_0\n`;
}
try {
  git('init', '-q', '-b', 'main');
  for (let i = 0; i < 60; i++) {
    mkdirSync(join(repo, `pkg${i % 6}`), { recursive: true });
    writeFileSync(join(repo, `pkg${i % 6}`, `mod${i}.py`), source(i, ''));
  }
  git('add', '-A');
  git('commit', '-q', '--no-verify', '-m', 'base');
  execFileSync(process.execPath, [cli, 'init'], { cwd: repo, env, stdio: 'ignore' });
  for (let i = 0; i < 20; i++) writeFileSync(join(repo, `pkg${i % 6}`, `mod${i}.py`), source(i, 'v2'));
  git('add', '-A');
  const changed = git('diff', '--cached', '--name-only').trim().split('\n').length;

  // Wall time, and the CPU time (user + sys) of git and everything it ran, from bash's `times`:
  // on a busy machine the wall time mostly measures the queue for a core, the CPU time does not.
  const cpu = { with: [], without: [] };
  const time = (args) => {
    const t0 = process.hrtime.bigint();
    const script = `git commit -q -m change ${args.join(' ')} >/dev/null || exit 9; times`;
    const r = spawnSync('bash', ['-c', script], { cwd: repo, env, encoding: 'utf8' });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status !== 0) throw new Error(`git commit ${args.join(' ')} failed: ${r.stdout}${r.stderr}`);
    const children = r.stdout.trim().split('\n').pop().split(/\s+/).map((t) => {
      const m = /^(\d+)m([\d.]+)s$/.exec(t);
      return m ? Number(m[1]) * 60000 + Number(m[2]) * 1000 : 0;
    });
    (args.length ? cpu.without : cpu.with).push(children[0] + children[1]);
    git('reset', '-q', '--soft', 'HEAD~1');
    return ms;
  };
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  time([]); // warm the file cache
  const withHook = [];
  const without = [];
  for (let i = 0; i < runs; i++) {
    withHook.push(time([]));
    without.push(time(['--no-verify']));
  }
  const hook = median(withHook);
  const bare = median(without);
  cpu.with.shift(); // the warm-up run
  const cpuAdds = median(cpu.with) - median(cpu.without);
  const [load1] = (await import('node:os')).loadavg();
  console.log(`git-hooks: clean pre-commit hook on a ${changed}-file change adds ${(hook - bare).toFixed(0)} ms wall / ${cpuAdds.toFixed(0)} ms CPU to git commit (median of ${runs}: ${hook.toFixed(0)} ms with the hook, ${bare.toFixed(0)} ms with --no-verify; load average ${load1.toFixed(1)})`);
  console.log(JSON.stringify({ bench: 'git-hooks', files: changed, runs, commitWithHookMs: Math.round(hook), commitNoVerifyMs: Math.round(bare), hookAddsMs: Math.round(hook - bare), hookAddsCpuMs: Math.round(cpuAdds), loadAverage: load1 }));
} finally {
  rmSync(repo, { recursive: true, force: true });
  rmSync(bin, { recursive: true, force: true });
}

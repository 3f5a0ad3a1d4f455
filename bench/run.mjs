#!/usr/bin/env node
// `npm run bench`: mso's scan speed on a synthetic repository, against secretlint
// (devDependency, recommended preset) on the same files. Then every
// bench/*.bench.mjs file (other parts of mso add their own) is run and its
// output printed. No network; bounded to a couple of minutes on 2 cores.
//
// Environment: BENCH_FILES (default 3000), BENCH_AVG_BYTES (default 10000),
// BENCH_RUNS (default 5), BENCH_KEEP=1 keeps the synthetic repository.
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { commitChange, generateTree, prng } from './synthetic-repo.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'dist', 'cli', 'main.js');
const SECRETLINT = join(ROOT, 'node_modules', 'secretlint', 'bin', 'secretlint.js');
const FILES = Number(process.env.BENCH_FILES ?? 3000);
const AVG = Number(process.env.BENCH_AVG_BYTES ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SAMPLE_FOLDERS = 20; // secretlint's --all comparison runs on this many folders of 50 files

if (!existsSync(CLI)) {
  console.error('bench: dist/ is missing; run `npm run bench` (it builds first)');
  process.exit(2);
}

const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };

/** CPU time (user + system, ms) of this process's finished children, from /proc (Linux); NaN elsewhere. */
function childCpuMs() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10; // cutime + cstime, in 1/100 s ticks
  } catch {
    return NaN;
  }
}

function run(cmd, args, cwd, okCodes = [0, 1]) {
  const t0 = process.hrtime.bigint();
  const c0 = childCpuMs();
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = childCpuMs() - c0;
  if (r.error) throw r.error;
  if (!okCodes.includes(r.status)) {
    throw new Error(`${[cmd, ...args].join(' ').slice(0, 200)} exited ${r.status}: ${r.stderr.slice(0, 500)}`);
  }
  return { ms, cpu, stdout: r.stdout, code: r.status };
}

/** Runs a command `n` times; returns the median and best wall time (the machine is shared: best is the least noisy). */
function timeIt(n, cmd, args, cwd, okCodes) {
  const times = [];
  const cpus = [];
  let last;
  for (let i = 0; i < n; i++) {
    last = run(cmd, args, cwd, okCodes);
    times.push(last.ms);
    cpus.push(last.cpu);
  }
  times.sort((a, b) => a - b);
  cpus.sort((a, b) => a - b);
  const mid = Math.floor(n / 2);
  return { median: times[mid], best: times[0], cpu: cpus[mid], last };
}

const git = (cwd, ...args) => run('git', args, cwd, [0]);
const fmt = (ms) => `${ms.toFixed(0)} ms`;
const mb = (bytes) => bytes / 1e6;

function main() {
  const work = mkdtempSync(join(tmpdir(), 'mso-bench-'));
  const repo = join(work, 'repo');
  const out = [];
  const say = (line = '') => {
    out.push(line);
    console.log(line);
  };
  try {
    say('# mso benchmark');
    say(`machine: ${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown CPU'}, node ${process.version}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);

    // 1. The synthetic repository.
    let t0 = Date.now();
    const tree = generateTree(repo, { files: FILES, avgBytes: AVG, secrets: 24 });
    git(repo, 'init', '-q', '-b', 'main');
    git(repo, 'add', '-A');
    git(repo, '-c', 'user.email=bench@example.invalid', '-c', 'user.name=bench', 'commit', '-q', '--no-verify', '-m', 'synthetic tree');
    say(`repository: ${tree.files.length} files, ${mb(tree.bytes).toFixed(1)} MB, 24 planted secrets (built in ${Date.now() - t0} ms)`);
    const slrc = join(work, 'secretlintrc.json');
    writeFileSync(slrc, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));

    // 2. --all over the whole tree (two runs: the page cache is warm for both tools alike).
    run(process.execPath, [CLI, 'scan', '--all', '--format', 'json'], repo); // warm-up
    const all = timeIt(Math.min(RUNS, 3), process.execPath, [CLI, 'scan', '--all', '--format', 'json'], repo);
    const allStats = JSON.parse(all.last.stdout).stats;
    const allFindings = JSON.parse(all.last.stdout).findings.length;
    say('');
    say('## --all (whole tree, worker threads)');
    say(
      `mso scan --all: ${fmt(all.best)} best, ${fmt(all.median)} median (CPU ${fmt(all.cpu)}) -> ${(mb(allStats.bytes) / (all.best / 1000)).toFixed(1)} MB/s ` +
        `(${allStats.files} files, ${allStats.workers} workers, ${allFindings} findings)`,
    );

    // secretlint on a sample of the tree (its whole-tree run would not fit the time budget), mso on the same sample.
    const folders = [...new Set(tree.files.map((f) => f.split('/')[0]))].sort().slice(0, SAMPLE_FOLDERS);
    const sampleBytes = tree.files.filter((f) => folders.includes(f.split('/')[0])).reduce((n, f) => n + readFileSync(join(repo, f)).length, 0);
    const msoSample = timeIt(Math.min(RUNS, 3), process.execPath, [CLI, 'scan', '--all', ...folders, '--format', 'json'], repo);
    const slSample = timeIt(1, process.execPath, [SECRETLINT, ...folders.map((d) => `${d}/**/*`), '--secretlintrc', slrc, '--format', 'json'], repo);
    const msoRate = mb(sampleBytes) / (msoSample.best / 1000);
    const slRate = mb(sampleBytes) / (slSample.best / 1000);
    say(`sample of ${folders.length * 50} files (${mb(sampleBytes).toFixed(1)} MB):`);
    say(`  mso        ${fmt(msoSample.best)} (CPU ${fmt(msoSample.cpu)}) -> ${msoRate.toFixed(1)} MB/s`);
    say(`  secretlint ${fmt(slSample.best)} (CPU ${fmt(slSample.cpu)}) -> ${slRate.toFixed(1)} MB/s`);
    say(`  mso is ${(msoRate / slRate).toFixed(1)}x secretlint's throughput (${(slSample.cpu / msoSample.cpu).toFixed(1)}x less CPU)`);

    // 3. A typical commit: 20 files changed, two with a credential.
    const r = prng(7);
    const picked = [];
    for (let i = 0; picked.length < 20; i += Math.floor(tree.files.length / 20)) picked.push(tree.files[i]);
    picked.forEach((f, i) => appendFileSync(join(repo, f), commitChange(r, f.split('.').pop(), i % 10 === 3)));
    git(repo, 'add', ...picked);
    const stagedBytes = picked.reduce((n, f) => n + readFileSync(join(repo, f)).length, 0);
    const staged = timeIt(RUNS, process.execPath, [CLI, 'scan', '--staged'], repo);
    const slStaged = timeIt(RUNS, process.execPath, [SECRETLINT, ...picked, '--secretlintrc', slrc, '--no-glob'], repo);
    say('');
    say(`## --staged (a 20-file commit, ${(stagedBytes / 1024).toFixed(0)} KB of staged files)`);
    say(`mso scan --staged: ${fmt(staged.best)} best, ${fmt(staged.median)} median, CPU ${fmt(staged.cpu)} (exit ${staged.last.code})`);
    say(`secretlint on the same 20 files: ${fmt(slStaged.best)} best, ${fmt(slStaged.median)} median, CPU ${fmt(slStaged.cpu)} (exit ${slStaged.last.code})`);
    say(`mso is ${(slStaged.median / staged.median).toFixed(1)}x faster (median wall), ${(slStaged.cpu / staged.cpu).toFixed(1)}x less CPU`);

    // 4. Start-up: nothing staged, and bare node for reference.
    git(repo, 'reset', '-q');
    git(repo, 'checkout', '--', '.');
    const empty = timeIt(RUNS, process.execPath, [CLI, 'scan'], repo, [0]);
    const bare = timeIt(RUNS, process.execPath, ['-e', ''], repo, [0]);
    say('');
    say('## start-up');
    say(`mso scan with nothing staged: ${fmt(empty.median)} median, CPU ${fmt(empty.cpu)} (bare \`node -e ""\`: ${fmt(bare.median)}, CPU ${fmt(bare.cpu)})`);
    say(`load average at the end: ${loadavg().map((l) => l.toFixed(1)).join(' ')} (on a shared machine, CPU times are the steadier figures)`);
  } finally {
    if (process.env.BENCH_KEEP) console.log(`(kept ${work})`);
    else rmSync(work, { recursive: true, force: true });
  }

  // 5. Other parts' benchmarks.
  const extra = readdirSync(join(ROOT, 'bench'))
    .filter((f) => f.endsWith('.bench.mjs'))
    .sort();
  let failed = 0;
  for (const f of extra) {
    console.log('');
    console.log(`## ${f}`);
    const res = spawnSync(process.execPath, [join(ROOT, 'bench', f)], { cwd: ROOT, env, stdio: 'inherit', timeout: 120_000 });
    if (res.status !== 0) {
      failed++;
      console.log(`bench: ${f} failed (exit ${res.status ?? res.signal})`);
    }
  }
  if (failed) process.exitCode = 1;
}

main();

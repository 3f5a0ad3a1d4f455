#!/usr/bin/env node
// `mso scan --all` throughput on a tree of pinned npm packages, against ripgrep
// running the core secret regexes over the same tree in the same run.
//
// The tree is built from this repository's own installed node_modules (pinned by
// package-lock.json), copied into a temp folder not called node_modules (that is
// excluded by default): TypeScript's large lib/*.js first, then every package's
// text files in path order up to BENCH_ALL_MB (default 81). No network.
//
// Budgets (issue 13): >= 100 MB/s of text on 2 cores with nothing skipped for size,
// <= 10x ripgrep's time with the core patterns, peak RSS <= 300 MB.
//
// Run after `npm run build`: node bench/scan-all.bench.mjs
// Environment: BENCH_ALL_MB (tree size, MB), BENCH_ALL_RUNS (default 3),
// BENCH_DECODE=1 also times scan.decodeDepth 0 against the default (the decode stage's share),
// BENCH_ALL_JOBS=N passes --jobs N, BENCH_ALL_SCANNER=secrets passes --scanner secrets,
// BENCH_ALL_TREE=<dir> scans an existing tree (one kept with BENCH_KEEP=1) instead of building one,
// BENCH_KEEP=1 keeps the tree.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'dist', 'cli', 'main.js');
const NM = join(ROOT, 'node_modules');
const LIMIT = Number(process.env.BENCH_ALL_MB ?? 81) * 1e6;
const RUNS = Number(process.env.BENCH_ALL_RUNS ?? 3);
const TEXT_EXT = /\.(?:js|mjs|cjs|ts|mts|cts|json|md|markdown|txt|yml|yaml|map|html|css|d\.ts)$/i;

// The 13 core secret patterns ripgrep runs (provider tokens, private keys, generic assignments).
const RG_PATTERNS = [
  String.raw`(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}`,
  String.raw`gh[pousr]_[A-Za-z0-9]{36}`,
  String.raw`github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}`,
  String.raw`xox[baprs]-[0-9]{6,}-[A-Za-z0-9-]{8,}`,
  String.raw`sk-ant-(?:api|admin)[0-9]{2}-[A-Za-z0-9_-]{32,}`,
  String.raw`sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,}`,
  String.raw`[sr]k_live_[A-Za-z0-9]{20,}`,
  String.raw`AIza[0-9A-Za-z_-]{35}`,
  String.raw`npm_[A-Za-z0-9]{36}`,
  String.raw`-----BEGIN[ A-Z0-9]{0,30}PRIVATE KEY`,
  String.raw`eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}`,
  String.raw`(?i)(?:password|passwd|pwd)["']?\s*[:=]\s*["'][^"'\s]{8,}["']`,
  String.raw`(?i)(?:api[_.-]?key|secret|token)["']?\s*[:=]\s*["'][A-Za-z0-9_\-+/=]{12,}["']`,
];

function listFiles(dir, out = []) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) listFiles(p, out);
    else if (e.isFile() && TEXT_EXT.test(e.name)) out.push(p);
  }
  return out;
}

function buildTree(dest) {
  const big = listFiles(join(NM, 'typescript', 'lib')).filter((f) => f.endsWith('.js'));
  const rest = listFiles(NM).filter((f) => !big.includes(f));
  let bytes = 0;
  let files = 0;
  let largest = 0;
  for (const src of [...big, ...rest]) {
    const size = statSync(src).size;
    if (bytes + size > LIMIT) continue;
    const to = join(dest, 'packages', relative(NM, src));
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(src, to);
    bytes += size;
    files++;
    largest = Math.max(largest, size);
  }
  return { bytes, files, largest };
}

/** Runs a command under /usr/bin/time -v when present: wall ms, CPU ms and peak RSS (KB) of the child. */
function measure(cmd, args, cwd, okCodes = [0, 1]) {
  const timed = existsSync('/usr/bin/time');
  const t0 = process.hrtime.bigint();
  const r = timed
    ? spawnSync('/usr/bin/time', ['-v', cmd, ...args], { cwd, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } })
    : spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.error) throw r.error;
  if (!okCodes.includes(r.status)) throw new Error(`${cmd} ${args.join(' ').slice(0, 200)} exited ${r.status}: ${r.stderr.slice(-800)}`);
  const field = (name) => {
    const m = new RegExp(`${name}[^:]*:\\s*([0-9.:]+)`).exec(r.stderr);
    return m ? m[1] : undefined;
  };
  const user = Number(field('User time') ?? NaN) * 1000;
  const sys = Number(field('System time') ?? NaN) * 1000;
  return { ms, cpu: user + sys, rssKb: Number(field('Maximum resident set size') ?? NaN), stdout: r.stdout };
}

function best(n, fn) {
  const runs = [];
  for (let i = 0; i < n; i++) runs.push(fn());
  runs.sort((a, b) => a.ms - b.ms);
  return { ...runs[0], median: runs[Math.floor(n / 2)].ms, maxRss: Math.max(...runs.map((r) => r.rssKb)) };
}

const verdict = (ok) => (ok ? 'MET' : 'NOT MET');

function main() {
  if (!existsSync(CLI)) {
    console.error('bench: dist/ is missing; run `npm run build` first');
    process.exit(2);
  }
  const kept = process.env.BENCH_ALL_TREE;
  const work = kept ?? mkdtempSync(join(tmpdir(), 'mso-bench-all-'));
  try {
    if (!kept) {
      const t0 = Date.now();
      const tree = buildTree(work);
      console.log(`tree: ${tree.files} files, ${(tree.bytes / 1e6).toFixed(1)} MB from node_modules (largest ${(tree.largest / 1e6).toFixed(1)} MB), built in ${Date.now() - t0} ms; ${availableParallelism()} cores`);
    } else console.log(`tree: ${kept} (kept from an earlier run); ${availableParallelism()} cores`);
    const target = join(work, 'packages');
    const msoArgs = [
      CLI, 'scan', '--all', target, '--max-file-size', '100MB', '--format', 'json',
      ...(process.env.BENCH_ALL_JOBS ? ['--jobs', process.env.BENCH_ALL_JOBS] : []),
      ...(process.env.BENCH_ALL_SCANNER ? ['--scanner', process.env.BENCH_ALL_SCANNER] : []),
    ];
    measure(process.execPath, msoArgs, work); // warm the page cache and the compile cache
    const mso = best(RUNS, () => measure(process.execPath, msoArgs, work));
    const report = JSON.parse(mso.stdout);
    const stats = report.stats;
    const sizeSkips = report.skipped.filter((s) => s.reason === 'too-large').length;
    const rate = stats.bytes / 1e6 / (mso.ms / 1000);
    console.log(
      `mso scan --all: ${mso.ms.toFixed(0)} ms best, ${mso.median.toFixed(0)} ms median, CPU ${mso.cpu.toFixed(0)} ms, peak RSS ${(mso.maxRss / 1024).toFixed(0)} MB ` +
        `-> ${rate.toFixed(1)} MB/s (${stats.files} files, ${(stats.bytes / 1e6).toFixed(1)} MB scanned, ${stats.workers} workers, ` +
        `${report.findings.length} findings, ${report.skipped.length} skipped of which ${sizeSkips} for size)`,
    );

    // Throughput per CPU second: on a shared machine wall times queue for a core, CPU time does not.
    const cpuRate = stats.bytes / 1e6 / (mso.cpu / 1000);
    console.log(`  per CPU second: ${cpuRate.toFixed(1)} MB/s (on 2 uncontended cores at most ${(2 * cpuRate).toFixed(1)} MB/s)`);

    if (process.env.BENCH_DECODE) {
      // The decode stage (scan.decodeDepth) against no decoding, same tree, same run. The
      // workspace file sits in the folder the scan runs from (.mso/workspace.json).
      const cwd0 = join(work, 'decode0');
      mkdirSync(join(cwd0, '.mso'), { recursive: true });
      writeFileSync(join(cwd0, '.mso', 'workspace.json'), JSON.stringify({ scan: { decodeDepth: 0 } }));
      try {
        const off = best(RUNS, () => measure(process.execPath, msoArgs, cwd0));
        const share = 1 - off.cpu / mso.cpu;
        console.log(`decode stage: CPU ${mso.cpu.toFixed(0)} ms with the default depth, ${off.cpu.toFixed(0)} ms with decodeDepth 0 -> ${(100 * share).toFixed(1)}% of --all (budget 15%) -> ${verdict(share <= 0.15)}`);
      } catch (err) {
        console.log(`decode stage: not measured (${String(err.message).split('\n')[0].slice(0, 160)}); scan.decodeDepth may not exist yet`);
      }
    }

    const rg = spawnSync('rg', ['--version'], { encoding: 'utf8' });
    let rgRatio;
    if (rg.error || rg.status !== 0) {
      console.log('ripgrep: `rg` not found — install Debian\'s `ripgrep` package (apt-get install ripgrep) for the ratio');
    } else {
      const rgArgs = ['--no-ignore', '--hidden', '-c', '--no-messages', ...RG_PATTERNS.flatMap((p) => ['-e', p]), target];
      measure('rg', rgArgs, work);
      const rgRun = best(RUNS, () => measure('rg', rgArgs, work, [0, 1]));
      rgRatio = mso.ms / rgRun.ms;
      console.log(
        `ripgrep (13 core patterns): ${rgRun.ms.toFixed(0)} ms best, CPU ${rgRun.cpu.toFixed(0)} ms -> mso takes ${rgRatio.toFixed(1)}x ripgrep's time, ${(mso.cpu / rgRun.cpu).toFixed(1)}x its CPU`,
      );
    }

    console.log('budgets:');
    console.log(`  >= 100 MB/s with nothing skipped for size: ${rate.toFixed(1)} MB/s, ${sizeSkips} size skips -> ${verdict(rate >= 100 && sizeSkips === 0)}`);
    if (rgRatio !== undefined) console.log(`  <= 10x ripgrep: ${rgRatio.toFixed(1)}x -> ${verdict(rgRatio <= 10)}`);
    else console.log('  <= 10x ripgrep: not measured (rg missing)');
    console.log(`  peak RSS <= 300 MB: ${(mso.maxRss / 1024).toFixed(0)} MB -> ${verdict(mso.maxRss / 1024 <= 300)}`);
  } finally {
    if (process.env.BENCH_KEEP || kept) console.log(`(kept ${work})`);
    else rmSync(work, { recursive: true, force: true });
  }
}

main();

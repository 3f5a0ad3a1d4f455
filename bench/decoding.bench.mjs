// What the decode stage of the secret scanner costs: `mso scan --all` on the synthetic bench tree
// with scan.decodeDepth 0 (decoding off) against the default (2), in the same run, alternating.
// Budget: decoding costs at most 15% of --all throughput.
//   npm run build && node bench/decoding.bench.mjs
// BENCH_DECODE_FILES (default 1000), BENCH_AVG_BYTES, BENCH_RUNS (default 5). run.mjs gives each bench file
// two minutes: runs stop after 90 s (at least one pair), and the pairs measured so far are reported.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateTree } from './synthetic-repo.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(root, 'dist', 'cli', 'main.js');
const FILES = Number(process.env.BENCH_DECODE_FILES ?? 1000);
const AVG = Number(process.env.BENCH_AVG_BYTES ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const BUDGET = 0.15;

const work = mkdtempSync(join(tmpdir(), 'mso-bench-decode-'));
try {
  const trees = {};
  for (const [name, depth] of [['off', 0], ['on', 2]]) {
    const dir = join(work, name);
    mkdirSync(join(dir, '.mso'), { recursive: true });
    trees[name] = { dir, bytes: generateTree(dir, { files: FILES, avgBytes: AVG }).bytes };
    writeFileSync(join(dir, '.mso', 'workspace.json'), JSON.stringify({ scan: { decodeDepth: depth } }));
  }
  const time = (dir) => {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [CLI, 'scan', '--all', '.', '--format', 'json'], { cwd: dir, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    if (r.status !== 0 && r.status !== 1) throw new Error(`mso scan --all exited ${r.status}: ${r.stderr.slice(0, 400)}`);
    return { ms: Number(process.hrtime.bigint() - t0) / 1e6, findings: JSON.parse(r.stdout).findings.length };
  };
  const ms = { off: [], on: [] };
  let findings = {};
  const started = Date.now();
  for (let i = 0; i < RUNS && (i === 0 || Date.now() - started < 90_000); i++) {
    for (const name of i % 2 ? ['on', 'off'] : ['off', 'on']) {
      const r = time(trees[name].dir);
      ms[name].push(r.ms);
      findings[name] = r.findings;
    }
  }
  const best = (a) => Math.min(...a);
  const mbps = (name) => trees[name].bytes / 1e6 / (best(ms[name]) / 1000);
  const cost = 1 - mbps('on') / mbps('off');
  console.log(`decode stage (--all, ${FILES} files, ${(trees.off.bytes / 1e6).toFixed(1)} MB, best of ${ms.on.length}):`);
  console.log(`  decodeDepth 0: ${best(ms.off).toFixed(0)} ms (${mbps('off').toFixed(1)} MB/s), ${findings.off} findings`);
  console.log(`  decodeDepth 2: ${best(ms.on).toFixed(0)} ms (${mbps('on').toFixed(1)} MB/s), ${findings.on} findings`);
  console.log(`  cost of decoding: ${(cost * 100).toFixed(1)}% of throughput (budget ${BUDGET * 100}%) ${cost <= BUDGET ? 'PASS' : 'FAIL'}`);
  if (cost > BUDGET) process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}

#!/usr/bin/env node
// Measures the Python scanner on a labelled corpus, with bandit on the same files for reference.
//
//   node scripts/eval-python.mjs [corpus-dir] [--verbose]
//
// Corpus files are Python modules whose labelled lines end in `#@vuln CWE-89` (alternatives:
// `#@vuln CWE-327|CWE-328`) or `#@safe` (a look-alike that must not be flagged). The labels are
// stripped into a temporary copy before anything scans it, so no tool sees them. Then:
//   mso scan --all <copy> --scanner python --format sarif
//   bandit -r <copy> -f json          (when bandit is installed)
// and for each tool: line recall (a finding on a vulnerable line), CWE-matched recall (a finding on
// that line carrying one of the label's CWEs) and precision (flagged lines that are labelled vulnerable).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { score as scoreLabels } from './eval-code/score.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const corpus = args.find((a) => !a.startsWith('--')) ?? join(root, 'test/python/corpus');

// bandit 1.6 reports no CWE: its test ids map to the CWE each test is about (generously).
const BANDIT_CWE = {
  B102: ['CWE-95', 'CWE-78'], B103: ['CWE-732'], B104: ['CWE-605'], B105: ['CWE-259', 'CWE-798'], B106: ['CWE-259', 'CWE-798'],
  B107: ['CWE-259', 'CWE-798'], B108: ['CWE-377'], B110: ['CWE-703'], B112: ['CWE-703'], B201: ['CWE-489', 'CWE-94'],
  B301: ['CWE-502'], B302: ['CWE-502'], B303: ['CWE-327', 'CWE-328'], B304: ['CWE-327'], B305: ['CWE-327'], B306: ['CWE-377'],
  B307: ['CWE-95'], B308: ['CWE-79'], B309: ['CWE-295'], B310: ['CWE-22', 'CWE-918'], B311: ['CWE-338', 'CWE-330'],
  B312: ['CWE-319'], B313: ['CWE-611'], B314: ['CWE-611'], B315: ['CWE-611'], B316: ['CWE-611'], B317: ['CWE-611'],
  B318: ['CWE-611'], B319: ['CWE-611'], B320: ['CWE-611'], B321: ['CWE-319'], B322: ['CWE-78'], B323: ['CWE-295'],
  B324: ['CWE-327', 'CWE-328'], B501: ['CWE-295'], B502: ['CWE-327'], B503: ['CWE-327'], B504: ['CWE-327'],
  B505: ['CWE-326', 'CWE-327'], B506: ['CWE-502'], B507: ['CWE-295'], B601: ['CWE-78'], B602: ['CWE-78'], B603: ['CWE-78'],
  B604: ['CWE-78'], B605: ['CWE-78'], B606: ['CWE-78'], B607: ['CWE-78'], B608: ['CWE-89'], B609: ['CWE-78'],
  B610: ['CWE-89'], B611: ['CWE-89'], B701: ['CWE-79'], B702: ['CWE-79'], B703: ['CWE-79'],
};

function pyFiles(dir) {
  const out = [];
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...pyFiles(p));
    else if (e.endsWith('.py')) out.push(p);
  }
  return out.sort();
}

// 1. Strip labels into a temporary copy.
const work = mkdtempSync(join(tmpdir(), 'mso-eval-'));
const labels = []; // { file, line, kind, cwes }
let totalLines = 0;
for (const abs of pyFiles(corpus)) {
  const rel = relative(corpus, abs).split('\\').join('/');
  const lines = readFileSync(abs, 'utf8').split('\n');
  totalLines += lines.length;
  const clean = lines.map((text, i) => {
    const m = /\s*#@(vuln|safe)\b\s*([A-Z0-9|-]*)\s*$/.exec(text);
    if (!m) return text;
    labels.push({ file: rel, line: i + 1, kind: m[1], cwes: m[2] ? m[2].split('|') : [] });
    return text.slice(0, m.index);
  });
  mkdirSync(dirname(join(work, rel)), { recursive: true });
  writeFileSync(join(work, rel), clean.join('\n'));
}

// 2. Run the tools.
function runMso() {
  const started = process.hrtime.bigint();
  const res = spawnSync(process.execPath, [join(root, 'dist/cli/main.js'), 'scan', '--all', '.', '--scanner', 'python', '--format', 'sarif', '--no-baseline'], {
    cwd: work,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (res.status !== 0 && res.status !== 1) throw new Error(`mso scan failed (${res.status}): ${res.stderr}`);
  const sarif = JSON.parse(res.stdout);
  const preds = [];
  for (const r of sarif.runs[0].results) {
    const loc = r.locations[0].physicalLocation;
    const cwes = (r.properties?.tags ?? []).filter((t) => /^CWE-\d+$/.test(t));
    preds.push({ file: decodeURIComponent(loc.artifactLocation.uri), line: loc.region.startLine, cwes, rule: r.ruleId });
  }
  const skipped = sarif.runs[0].properties?.skipped ?? 0;
  return { preds, ms, skipped };
}

function runBandit() {
  const which = spawnSync('bandit', ['--version'], { encoding: 'utf8' });
  if (which.error || which.status !== 0) return undefined;
  const res = spawnSync('bandit', ['-r', '.', '-f', 'json', '-q'], { cwd: work, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const doc = JSON.parse(res.stdout);
  return doc.results.map((r) => ({
    file: relative(work, join(work, r.filename)).split('\\').join('/'),
    line: r.line_number,
    cwes: r.issue_cwe?.id ? [`CWE-${r.issue_cwe.id}`, ...(BANDIT_CWE[r.test_id] ?? [])] : BANDIT_CWE[r.test_id] ?? [],
    rule: r.test_id,
    severity: r.issue_severity,
  }));
}

// 3. Score.
const score = (name, preds) => scoreLabels(labels, name, preds, verbose);

const mso = runMso();
const rows = [score('mso', mso.preds)];
const bandit = runBandit();
if (bandit) {
  rows.push(score('bandit (all)', bandit));
  rows.push(score('bandit (medium+)', bandit.filter((b) => b.severity !== 'LOW')));
}
const files = pyFiles(corpus).length;
const vulnCount = labels.filter((l) => l.kind === 'vuln').length;
const safeCount = labels.filter((l) => l.kind === 'safe').length;
console.log(`corpus: ${files} files, ${totalLines} lines, ${vulnCount} vulnerable lines, ${safeCount} labelled safe look-alikes`);
console.log(`mso scan time: ${mso.ms.toFixed(0)} ms (process start included), ${mso.skipped} skipped`);
console.log('tool               findings  lines  line-recall  cwe-recall  precision  safe-flagged');
for (const r of rows) {
  console.log(
    `${r.tool.padEnd(18)} ${String(r.findings).padStart(8)} ${String(r.flaggedLines).padStart(6)} ${r.lineRecall.toFixed(3).padStart(12)} ${r.cweRecall.toFixed(3).padStart(11)} ${r.precision.toFixed(3).padStart(10)} ${String(r.safeFlagged).padStart(13)}`,
  );
}
if (!bandit) console.log('(bandit not installed: apt-get install bandit to compare)');
rmSync(work, { recursive: true, force: true });

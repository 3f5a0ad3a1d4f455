#!/usr/bin/env node
// Measures the JavaScript/TypeScript scanner on a labelled corpus, with eslint-plugin-security and
// eslint-plugin-no-unsanitized on the same files for reference.
//
//   node scripts/eval-js.mjs [corpus-dir] [--verbose] [--json]
//
// The label format is the Python corpus's (scripts/eval-python.mjs) in JS comment syntax: labelled
// lines end in `//@vuln CWE-89` (alternatives: `//@vuln CWE-327|CWE-328`) or `//@safe` (a look-alike
// that must not be flagged). Labels are stripped into a temporary copy before anything scans it.
// Then:
//   mso scan --all <copy> --scanner js --format sarif
//   eslint (flat config: security + no-unsanitized recommended, TypeScript parser) --format json
// and for each tool: line recall (a finding on a vulnerable line), CWE-matched recall (a finding on
// that line carrying one of the label's CWEs) and precision (flagged lines that are labelled vulnerable).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { score as scoreLabels } from './eval-code/score.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const asJson = args.includes('--json');
const corpus = args.find((a) => !a.startsWith('--')) ?? join(root, 'test/js/corpus');
const EXT = /\.(js|mjs|cjs|jsx|ts|mts|cts|tsx)$/;

// eslint rules report no CWE: each rule maps to the CWE it is about (generously).
const ESLINT_CWE = {
  'security/detect-child-process': ['CWE-78'],
  'security/detect-eval-with-expression': ['CWE-95', 'CWE-94'],
  'security/detect-non-literal-fs-filename': ['CWE-22'],
  'security/detect-non-literal-require': ['CWE-22', 'CWE-95'],
  'security/detect-non-literal-regexp': ['CWE-1333', 'CWE-400'],
  'security/detect-unsafe-regex': ['CWE-1333', 'CWE-400'],
  'security/detect-object-injection': ['CWE-1321', 'CWE-915'],
  'security/detect-possible-timing-attacks': ['CWE-208'],
  'security/detect-pseudoRandomBytes': ['CWE-338'],
  'security/detect-buffer-noassert': ['CWE-119'],
  'security/detect-disable-mustache-escape': ['CWE-79'],
  'security/detect-no-csrf-before-method-override': ['CWE-352'],
  'security/detect-new-buffer': ['CWE-119'],
  'security/detect-bidi-characters': ['CWE-94'],
  'no-unsanitized/method': ['CWE-79'],
  'no-unsanitized/property': ['CWE-79'],
};

function sourceFiles(dir) {
  const out = [];
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else if (EXT.test(e)) out.push(p);
  }
  return out.sort();
}

// 1. Strip labels into a temporary copy.
const work = mkdtempSync(join(tmpdir(), 'mso-eval-js-'));
const labels = []; // { file, line, kind, cwes }
let totalLines = 0;
for (const abs of sourceFiles(corpus)) {
  const rel = relative(corpus, abs).split('\\').join('/');
  const lines = readFileSync(abs, 'utf8').split('\n');
  totalLines += lines.length;
  const clean = lines.map((text, i) => {
    const m = /\s*\/\/@(vuln|safe)\b\s*([A-Z0-9|-]*)\s*$/.exec(text);
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
  const res = spawnSync(process.execPath, [join(root, 'dist/cli/main.js'), 'scan', '--all', '.', '--scanner', 'js', '--format', 'sarif', '--no-baseline'], {
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

function runEslint() {
  const bin = join(root, 'node_modules/eslint/bin/eslint.js');
  if (!existsSync(bin)) return undefined;
  const config = join(work, 'eslint.config.mjs');
  const nm = (p) => JSON.stringify(join(root, 'node_modules', p));
  writeFileSync(
    config,
    `import security from ${nm('eslint-plugin-security/index.js')};
import nounsanitized from ${nm('eslint-plugin-no-unsanitized/index.js')};
import tsParser from ${nm('@typescript-eslint/parser/dist/index.js')};
export default [
  { files: ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'],
    languageOptions: { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: true } }, sourceType: 'module' },
    plugins: { security, 'no-unsanitized': nounsanitized },
    rules: { ...security.configs.recommended.rules, 'no-unsanitized/method': 'error', 'no-unsanitized/property': 'error' } },
];
`,
  );
  const res = spawnSync(process.execPath, [bin, '--no-inline-config', '--format', 'json', '-c', config, '.'], { cwd: work, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (!res.stdout) throw new Error(`eslint failed (${res.status}): ${res.stderr}`);
  const out = [];
  for (const f of JSON.parse(res.stdout)) {
    for (const m of f.messages) {
      if (!m.ruleId) continue; // parse errors
      out.push({ file: relative(work, f.filePath).split('\\').join('/'), line: m.line, cwes: ESLINT_CWE[m.ruleId] ?? [], rule: m.ruleId });
    }
  }
  return out;
}

// 3. Score.
const score = (name, preds) => scoreLabels(labels, name, preds, verbose);

const mso = runMso();
const rows = [score('mso', mso.preds)];
const eslint = runEslint();
if (eslint) rows.push(score('eslint-security', eslint));
const files = sourceFiles(corpus).length;
const vulnCount = labels.filter((l) => l.kind === 'vuln').length;
const safeCount = labels.filter((l) => l.kind === 'safe').length;
if (asJson) console.log(JSON.stringify({ files, lines: totalLines, vulnerable: vulnCount, safe: safeCount, rows }));
else {
  console.log(`corpus: ${files} files, ${totalLines} lines, ${vulnCount} vulnerable lines, ${safeCount} labelled safe look-alikes`);
  console.log(`mso scan time: ${mso.ms.toFixed(0)} ms (process start included), ${mso.skipped} skipped`);
  console.log('tool               findings  lines  line-recall  cwe-recall  precision  safe-flagged');
  for (const r of rows) {
    console.log(
      `${r.tool.padEnd(18)} ${String(r.findings).padStart(8)} ${String(r.flaggedLines).padStart(6)} ${r.lineRecall.toFixed(3).padStart(12)} ${r.cweRecall.toFixed(3).padStart(11)} ${r.precision.toFixed(3).padStart(10)} ${String(r.safeFlagged).padStart(13)}`,
    );
  }
  if (!eslint) console.log('(eslint not installed: npm install to compare)');
}
rmSync(work, { recursive: true, force: true });

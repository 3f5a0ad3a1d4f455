import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/git-repo.js';
import { buildCorpus } from './encoded-corpus.js';

/**
 * Recall and precision on escaped, encoded and re-encoded tokens of every
 * provider in many contexts, measured from outside with the built CLI
 * (`mso scan --all`), line by line like scripts/eval-secrets.mjs.
 */
interface Reported {
  file: string;
  line: number;
  endLine: number;
  ruleId: string;
  decoded?: string;
  preview: string;
}

describe('encoded and escaped secrets: labelled corpus', () => {
  test('recall and precision are at least 0.99; no decoded value is printed', () => {
    const dir = tempDir();
    const cases = buildCorpus();
    for (const c of cases) {
      mkdirSync(dirname(join(dir, c.path)), { recursive: true });
      writeFileSync(join(dir, c.path), c.text);
    }
    // MSO_KEEP_CORPUS=1: say where the corpus is, with its labels beside it, to measure another build on it.
    if (process.env.MSO_KEEP_CORPUS) {
      writeFileSync(`${dir}.labels.json`, JSON.stringify(cases.map((c) => ({ path: c.path, line: c.line }))));
      console.log(`corpus in ${dir} (labels in ${dir}.labels.json)`);
    }
    const res = runCli(['scan', '--all', '.', '--format', 'json', '--no-default-excludes'], { cwd: dir, timeout: 120_000 });
    expect(res.stderr).toBe('');
    const report = JSON.parse(res.stdout) as { findings: Reported[] };
    const byFile = new Map<string, Reported[]>();
    for (const f of report.findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
    let tp = 0;
    let fn = 0;
    let fp = 0;
    const misses: string[] = [];
    const falseAlarms: string[] = [];
    for (const c of cases) {
      const found = byFile.get(c.path) ?? [];
      if (c.line !== undefined) {
        const hit = found.some((f) => f.line <= c.line! && c.line! <= f.endLine);
        if (hit) tp++;
        else {
          fn++;
          misses.push(c.label);
        }
        const extra = found.filter((f) => !(f.line <= c.line! && c.line! <= f.endLine));
        fp += extra.length;
        for (const f of extra) falseAlarms.push(`${c.label}: ${f.ruleId} line ${f.line}`);
      } else {
        fp += found.length;
        for (const f of found) falseAlarms.push(`${c.label}: ${f.ruleId}${f.decoded ? ` (decoded: ${f.decoded})` : ''}`);
      }
    }
    const recall = tp / (tp + fn);
    const precision = tp / (tp + fp);
    // Shown in the test output so the numbers in docs/secrets-accuracy.md can be checked.
    console.log(`encoded corpus: ${cases.length} files, recall ${recall.toFixed(3)} (${tp}/${tp + fn}), precision ${precision.toFixed(3)} (${fp} false)\n` + [...falseAlarms.map((x) => `false: ${x}`), ...misses.map((x) => `miss: ${x}`)].slice(0, 40).join('\n'));
    expect(recall).toBeGreaterThanOrEqual(0.99);
    expect(precision).toBeGreaterThanOrEqual(0.99);
    // the decoded finding carries its encoding, and its preview is redacted like any other
    const decoded = report.findings.filter((f) => f.decoded);
    expect(decoded.length).toBeGreaterThan(100);
    for (const f of decoded) expect(f.preview).toMatch(/^.{0,6}…\(\d+ chars\)$/);
  });
});

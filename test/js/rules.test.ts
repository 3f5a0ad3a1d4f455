import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/git-repo.js';
import { CASES } from './rule-cases.js';

interface JsonFinding {
  ruleId: string;
  file: string;
  line: number;
  cwe: string[];
  tags: string[];
}

/** Every case goes into its own folder; one scan of them all keeps the suite fast. */
describe('js rules: vulnerable and safe examples', () => {
  let findings: JsonFinding[] = [];
  let skipped: Array<{ path: string }> = [];
  const files = new Map<string, string>();

  beforeAll(() => {
    const dir = tempDir();
    CASES.forEach((c, i) => {
      const rel = `case${String(i).padStart(3, '0')}/${c.file ?? 'mod.js'}`;
      mkdirSync(join(dir, rel, '..'), { recursive: true });
      writeFileSync(join(dir, rel), c.code);
      files.set(c.name, rel);
    });
    const res = runCli(['scan', '--all', '.', '--scanner', 'js', '--format', 'json', '--jobs', '1'], { cwd: dir });
    expect([0, 1]).toContain(res.code);
    const report = JSON.parse(res.stdout);
    findings = report.findings;
    skipped = report.skipped;
  });

  test('every example parses', () => {
    expect(skipped).toEqual([]);
  });

  test.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const rel = files.get(c.name)!;
    const mine = findings.filter((f) => f.file === rel && f.ruleId === c.rule);
    if (!c.vulnerable) {
      expect(mine).toEqual([]);
      return;
    }
    const marked = c.code
      .split('\n')
      .map((l, i) => (l.trimEnd().endsWith('//!') ? i + 1 : 0))
      .filter(Boolean);
    expect(marked.length).toBeGreaterThan(0);
    expect(mine.map((f) => f.line).sort((a, b) => a - b)).toEqual(marked);
    for (const f of mine) {
      expect(f.cwe.length).toBeGreaterThan(0);
      for (const cwe of f.cwe) expect(f.tags).toContain(cwe);
      expect(f.tags).toContain('js');
    }
  });
});

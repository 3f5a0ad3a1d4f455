import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { TempRepo, tempDir } from '../helpers/git-repo.js';
import { alnum, tokens } from '../helpers/tokens.js';

/** A user rule folder with one rule per severity, so --fail-on can be tested at every level. */
function severityRules(): string {
  const dir = tempDir();
  const rules = ['low', 'medium', 'high'].map(
    (sev) => `  - id: test-${sev}
    description: Test ${sev} marker
    severity: ${sev}
    tags: [CWE-798, test]
    keywords: [${sev.toUpperCase()}MARK_]
    regex: '(?<secret>${sev.toUpperCase()}MARK_[A-Za-z0-9]{16})'
`,
  );
  writeFileSync(join(dir, 'severity.yaml'), `scanner: secrets\nrules:\n${rules.join('')}`);
  return dir;
}

describe('exit codes: 0 clean, 1 findings at or above --fail-on, 2 errors', () => {
  let dir: string;
  let rules: string;
  beforeAll(() => {
    rules = severityRules();
  });
  beforeEach(() => {
    dir = tempDir();
  });

  const scan = (args: string[], opts: { input?: string } = {}) => runCli(['scan', '--rules', rules, ...args], { cwd: dir, ...opts });

  test('0 when nothing is found', () => {
    writeFileSync(join(dir, 'a.txt'), 'hello\n');
    const r = scan(['--all', '.']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('no findings');
  });

  test('1 on any finding by default; --fail-on raises the bar', () => {
    writeFileSync(join(dir, 'a.txt'), `x = MEDIUMMARK_${alnum(16)}\n`);
    expect(scan(['--all', '.']).code).toBe(1);
    expect(scan(['--all', '.', '--fail-on', 'low']).code).toBe(1);
    expect(scan(['--all', '.', '--fail-on', 'medium']).code).toBe(1);
    const high = scan(['--all', '.', '--fail-on', 'high', '--format', 'json']);
    expect(high.code).toBe(0);
    // below the bar it is still reported, it just does not fail
    expect(JSON.parse(high.stdout).findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['test-medium']);
    expect(scan(['--all', '.', '--fail-on', 'critical']).code).toBe(0);
  });

  test('--fail-on picks the highest severity present', () => {
    writeFileSync(join(dir, 'a.txt'), `LOWMARK_${alnum(16)}\nHIGHMARK_${alnum(16)}\n`);
    expect(scan(['--all', '.', '--fail-on', 'high']).code).toBe(1);
    writeFileSync(join(dir, 'b.txt'), `gh = "${tokens.github()}"\n`); // critical
    expect(scan(['--all', '.', '--fail-on', 'critical']).code).toBe(1);
  });

  test('the configured scan.failOn applies; the flag overrides it', () => {
    mkdirSync(join(dir, '.mso'));
    writeFileSync(join(dir, '.mso', 'workspace.json'), JSON.stringify({ scan: { failOn: 'high' } }));
    writeFileSync(join(dir, 'a.txt'), `MEDIUMMARK_${alnum(16)}\n`);
    expect(scan(['--all', 'a.txt']).code).toBe(0);
    expect(scan(['--all', 'a.txt', '--fail-on', 'low']).code).toBe(1);
  });

  test.each([
    [['--bogus-flag']],
    [['--format', 'xml']],
    [['--fail-on', 'severe']],
    [['--jobs', 'many', '--all', '.']],
    [['--jobs', '0', '--all', '.']],
    [['--staged', '--all']],
    [['--stdin', '--range', 'a..b']],
    [['--max-file-size', 'huge', '--all', '.']],
    [['--scanner', 'nope', '--all', '.']],
    [['--baseline', 'missing.json', '--all', '.']],
    [['--all', 'does-not-exist']],
    [['--range', 'a..b']], // outside git
    [[]], // staged outside git
  ])('usage and input errors are exit 2, never 1: %j', (args) => {
    writeFileSync(join(dir, 'a.txt'), `HIGHMARK_${alnum(16)}\n`); // findings would be exit 1: errors must win
    const r = scan(args);
    expect(r.code).toBe(2);
    expect(r.stderr.length).toBeGreaterThan(0);
  });

  test('an invalid workspace configuration is exit 2 with the reason', () => {
    mkdirSync(join(dir, '.mso'));
    writeFileSync(join(dir, '.mso', 'workspace.json'), JSON.stringify({ scan: { failOn: 'sometimes' } }));
    writeFileSync(join(dir, 'a.txt'), 'x\n');
    const r = scan(['--all', 'a.txt']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/workspace\.json[\s\S]*failOn/);
  });

  test('a named path that cannot be read (dangling symlink) is exit 2, not a pass', () => {
    symlinkSync(join(dir, 'gone.txt'), join(dir, 'link.txt'));
    const r = scan(['--all', 'link.txt']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('link.txt');
  });

  test('--help and --version are exit 0', () => {
    expect(runCli(['scan', '--help'], { cwd: dir }).code).toBe(0);
    expect(runCli(['--version'], { cwd: dir }).code).toBe(0);
  });

  test('inside git: staged findings exit 1, a clean stage exit 0', () => {
    const repo = new TempRepo();
    try {
      repo.write('a.txt', 'a\n');
      repo.git('add', 'a.txt');
      expect(runCli(['scan'], { cwd: repo.dir }).code).toBe(0);
      repo.write('b.txt', `k = "${tokens.github()}"\n`);
      repo.git('add', 'b.txt');
      expect(runCli(['scan'], { cwd: repo.dir }).code).toBe(1);
      expect(runCli(['scan', '--staged'], { cwd: repo.dir }).code).toBe(1);
    } finally {
      repo.cleanup();
    }
  });
});

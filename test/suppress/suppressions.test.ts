import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { TempRepo, tempDir } from '../helpers/git-repo.js';
import { tokens } from '../helpers/tokens.js';

type Report = { findings: Array<{ file: string; line: number; ruleId: string; fingerprint: string }>; stats: { suppressed: number; baselined: number } };
const json = (stdout: string) => JSON.parse(stdout) as Report;

describe('inline mso:allow', () => {
  test('silences its own line only, with or without a reason, in any comment style; the report counts it', () => {
    const dir = tempDir();
    const t = () => tokens.github();
    writeFileSync(
      join(dir, 'app.js'),
      [
        `const a = "${t()}"; // mso:allow`,
        `const b = "${t()}"; // mso:allow test fixture, revoked`,
        `const c = "${t()}"; /* mso:allow documented example */`,
        `// mso:allow (on the line above does not count)`,
        `const d = "${t()}";`,
      ].join('\n') + '\n',
    );
    writeFileSync(join(dir, 'cfg.py'), `KEY = "${t()}"  # mso:allow rotated 2024-01\n`);
    const res = runCli(['scan', '--all', '.', '--format', 'json'], { cwd: dir });
    expect(res.code).toBe(1);
    const r = json(res.stdout);
    expect(r.findings.map((f) => `${f.file}:${f.line}`)).toEqual(['app.js:5']);
    expect(r.stats.suppressed).toBe(4);

    const text = runCli(['scan', '--all', '.'], { cwd: dir });
    expect(text.stdout).toContain('4 suppressed inline');
  });

  test('a fully suppressed scan passes (exit 0) and still says what it suppressed', () => {
    const dir = tempDir();
    const token = tokens.npm();
    // The same line without the marker is a finding (exit 1).
    writeFileSync(join(dir, 'a.env'), `T=${token}\n`);
    expect(runCli(['scan', '--all', '.'], { cwd: dir }).code).toBe(1);
    writeFileSync(join(dir, 'a.env'), `T=${token} # mso:allow\n`);
    const res = runCli(['scan', '--all', '.'], { cwd: dir });
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('1 suppressed inline');
  });

  test('works in staged scans too', () => {
    const repo = new TempRepo();
    try {
      const token = tokens.github();
      repo.write('a.py', `X = "${token}"\n`);
      repo.git('add', 'a.py');
      expect(runCli(['scan'], { cwd: repo.dir }).code).toBe(1); // without the marker
      repo.write('a.py', `X = "${token}"  # mso:allow fixture\n`);
      repo.git('add', 'a.py');
      const res = runCli(['scan', '--format', 'json'], { cwd: repo.dir });
      expect(res.code).toBe(0);
      expect(json(res.stdout).stats.suppressed).toBe(1);
    } finally {
      repo.cleanup();
    }
  });
});

describe('baseline', () => {
  let repo: TempRepo;
  let old1: string;
  let old2: string;
  beforeEach(() => {
    repo = new TempRepo();
    old1 = tokens.github();
    old2 = tokens.slackBot();
    repo.write('legacy/config.py', `A = "${old1}"\nB = "${old2}"\n`);
    repo.commitAll('legacy secrets');
  });
  afterEach(() => repo.cleanup());

  test('--write-baseline records fingerprints (never values); later scans report only new findings', () => {
    const w = runCli(['scan', '--all', '--write-baseline', '.mso/baseline.json'], { cwd: repo.dir });
    expect(w.code).toBe(0);
    expect(w.stderr).toContain('2 finding(s)');
    const path = join(repo.dir, '.mso', 'baseline.json');
    const raw = readFileSync(path, 'utf8');
    expect(raw).not.toContain(old1);
    expect(raw).not.toContain(old2);
    const doc = JSON.parse(raw);
    expect(doc.version).toBe(1);
    expect(doc.findings).toHaveLength(2);
    for (const f of doc.findings) {
      expect(Object.keys(f).sort()).toEqual(['file', 'fingerprint', 'line', 'ruleId']);
      expect(f.fingerprint).toMatch(/^[0-9a-f]{32}$/);
      expect(f.file).toBe('legacy/config.py');
    }

    // the default baseline is picked up without a flag
    const again = runCli(['scan', '--all', '--format', 'json'], { cwd: repo.dir });
    expect(again.code).toBe(0);
    expect(json(again.stdout).stats.baselined).toBe(2);
    expect(runCli(['scan', '--all'], { cwd: repo.dir }).stdout).toContain('2 in baseline');

    // a new secret is reported; the old ones still are not, even after they move lines
    const fresh = tokens.npm();
    repo.write('legacy/config.py', `# moved down\nB = "${old2}"\nA = "${old1}"\nC = "${fresh}"\n`);
    const next = runCli(['scan', '--all', '--format', 'json'], { cwd: repo.dir });
    expect(next.code).toBe(1);
    const r = json(next.stdout);
    expect(r.findings.map((f) => `${f.ruleId}@${f.line}`)).toEqual(['npm-token@4']);
    expect(r.stats.baselined).toBe(2);

    // --no-baseline reports everything
    expect(json(runCli(['scan', '--all', '--no-baseline', '--format', 'json'], { cwd: repo.dir }).stdout).findings).toHaveLength(3);
  });

  test('the same secret in another file is new (fingerprints include the path)', () => {
    runCli(['scan', '--all', '--write-baseline', '.mso/baseline.json'], { cwd: repo.dir });
    repo.write('other.py', `A = "${old1}"\n`);
    const res = runCli(['scan', '--all', '--format', 'json'], { cwd: repo.dir });
    expect(res.code).toBe(1);
    expect(json(res.stdout).findings.map((f) => f.file)).toEqual(['other.py']);
  });

  test('--baseline FILE uses that file; a named baseline that is missing or malformed is exit 2', () => {
    const elsewhere = join(tempDir(), 'accepted.json');
    expect(runCli(['scan', '--all', '--write-baseline', elsewhere], { cwd: repo.dir }).code).toBe(0);
    expect(existsSync(join(repo.dir, '.mso', 'baseline.json'))).toBe(false);
    expect(runCli(['scan', '--all'], { cwd: repo.dir }).code).toBe(1); // no default baseline
    expect(runCli(['scan', '--all', '--baseline', elsewhere], { cwd: repo.dir }).code).toBe(0);
    expect(runCli(['scan', '--all', '--baseline', 'nope.json'], { cwd: repo.dir }).code).toBe(2);
    writeFileSync(elsewhere, '{"version": 1, "findings": [{"fingerprint": "not-hex"}]}');
    const bad = runCli(['scan', '--all', '--baseline', elsewhere], { cwd: repo.dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('baseline');
  });

  test('a baseline path configured in .mso/workspace.json is used', () => {
    mkdirSync(join(repo.dir, '.mso'));
    writeFileSync(join(repo.dir, '.mso', 'workspace.json'), JSON.stringify({ scan: { baseline: 'security/accepted.json' } }));
    expect(runCli(['scan', '--all'], { cwd: repo.dir }).code).toBe(1); // before the baseline exists
    expect(runCli(['scan', '--all', '--write-baseline', 'security/accepted.json'], { cwd: repo.dir }).code).toBe(0);
    expect(existsSync(join(repo.dir, 'security', 'accepted.json'))).toBe(true);
    expect(runCli(['scan', '--all'], { cwd: repo.dir }).code).toBe(0);
    expect(runCli(['scan', '--all', '--no-baseline'], { cwd: repo.dir }).code).toBe(1);
  });

  test('staged and range scans honour the baseline', () => {
    runCli(['scan', '--all', '--write-baseline', '.mso/baseline.json'], { cwd: repo.dir });
    repo.write('legacy/config.py', `A = "${old1}"\nB = "${old2}"\nA2 = "${old1}"\n`);
    repo.git('add', 'legacy/config.py');
    // Without the baseline, the staged scan finds the added line (a baselined value, same file).
    const staged = runCli(['scan', '--no-baseline', '--format', 'json'], { cwd: repo.dir });
    expect(staged.code).toBe(1);
    expect(json(staged.stdout).findings.map((f) => `${f.file}:${f.line}`)).toEqual(['legacy/config.py:3']);
    const withBaseline = runCli(['scan', '--format', 'json'], { cwd: repo.dir });
    expect(withBaseline.code).toBe(0);
    expect(json(withBaseline.stdout).stats.baselined).toBe(1);
    repo.git('commit', '-q', '--no-verify', '-m', 'dup');
    expect(runCli(['scan', '--range', 'HEAD~1..HEAD', '--no-baseline'], { cwd: repo.dir }).code).toBe(1);
    expect(runCli(['scan', '--range', 'HEAD~1..HEAD'], { cwd: repo.dir }).code).toBe(0);
  });
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { TempRepo, tempDir } from '../helpers/git-repo.js';
import { tokens } from '../helpers/tokens.js';

describe('mso scan modes', () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = new TempRepo();
  });
  afterEach(() => repo.cleanup());

  test('staged: scans the index, not the working tree, and reports staged line numbers', () => {
    const token = tokens.github();
    repo.write('app.py', 'a = 1\n');
    repo.commitAll('init');
    repo.write('app.py', `a = 1\nb = 2\nTOKEN = "${token}"\n`);
    repo.git('add', 'app.py');
    repo.write('app.py', 'a = 1\n'); // working tree no longer has it: the index does
    const res = runCli(['scan', '--format', 'json'], { cwd: repo.dir });
    expect(res.code).toBe(1);
    const report = JSON.parse(res.stdout);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({ ruleId: 'github-token', file: 'app.py', line: 3 });
    expect(res.stdout).not.toContain(token);
  });

  test('staged: a secret only in the working tree does not block', () => {
    repo.write('app.py', 'a = 1\n');
    repo.git('add', 'app.py');
    repo.write('app.py', `TOKEN = "${tokens.github()}"\n`);
    const res = runCli(['scan'], { cwd: repo.dir });
    expect(res.code).toBe(0);
  });

  test('staged: only added lines are reported in a modified file', () => {
    const old = tokens.github();
    repo.write('cfg.py', `OLD = "${old}"  # committed before mso\n`);
    repo.commitAll('init');
    // The same file, modified: a clean line and a new secret added below the old one.
    const added = tokens.npm();
    repo.write('cfg.py', `OLD = "${old}"  # committed before mso\nx = 1\nNEW = "${added}"\n`);
    repo.git('add', 'cfg.py');
    const res = runCli(['scan', '--format', 'json'], { cwd: repo.dir });
    expect(res.code).toBe(1);
    const found = JSON.parse(res.stdout).findings as Array<{ ruleId: string; file: string; line: number }>;
    expect(found.map((f) => `${f.file}:${f.line}:${f.ruleId}`)).toEqual(['cfg.py:3:npm-token']);
    // The old secret is still in the file (a whole-file scan finds both): only the diff was judged.
    const whole = JSON.parse(runCli(['scan', '--all', 'cfg.py', '--format', 'json'], { cwd: repo.dir }).stdout).findings as Array<{ line: number }>;
    expect(whole.map((f) => f.line).sort()).toEqual([1, 3]);
    // With only a clean line added, the staged scan passes, having scanned the file.
    repo.write('cfg.py', `OLD = "${old}"  # committed before mso\nx = 1\n`);
    repo.git('add', 'cfg.py');
    const clean = runCli(['scan', '--format', 'json'], { cwd: repo.dir });
    expect(clean.code).toBe(0);
    expect(JSON.parse(clean.stdout).stats.files).toBe(1);
  });

  test('range: a secret added then removed is still found in history', () => {
    repo.write('a.txt', 'start\n');
    repo.commitAll('init');
    const base = repo.git('rev-parse', 'HEAD').trim();
    repo.write('a.txt', `start\nkey=${tokens.npm()}\n`);
    repo.commitAll('add');
    repo.write('a.txt', 'start\n');
    repo.commitAll('remove');
    const res = runCli(['scan', '--range', `${base}..HEAD`, '--format', 'json'], { cwd: repo.dir });
    expect(res.code).toBe(1);
    const f = JSON.parse(res.stdout).findings;
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ ruleId: 'npm-token', line: 2 });
    expect(f[0].commit).toMatch(/^[0-9a-f]{40}$/);
  });

  test('range: an unknown revision is an error (exit 2)', () => {
    repo.write('a.txt', 'x\n');
    repo.commitAll('init');
    const res = runCli(['scan', '--range', 'nope..HEAD'], { cwd: repo.dir });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/git log/);
  });

  test('all: whole files outside git, odd names, binary skipped and counted', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'we ird\nname ü.env'), `API_TOKEN=${tokens.slackBot()}\n`);
    writeFileSync(join(dir, 'bin.dat'), Buffer.from([0, 1, 2, 3, 0, 0x41]));
    writeFileSync(join(dir, 'crlf.txt'), `a\r\nkey = "${tokens.stripe()}"\r\n`);
    writeFileSync(join(dir, 'bad-utf8.txt'), Buffer.concat([Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(`\n${tokens.gcpApiKey()}\n`)]));
    writeFileSync(join(dir, 'empty.txt'), '');
    const res = runCli(['scan', '--all', '.', '--format', 'json'], { cwd: dir });
    expect(res.code).toBe(1);
    const report = JSON.parse(res.stdout);
    const byFile = Object.fromEntries(report.findings.map((f: { file: string; line: number }) => [f.file, f.line]));
    expect(byFile).toEqual({ 'we ird\nname ü.env': 1, 'crlf.txt': 2, 'bad-utf8.txt': 2 });
    expect(report.skipped).toEqual([{ path: 'bin.dat', reason: 'binary' }]);
  });

  test('all: a path that does not exist is an error, not a pass', () => {
    const res = runCli(['scan', '--all', 'no-such-dir'], { cwd: tempDir() });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('no-such-dir');
  });

  test('stdin: scanned with the given name', () => {
    const res = runCli(['scan', '--stdin', '--stdin-name', 'cfg/.env', '--format', 'json'], { cwd: tempDir(), input: `X=${tokens.anthropic()}\n` });
    expect(res.code).toBe(1);
    expect(JSON.parse(res.stdout).findings[0]).toMatchObject({ file: 'cfg/.env', ruleId: 'anthropic-api-key' });
  });

  test('no arguments outside a git repository is an error', () => {
    const res = runCli(['scan'], { cwd: tempDir() });
    expect(res.code).toBe(2);
  });
});

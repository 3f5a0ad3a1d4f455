import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { TempRepo, tempDir } from '../helpers/git-repo.js';
import { tokens } from '../helpers/tokens.js';

type Report = {
  findings: Array<{ file: string; line: number; ruleId: string; column: number }>;
  skipped: Array<{ path: string; reason: string }>;
  stats: { files: number; bytes: number; skipped: number };
};
const json = (s: string) => JSON.parse(s) as Report;
const at = (r: Report) => r.findings.map((f) => `${f.file}:${f.line}`).sort();

describe('staged scans fail closed', () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = new TempRepo();
  });
  afterEach(() => repo.cleanup());

  test('a staged file whose content cannot be read from git is exit 2, not a pass', () => {
    repo.write('base.txt', 'base\n');
    repo.commitAll('init');
    repo.write('new.txt', `k = "${tokens.github()}"\n`);
    repo.git('add', 'new.txt');
    const oid = repo.git('rev-parse', ':new.txt').trim();
    rmSync(join(repo.dir, '.git', 'objects', oid.slice(0, 2), oid.slice(2)));
    const res = runCli(['scan'], { cwd: repo.dir });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/git|missing/);
  });

  test('git failing (corrupt index) is exit 2', () => {
    repo.write('a.txt', 'a\n');
    repo.git('add', 'a.txt');
    writeFileSync(join(repo.dir, '.git', 'index'), 'not an index');
    const res = runCli(['scan'], { cwd: repo.dir });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('git');
    expect(runCli(['scan', '--all'], { cwd: repo.dir }).code).toBe(2);
  });

  test('git missing from PATH is exit 2 for staged and range scans', () => {
    repo.write('a.txt', 'a\n');
    repo.git('add', 'a.txt');
    const env = { PATH: tempDir() };
    expect(runCli(['scan'], { cwd: repo.dir, env }).code).toBe(2);
    expect(runCli(['scan', '--range', 'HEAD~1..HEAD'], { cwd: repo.dir, env }).code).toBe(2);
  });

  test('an initial commit (no HEAD yet) is scanned', () => {
    repo.write('first.env', `T=${tokens.npm()}\n`);
    repo.git('add', 'first.env');
    const res = runCli(['scan', '--format', 'json'], { cwd: repo.dir });
    expect(res.code).toBe(1);
    expect(at(json(res.stdout))).toEqual(['first.env:1']);
  });

  test('a mode-only change and a deletion are not errors and not findings', () => {
    repo.write('run.sh', `echo hi\n`);
    repo.write('old.txt', `x\n`);
    repo.commitAll('init');
    repo.git('update-index', '--chmod=+x', 'run.sh');
    repo.git('rm', '-q', 'old.txt');
    const res = runCli(['scan', '--format', 'json'], { cwd: repo.dir });
    expect(res.code).toBe(0);
    expect(json(res.stdout).stats.files).toBe(1);
  });

  test('names with spaces, unicode and newlines; CRLF; binary and oversized files are skipped and counted', () => {
    repo.write('seed.txt', 'seed\n');
    repo.commitAll('init');
    repo.write('dir with space/ünïcødé name.py', `K = "${tokens.github()}"\n`);
    repo.write('line\nbreak.txt', `x\ny = "${tokens.slackBot()}"\n`);
    repo.write('windows.ini', `[s]\r\nkey = ${tokens.npm()}\r\n`);
    repo.write('image.png', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]), Buffer.from(tokens.github())]));
    repo.write('huge.txt', 'a'.repeat(300 * 1024) + `\n${tokens.github()}\n`);
    repo.write('empty.txt', '');
    repo.git('add', '-A');
    const res = runCli(['scan', '--format', 'json', '--max-file-size', '256KB'], { cwd: repo.dir });
    expect(res.code).toBe(1);
    const r = json(res.stdout);
    expect(at(r)).toEqual(['dir with space/ünïcødé name.py:1', 'line\nbreak.txt:2', 'windows.ini:2']);
    expect(r.skipped.map((s) => `${s.path}:${s.reason}`).sort()).toEqual(['huge.txt:too-large', 'image.png:binary']);
    expect(r.stats.skipped).toBe(2);
    expect(r.stats.files).toBe(4); // three with findings and the empty one
    // the text report says what was skipped
    const text = runCli(['scan', '--max-file-size', '256KB'], { cwd: repo.dir }).stdout;
    expect(text).toMatch(/skipped: .*1 binary/);
    expect(text).toContain('huge.txt');
  });
});

describe('--all: odd content and the size limit', () => {
  test('very long lines, invalid UTF-8, CRLF, empty files; oversized files skipped and counted', () => {
    const dir = tempDir();
    const long = 'x'.repeat(2 * 1024 * 1024);
    writeFileSync(join(dir, 'minified.js'), `${long};var k="${tokens.github()}";${long}\n`);
    writeFileSync(join(dir, 'latin1.txt'), Buffer.concat([Buffer.from('caf\xe9 = 1\n', 'latin1'), Buffer.from(`t = "${tokens.npm()}"\n`)]));
    writeFileSync(join(dir, 'crlf.env'), `A=1\r\nB=${tokens.slackBot()}\r\n`);
    writeFileSync(join(dir, 'empty'), '');
    writeFileSync(join(dir, '..env'), `K=${tokens.npm()}\n`); // a dot-dot name inside the root, not outside it
    writeFileSync(join(dir, 'bom.ps1'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`$a = 1\r\n$t = "${tokens.github()}"\r\n`, 'utf16le')]));
    writeFileSync(join(dir, 'utf8bom.txt'), `\ufeffk=${tokens.npm()}\n`);
    writeFileSync(join(dir, 'large.log'), 'y'.repeat(6 * 1024 * 1024));
    const res = runCli(['scan', '--all', '.', '--format', 'json', '--max-file-size', '5MB'], { cwd: dir });
    expect(res.code).toBe(1);
    const r = json(res.stdout);
    expect(at(r)).toEqual(['..env:1', 'bom.ps1:2', 'crlf.env:2', 'latin1.txt:2', 'minified.js:1', 'utf8bom.txt:1']);
    expect(r.findings.find((f) => f.file === 'utf8bom.txt')).toMatchObject({ column: 3 }); // the BOM is not a column
    // Size skips only. Whether the js scanner also reports minified.js as generated (not analysed in
    // a survey) depends on the random token in it: ~4% of them hold a credential word (`pw`, `key`)
    // that opens its gate. test/scan/generated-code covers that skip.
    const sizeSkips = (list: Report['skipped']) => list.filter((s) => s.reason !== 'generated');
    expect(sizeSkips(r.skipped)).toEqual([expect.objectContaining({ path: 'large.log', reason: 'too-large' })]);
    expect(r.stats.files).toBe(7);
    // the limit is configurable: raise it and the file is scanned
    const big = runCli(['scan', '--all', '.', '--format', 'json', '--max-file-size', '10MB'], { cwd: dir });
    expect(sizeSkips(json(big.stdout).skipped)).toEqual([]);
    mkdirSync(join(dir, '.mso'));
    writeFileSync(join(dir, '.mso', 'workspace.json'), JSON.stringify({ scan: { maxFileSize: '1KB' } }));
    const small = json(runCli(['scan', '--all', '.', '--format', 'json'], { cwd: dir }).stdout);
    expect(sizeSkips(small.skipped).map((s) => s.path).sort()).toEqual(['large.log', 'minified.js']);
  });
});

describe('default excludes', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir();
    for (const p of ['node_modules/pkg/index.js', 'src/vendor/lib.js', 'app/.venv/lib/site.py', 'src/main.js']) {
      mkdirSync(join(dir, p, '..'), { recursive: true });
      writeFileSync(join(dir, p), `const t = "${tokens.github()}";\n`);
    }
  });

  test('dependency and vendored folders are skipped in folder walks', () => {
    const r = json(runCli(['scan', '--all', '.', '--format', 'json'], { cwd: dir }).stdout);
    expect(at(r)).toEqual(['src/main.js:1']);
  });

  test('named explicitly, an excluded folder is scanned', () => {
    const r = json(runCli(['scan', '--all', 'node_modules', '--format', 'json'], { cwd: dir }).stdout);
    expect(at(r)).toEqual(['node_modules/pkg/index.js:1']);
  });

  test('--no-default-excludes and scan.defaultExcludes=false scan everything; --exclude and scan.exclude add globs', () => {
    expect(at(json(runCli(['scan', '--all', '.', '--no-default-excludes', '--format', 'json'], { cwd: dir }).stdout))).toHaveLength(4);
    expect(at(json(runCli(['scan', '--all', '.', '--exclude', 'src/**', '--format', 'json'], { cwd: dir }).stdout))).toEqual([]);
    mkdirSync(join(dir, '.mso'));
    writeFileSync(join(dir, '.mso', 'workspace.json'), JSON.stringify({ scan: { defaultExcludes: false, exclude: ['**/.venv/**'] } }));
    expect(at(json(runCli(['scan', '--all', '.', '--format', 'json'], { cwd: dir }).stdout))).toEqual([
      'node_modules/pkg/index.js:1',
      'src/main.js:1',
      'src/vendor/lib.js:1',
    ]);
  });

  test('in a git repository, --all without paths scans tracked and untracked files, not ignored ones', () => {
    const repo = new TempRepo();
    try {
      repo.write('.gitignore', 'build/\n');
      repo.write('tracked.js', `a = "${tokens.github()}"\n`);
      repo.commitAll('init');
      repo.write('untracked.js', `b = "${tokens.github()}"\n`);
      repo.write('build/out.js', `c = "${tokens.github()}"\n`);
      repo.write('node_modules/x/y.js', `d = "${tokens.github()}"\n`);
      const r = json(runCli(['scan', '--all', '--format', 'json'], { cwd: repo.dir }).stdout);
      expect(at(r)).toEqual(['tracked.js:1', 'untracked.js:1']);
    } finally {
      repo.cleanup();
    }
  });
});

describe('--stdin limits', () => {
  test('input over the size limit is skipped and counted, not held in memory', () => {
    const input = `t = "${tokens.github()}"\n` + 'x'.repeat(8 * 1024);
    const res = runCli(['scan', '--stdin', '--max-file-size', '4KB', '--format', 'json'], { cwd: tempDir(), input });
    expect(res.code).toBe(0);
    expect(json(res.stdout).skipped).toEqual([expect.objectContaining({ path: '<stdin>', reason: 'too-large' })]);
    const small = runCli(['scan', '--stdin', '--max-file-size', '64KB', '--format', 'json'], { cwd: tempDir(), input });
    expect(small.code).toBe(1);
  });
});

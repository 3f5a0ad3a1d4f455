import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/git-repo.js';
import { tokens } from '../helpers/tokens.js';

/**
 * `-o` and `--write-baseline` name a path the user chose: a regular file or a
 * new path is replaced atomically, anything else is written through or
 * refused with exit 2, and never replaced by a regular file.
 */
describe('writing a report or baseline never destroys what the path is', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir();
    writeFileSync(join(dir, 'config.py'), `TOKEN = "${tokens.github()}"\n`);
  });
  const scan = (args: string[]) => runCli(['scan', '--all', 'config.py', '--format', 'json', ...args], { cwd: dir });
  const isReport = (text: string) => JSON.parse(text).findings.length === 1;

  test('a new path and a regular file get the report; an existing file keeps its mode', () => {
    expect(scan(['-o', 'new/report.json']).code).toBe(1);
    expect(isReport(readFileSync(join(dir, 'new', 'report.json'), 'utf8'))).toBe(true);
    writeFileSync(join(dir, 'old.json'), 'old contents that are longer than nothing\n');
    chmodSync(join(dir, 'old.json'), 0o640);
    expect(scan(['-o', 'old.json']).code).toBe(1);
    expect(isReport(readFileSync(join(dir, 'old.json'), 'utf8'))).toBe(true);
    expect(statSync(join(dir, 'old.json')).mode & 0o777).toBe(0o640);
    expect(spawnSync('ls', ['-a', dir], { encoding: 'utf8' }).stdout).not.toMatch(/\.tmp/);
  });

  test('/dev/null stays a character device, for the report and for the baseline', () => {
    const before = statSync('/dev/null');
    expect(before.isCharacterDevice()).toBe(true);
    const r = scan(['-o', '/dev/null']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('report written to /dev/null');
    expect(runCli(['scan', '--all', 'config.py', '--write-baseline', '/dev/null'], { cwd: dir }).code).toBe(0);
    const after = lstatSync('/dev/null');
    expect(after.isCharacterDevice()).toBe(true);
    expect(after.ino).toBe(before.ino);
    expect(after.rdev).toBe(before.rdev);
  });

  test('-o /dev/stdout writes the report to standard output', () => {
    const r = scan(['-o', '/dev/stdout']);
    expect(r.code).toBe(1);
    expect(isReport(r.stdout)).toBe(true);
  });

  test('-o /dev/stdout into a redirected file fills that file', () => {
    const out = join(dir, 'redirected.json');
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" scan --all config.py --format json -o /dev/stdout > "${out}"`], { cwd: dir, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(isReport(readFileSync(out, 'utf8'))).toBe(true);
  });

  test('a symlink to a regular file is refused with exit 2; neither the link nor its target changes', () => {
    // In a repository an agent can write, report.json -> ~/.ssh/authorized_keys must not be overwritten.
    writeFileSync(join(dir, 'precious.txt'), 'keep me\n');
    symlinkSync('precious.txt', join(dir, 'link.json'));
    const r = scan(['-o', 'link.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/link\.json is a symbolic link to a regular file .*refusing to write through it/);
    const b = runCli(['scan', '--all', 'config.py', '--write-baseline', 'link.json'], { cwd: dir });
    expect(b.code).toBe(2);
    expect(lstatSync(join(dir, 'link.json')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'link.json'))).toBe('precious.txt');
    expect(readFileSync(join(dir, 'precious.txt'), 'utf8')).toBe('keep me\n');
  });

  test('a path through a symlinked folder is refused with exit 2; nothing is written where it points', () => {
    // out -> a folder outside (think ~/.ssh): `-o out/authorized_keys` must not replace the file there.
    const outside = tempDir();
    writeFileSync(join(outside, 'authorized_keys'), 'keep me\n');
    symlinkSync(outside, join(dir, 'out'));
    mkdirSync(join(dir, 'real'));
    symlinkSync(join(dir, 'real'), join(dir, 'real', 'loop'));
    for (const target of ['out/authorized_keys', 'out/new.json', 'out/sub/new.json', 'real/loop/report.json', join(dir, 'out', 'abs.json')]) {
      const r = scan(['-o', target]);
      expect(`${target}: ${r.code}`).toBe(`${target}: 2`);
      expect(r.stderr).toMatch(/is a symbolic link to a folder; refusing to write through it/);
      const b = runCli(['scan', '--all', 'config.py', '--write-baseline', target], { cwd: dir });
      expect(`${target}: ${b.code}`).toBe(`${target}: 2`);
    }
    expect(readFileSync(join(outside, 'authorized_keys'), 'utf8')).toBe('keep me\n');
    expect(spawnSync('ls', ['-A', outside], { encoding: 'utf8' }).stdout).toBe('authorized_keys\n');
    expect(spawnSync('ls', ['-A', join(dir, 'real')], { encoding: 'utf8' }).stdout).toBe('loop\n');
    // The real folder itself is fine.
    expect(scan(['-o', join(outside, 'report.json')]).code).toBe(1);
    expect(isReport(readFileSync(join(outside, 'report.json'), 'utf8'))).toBe(true);
  });

  test('a symlink to /dev/null is written through, and the link stays', () => {
    symlinkSync('/dev/null', join(dir, 'null.json'));
    expect(scan(['-o', 'null.json']).code).toBe(1);
    expect(lstatSync(join(dir, 'null.json')).isSymbolicLink()).toBe(true);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  test('a dangling symlink, a folder and a symlink to a folder are refused with exit 2 and a reason', () => {
    symlinkSync('missing.json', join(dir, 'dangling.json'));
    let r = scan(['-o', 'dangling.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/symbolic link to a missing file/);
    expect(lstatSync(join(dir, 'dangling.json')).isSymbolicLink()).toBe(true);
    mkdirSync(join(dir, 'folder'));
    r = scan(['-o', 'folder']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is a folder/);
    symlinkSync('folder', join(dir, 'folder-link'));
    r = runCli(['scan', '--all', 'config.py', '--write-baseline', 'folder-link'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is a symbolic link to a folder/);
    expect(lstatSync(join(dir, 'folder-link')).isSymbolicLink()).toBe(true);
  });

  test('a FIFO with a reader (named through a symlink) gets the report and stays a FIFO', async () => {
    const fifo = join(dir, 'pipe');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const reader = spawn('cat', [fifo], { stdio: ['ignore', 'pipe', 'inherit'] });
    let got = '';
    reader.stdout.on('data', (d: Buffer) => (got += d.toString('utf8')));
    const done = new Promise<void>((res) => reader.on('close', () => res()));
    symlinkSync(fifo, join(dir, 'pipe-link'));
    const child = spawn(process.execPath, [CLI, 'scan', '--all', 'config.py', '--format', 'json', '-o', 'pipe-link'], { cwd: dir, stdio: 'ignore' });
    const code = await new Promise<number | null>((res) => child.on('close', res));
    await done;
    expect(code).toBe(1);
    expect(isReport(got)).toBe(true);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  test('a FIFO that nobody reads is refused with exit 2 instead of hanging, and stays a FIFO', () => {
    const fifo = join(dir, 'lonely');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const r = scan(['-o', fifo]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/FIFO that no process is reading/);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });
});

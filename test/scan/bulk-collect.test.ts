import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/git-repo.js';
import { copyPackage } from '../helpers/package-copy.js';

/**
 * Bulk scans ask V8 for a major collection every few MB scanned (engine/scan-file.ts), which needs
 * gc() exposed at run time: a V8 flag change, after which a code cache written by the process is
 * one that every later run would reject (and rewrite, back and forth). Such a run writes none.
 */
describe('a bulk scan that exposed gc() writes no code cache', () => {
  let pkg: string;
  let big: string;
  let small: string;
  beforeAll(() => {
    pkg = copyPackage();
    for (const f of readdirSync(join(pkg, 'dist', 'cli'))) if (f.endsWith('.v8cache')) rmSync(join(pkg, 'dist', 'cli', f));
    big = tempDir();
    const line = 'plain words of a text file that names no rule at all, line after line\n';
    for (let i = 0; i < 14; i++) writeFileSync(join(big, `part${i}.txt`), line.repeat(Math.ceil((1024 * 1024) / line.length)));
    small = tempDir();
    writeFileSync(join(small, 'a.txt'), 'hello\n');
  });
  afterAll(() => {
    for (const d of [pkg, big, small]) rmSync(d, { recursive: true, force: true });
  });

  const cache = () => join(pkg, 'dist', 'cli', 'program.cjs.scan.v8cache');
  const scan = (dir: string) => spawnSync(process.execPath, [join(pkg, 'dist', 'cli', 'main.cjs'), 'scan', '--all', '.', '--jobs', '1'], { cwd: dir, encoding: 'utf8' });

  test('none written by a 14 MB scan; one written by a small scan, then left alone by the big one', () => {
    expect(scan(big).status).toBe(0);
    expect(existsSync(cache())).toBe(false);
    expect(scan(small).status).toBe(0);
    expect(existsSync(cache())).toBe(true);
    const before = statSync(cache()).mtimeMs;
    expect(scan(big).status).toBe(0);
    expect(scan(small).status).toBe(0); // the cache is still one it can use: not rewritten
    expect(statSync(cache()).mtimeMs).toBe(before);
  });
});

import { spawn } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../helpers/cli.js';
import { tempDir } from '../helpers/git-repo.js';

/** Many processes allocating ids at once through the built store: every id distinct and sequential. */
describe('.mso record ids', () => {
  test('concurrent processes never share an id', async () => {
    const dir = tempDir();
    const mod = pathToFileURL(join(REPO_ROOT, 'dist', 'workspace', 'records.js')).href;
    const script = `
      const { withWorkspaceLock, nextId, writeRecord } = await import(${JSON.stringify(mod)});
      for (let i = 0; i < 3; i++) {
        const id = await withWorkspaceLock(process.argv[1], () => {
          const id = nextId(process.argv[1], 'orders');
          writeRecord(process.argv[1], 'orders', id, { id, pid: process.pid });
          return id;
        });
        process.stdout.write(id + '\\n');
      }`;
    const run = () =>
      new Promise<string[]>((resolve, reject) => {
        const child = spawn(process.execPath, ['--input-type=module', '-e', script, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
        let out = '';
        child.stdout.on('data', (d) => (out += d));
        child.on('error', reject);
        child.on('close', (code) => (code === 0 ? resolve(out.trim().split('\n')) : reject(new Error(`exit ${code}`))));
      });
    const ids = (await Promise.all(Array.from({ length: 6 }, run))).flat();
    expect(ids).toHaveLength(18);
    expect(new Set(ids).size).toBe(18);
    const files = readdirSync(join(dir, '.mso', 'orders')).sort();
    expect(files).toEqual(Array.from({ length: 18 }, (_, i) => `ORD-${String(i + 1).padStart(4, '0')}.json`));
    // No lock and no temporary file is left behind.
    expect(readdirSync(join(dir, '.mso', 'locks'))).toEqual([]);
    rmSync(dir, { recursive: true, force: true });
  }, 150_000);
});

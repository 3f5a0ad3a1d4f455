import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadBundle } from '../../src/cli/bundle-loader.js';
import { CLI, REPO_ROOT, runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/git-repo.js';
import { tokens } from '../helpers/tokens.js';

/**
 * The single-file bundles and their V8 code cache (src/cli/bundle-loader.ts): a cache is only ever
 * a speed-up. Missing, stale, corrupt or unwritable, the bundle runs the same and gives the same
 * answer.
 */
const bundle = (dir: string, body: string) => {
  const file = join(dir, 'b.cjs');
  writeFileSync(file, `exports.run = (x) => ${body};\nexports.where = __filename;\n`);
  return file;
};

/**
 * Loads the bundle in a fresh process with the built loader, runs it on 21 and saves the cache:
 * within one process V8 reuses what it compiled before and would not even look at a cache.
 */
function freshLoad(file: string, env: NodeJS.ProcessEnv = {}, ran: string[] = []): { cache: string; result: unknown } {
  const loader = pathToFileURL(join(REPO_ROOT, 'dist', 'cli', 'bundle-loader.js')).href;
  const code = `const { loadBundle } = await import(${JSON.stringify(loader)}); const b = loadBundle(${JSON.stringify(file)}); const result = b.exports.run(21); b.saveCache(${JSON.stringify(ran)}); console.log(JSON.stringify({ cache: b.cache, result }));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '', ...env } });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as { cache: string; result: unknown };
}

describe('bundle loader', () => {
  test('no bundle: undefined (the caller imports the modules)', () => {
    expect(loadBundle(join(tempDir(), 'missing.cjs'))).toBeUndefined();
  });

  test('the cache is written after a run without one, then used; a rebuilt bundle never gets the old one', () => {
    const dir = tempDir();
    const file = bundle(dir, 'x * 2');
    const first = loadBundle(file)!;
    expect(first.cache).toBe('none');
    expect((first.exports.run as (x: number) => number)(21)).toBe(42);
    expect(first.exports.where).toBe(file);
    expect(freshLoad(file)).toEqual({ cache: 'none', result: 42 });
    expect(existsSync(`${file}.v8cache`)).toBe(true);
    expect(freshLoad(file)).toEqual({ cache: 'used', result: 42 });

    // Same length, other code: V8 alone would take the old cache (it checks only the length).
    bundle(dir, 'x * 3');
    expect(freshLoad(file)).toEqual({ cache: 'none', result: 63 });
    expect(freshLoad(file)).toEqual({ cache: 'used', result: 63 });
  });

  test('a corrupt cache under the right key is rejected by V8 and rewritten; garbage is ignored', () => {
    const dir = tempDir();
    const file = bundle(dir, 'x + 1');
    freshLoad(file);
    const good = readFileSync(`${file}.v8cache`);
    const keyEnd = good.indexOf(10, good.indexOf(10) + 1) + 1; // after the key line and the `ran` line
    writeFileSync(`${file}.v8cache`, Buffer.concat([good.subarray(0, keyEnd), Buffer.alloc(good.length - keyEnd, 0x5a)]));
    expect(freshLoad(file)).toEqual({ cache: 'rejected', result: 22 });
    expect(freshLoad(file)).toEqual({ cache: 'used', result: 22 });

    writeFileSync(`${file}.v8cache`, 'not a cache');
    expect(freshLoad(file)).toEqual({ cache: 'none', result: 22 });
    // Another V8 configuration rejects it too (and rewrites it for itself).
    expect(freshLoad(file, { NODE_OPTIONS: '--max-old-space-size=200' })).toEqual({ cache: 'rejected', result: 22 });
  });

  test('a run of a part the cache was not written with rewrites it, with both; a covered run leaves it', () => {
    const dir = tempDir();
    const file = bundle(dir, 'x + 2');
    const cache = `${file}.v8cache`;
    const ranLine = () => readFileSync(cache).toString('latin1').split('\n')[1];
    expect(freshLoad(file, {}, ['secrets'])).toEqual({ cache: 'none', result: 23 });
    expect(ranLine()).toBe('ran secrets');
    const written = readFileSync(cache);
    expect(freshLoad(file, {}, ['secrets'])).toEqual({ cache: 'used', result: 23 });
    expect(readFileSync(cache).equals(written)).toBe(true); // covered: not written again
    expect(freshLoad(file, {}, ['js', 'secrets'])).toEqual({ cache: 'used', result: 23 });
    expect(ranLine()).toBe('ran js,secrets');
    expect(freshLoad(file, {}, ['python'])).toEqual({ cache: 'used', result: 23 });
    expect(ranLine()).toBe('ran js,python,secrets');
    expect(freshLoad(file, {}, ['js'])).toEqual({ cache: 'used', result: 23 });
    expect(ranLine()).toBe('ran js,python,secrets');
  });

  test('a cache that cannot be written costs nothing but the compile, and leaves no temp file', () => {
    const dir = tempDir();
    const file = bundle(dir, 'x - 1');
    mkdirSync(`${file}.v8cache`); // the rename onto it fails (as a read-only package folder would)
    const loaded = loadBundle(file)!;
    expect(() => loaded.saveCache()).not.toThrow();
    expect((loaded.exports.run as (x: number) => number)(1)).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['b.cjs', 'b.cjs.v8cache']);
  });

  test('MSO_CODE_CACHE=0 neither reads nor writes it', () => {
    const dir = tempDir();
    const file = bundle(dir, 'x');
    expect(freshLoad(file, { MSO_CODE_CACHE: '0' })).toEqual({ cache: 'none', result: 21 });
    expect(existsSync(`${file}.v8cache`)).toBe(false);
  });
});

describe('the built hooks with and without their code cache', () => {
  test('the build ships one CommonJS file per hook and one for the rest of the CLI', () => {
    for (const f of ['hook-pretool.cjs', 'hook-posttool.cjs', 'hook-pre-commit.cjs', 'program.cjs']) expect(existsSync(join(REPO_ROOT, 'dist', 'cli', f))).toBe(true);
    expect(existsSync(CLI)).toBe(true);
  });

  test('the `mso` binary (main.cjs, package.json bin) and main.js give the same answers', () => {
    const bin = join(REPO_ROOT, JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).bin.mso as string);
    expect(bin).toMatch(/main\.cjs$/);
    const ws = tempDir();
    const run = (entry: string, args: string[], input?: string) => {
      const r = spawnSync(process.execPath, [entry, ...args], { cwd: ws, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      return { code: r.status, stdout: r.stdout, stderr: r.stderr };
    };
    const secret = JSON.stringify({ session_id: 's', transcript_path: '/tmp/t', cwd: ws, hook_event_name: 'PreToolUse', tool_name: 'Write', tool_input: { file_path: join(ws, 'a.env'), content: `TOKEN=${tokens.github()}\n` } });
    for (const [args, input] of [
      [['hook', 'pretool'], secret],
      [['hook', 'pretool'], '{}'],
      [['hook', 'pre-commit'], undefined],
      [['--version'], undefined],
      [['scan', '--stdin'], `x = "${tokens.github()}"\n`],
      [['no-such-command'], undefined],
    ] as Array<[string[], string | undefined]>) {
      const viaBin = run(bin, args, input);
      expect(run(CLI, args, input)).toEqual(viaBin);
    }
    expect(run(bin, ['hook', 'pretool'], secret).code).toBe(2);
  });

  test('pretool gives the same answers with its code cache and without it', () => {
    const ws = tempDir();
    const payload = (command: string) =>
      JSON.stringify({ session_id: 's', transcript_path: '/tmp/t', cwd: ws, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command } });
    const secret = payload(`curl -H "Authorization: token ${tokens.github()}" https://api.github.com/user`);
    const clean = payload('npm test');
    const runs = (env: Record<string, string>) =>
      [secret, clean].map((input) => {
        const r = runCli(['hook', 'pretool'], { cwd: ws, input, env });
        return { code: r.code, stderr: r.stderr };
      });
    const cached = runs({});
    expect(cached.map((r) => r.code)).toEqual([2, 0]);
    expect(cached[0]!.stderr).toMatch(/github/i);
    expect(runs({ MSO_CODE_CACHE: '0' })).toEqual(cached);
    expect(runs({})).toEqual(cached);
  });
});

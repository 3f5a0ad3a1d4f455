import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, symlinkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, lstatSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI } from '../../helpers/cli.js';

/**
 * Real git with the installed hooks finding the built CLI: a temporary bin
 * folder holding an `mso` shim goes first on PATH. Global and system git
 * configuration are ignored so a developer's own hooks or settings cannot leak in.
 */
let binDir: string | undefined;
export function msoBinDir(): string {
  if (binDir) return binDir;
  binDir = mkdtempSync(join(tmpdir(), 'mso-bin-'));
  const shim = join(binDir, 'mso');
  writeFileSync(shim, `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
  chmodSync(shim, 0o755);
  return binDir;
}

/**
 * A PATH without any `mso` (this machine may have one installed globally):
 * a folder of links to just the tools the hooks and git need.
 */
let bareBin: string | undefined;
export function pathWithoutMso(): string {
  if (bareBin) return bareBin;
  bareBin = mkdtempSync(join(tmpdir(), 'mso-nobin-'));
  const dirs = (process.env.PATH ?? '').split(':');
  for (const tool of ['git', 'sh', 'dirname', 'cat', 'mktemp', 'rm', 'basename', 'env', 'printf', 'cp']) {
    const found = dirs.map((d) => join(d, tool)).find((p) => existsSync(p));
    if (found) symlinkSync(found, join(bareBin, tool));
  }
  symlinkSync(process.execPath, join(bareBin, 'node'));
  return bareBin;
}

export function hookEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PATH: `${msoBinDir()}:${process.env.PATH}`,
    NO_COLOR: '1',
    FORCE_COLOR: '0',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_AUTHOR_NAME: 'mso test',
    GIT_AUTHOR_EMAIL: 'test@example.invalid',
    GIT_COMMITTER_NAME: 'mso test',
    GIT_COMMITTER_EMAIL: 'test@example.invalid',
    HUSKY: '',
    ...extra,
  };
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout and stderr together, as a terminal shows them. */
  out: string;
}

export function run(cmd: string, args: string[], cwd: string, opts: { env?: NodeJS.ProcessEnv; input?: string } = {}): Run {
  const res = spawnSync(cmd, args, { cwd, env: opts.env ?? hookEnv(), input: opts.input, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 << 20 });
  if (res.error) throw res.error;
  return { code: res.status ?? -1, stdout: res.stdout, stderr: res.stderr, out: res.stdout + res.stderr };
}

export const gitRun = (cwd: string, ...args: string[]) => run('git', args, cwd);

/** Runs git and insists it succeeds; returns stdout. */
export function g(cwd: string, ...args: string[]): string {
  const r = gitRun(cwd, ...args);
  if (r.code !== 0) throw new Error(`git ${args.join(' ')} failed (${r.code}): ${r.out}`);
  return r.stdout;
}

export function mso(cwd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; input?: string } = {}): Run {
  return run(process.execPath, [CLI, ...args], cwd, opts);
}

/** Everything a blocked hook must leave alone: index entries, status, working tree bytes, stash. */
export function snapshot(dir: string): string {
  const files: string[] = [];
  const walk = (rel: string) => {
    for (const name of readdirSync(join(dir, rel)).sort()) {
      if (rel === '' && name === '.git') continue;
      const p = rel ? `${rel}/${name}` : name;
      const st = lstatSync(join(dir, p));
      if (st.isDirectory()) walk(p);
      else files.push(`${JSON.stringify(p)} ${st.mode.toString(8)} ${st.isSymbolicLink() ? 'link' : readFileSync(join(dir, p)).toString('base64')}`);
    }
  };
  walk('');
  return [
    g(dir, 'ls-files', '-s', '-z'),
    g(dir, 'status', '--porcelain=v2', '-z', '--untracked-files=all'),
    g(dir, 'stash', 'list'),
    ...files,
  ].join('\n--\n');
}

/** Hook output lines, ignoring blanks. */
export function lines(s: string): string[] {
  return s.split('\n').filter((l) => l.trim() !== '');
}

export function mkdirp(p: string): string {
  mkdirSync(p, { recursive: true });
  return p;
}

/** A real repository in a temporary folder, driven with hookEnv(). */
export class Repo {
  readonly dir: string;
  constructor(opts: { dir?: string; objectFormat?: 'sha1' | 'sha256'; bare?: boolean } = {}) {
    this.dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'mso-hooks-'));
    mkdirSync(this.dir, { recursive: true });
    g(this.dir, 'init', '-q', '-b', 'main', ...(opts.bare ? ['--bare'] : []), ...(opts.objectFormat ? [`--object-format=${opts.objectFormat}`] : []));
  }
  git(...args: string[]): string {
    return g(this.dir, ...args);
  }
  run(...args: string[]): Run {
    return gitRun(this.dir, ...args);
  }
  write(path: string, content: string | Buffer): void {
    const abs = join(this.dir, path);
    mkdirSync(join(abs, '..'), { recursive: true });
    writeFileSync(abs, content);
  }
  read(path: string): string {
    return readFileSync(join(this.dir, path), 'utf8');
  }
  /** Commits everything without running hooks (test set-up). */
  commitAll(message: string): string {
    this.git('add', '-A');
    this.git('commit', '-q', '--no-verify', '--allow-empty', '-m', message);
    return this.git('rev-parse', 'HEAD').trim();
  }
  init(...args: string[]): Run {
    const r = mso(this.dir, ['init', ...args], { env: hookEnv() });
    if (r.code !== 0) throw new Error(`mso init failed: ${r.out}`);
    return r;
  }
}

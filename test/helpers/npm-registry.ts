import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT } from './cli.js';
import { inCI, toolAvailable } from './tools.js';

const SERVER = fileURLToPath(new URL('./npm-registry-server.mjs', import.meta.url));

export interface RunResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  ms: number;
}

/** A result that failed (or timed out) as an error message with its output. */
export function describeRun(cmd: string, args: string[], r: RunResult): string {
  const how = r.timedOut ? `timed out after ${Math.round(r.ms / 1000)} s (process group killed)` : `exited ${r.status ?? r.signal}`;
  const tail = (s: string) => s.split('\n').slice(-60).join('\n');
  return `${cmd} ${args.join(' ')} ${how}\n--- stdout (tail)\n${tail(r.stdout)}\n--- stderr (tail)\n${tail(r.stderr)}`;
}

export interface LoopbackRegistry {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  /** True when the registry and every command run by `run` live in a network namespace with only loopback. */
  isolated: boolean;
  /** npm settings for a command that installs from this registry (npm and pre-commit's own npm). */
  env: Record<string, string>;
  /**
   * Runs a command beside the registry (inside its namespace when isolated), with `env` added, in a
   * process group of its own. Past `timeout` (default 15 min) the whole group is killed and the
   * result says so (`timedOut`), with what the registry served last, so a stalled install fails
   * the test with a diagnosis instead of holding CI.
   */
  run(cmd: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv; timeout?: number }): Promise<RunResult>;
  /** Requests the registry could not answer (each got a 404). */
  misses(): string[];
  /** Requests it answered (`GET /<name>` for a packument, `GET /<name>/-/<file>.tgz` for a tarball). */
  served(): string[];
  close(): Promise<void>;
}

/**
 * Starts test/helpers/npm-registry-server.mjs for the packages of `lockPath` (default: this repository's
 * lockfile). Where `unshare -n` is available (always under CI: .ci/run checks it) the registry runs
 * in a new network namespace that holds only loopback, and `run` enters that namespace
 * (`nsenter --net`), so a request for anything outside cannot leave the machine even by mistake.
 */
export async function startLoopbackRegistry(lockPath = join(REPO_ROOT, 'package-lock.json')): Promise<LoopbackRegistry> {
  const isolated = toolAvailable('unshare');
  if (!isolated && inCI()) throw new Error('CI=true and `unshare -n` is not available: the packaging tests must run without a route out');
  const dir = mkdtempSync(join(tmpdir(), 'mso-npm-registry-'));
  for (const log of ['misses.log', 'served.log']) writeFileSync(join(dir, log), '');
  const serverArgs = [SERVER, lockPath, dir];
  const child = isolated
    ? spawn('unshare', ['-n', 'sh', '-c', 'ip link set lo up && exec "$@"', 'sh', process.execPath, ...serverArgs], { stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn(process.execPath, serverArgs, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const m = /^(\d+)\n/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`the loopback registry exited (${code}) before listening: ${stderr}`)));
  });
  const url = `http://127.0.0.1:${port}/`;
  // A cache of the tests' own: the registry reads tarballs from the user's npm cache, but the npm
  // commands under test neither share that cache (its locks, its packuments for other registries)
  // with other npm processes on the machine nor leave loopback entries in it.
  const cache = join(dir, 'npm-cache');
  mkdirSync(cache);
  const env = {
    npm_config_registry: url,
    npm_config_cache: cache,
    // Peer dependencies are not resolved: the optional peer ranges of tree-sitter-typescript@0.23.2
    // (`tree-sitter@^0.21`, beside the 0.25 that mso uses) name versions outside the lockfile, which npm
    // would look up (and, inside a project, try to install) although mso never loads them. Every peer
    // that must be present is also a regular dependency in the tree (zod, express, hono), so the tree
    // installed is the one a user gets; a required peer that was not would make these tests fail.
    npm_config_legacy_peer_deps: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  return {
    url,
    isolated,
    env,
    run(cmd, args, opts) {
      const [file, argv] = isolated ? ['nsenter', [`--net=/proc/${child.pid}/ns/net`, '--', cmd, ...args]] : [cmd, args];
      const timeout = opts.timeout ?? 900_000;
      const started = Date.now();
      return new Promise<RunResult>((resolve, reject) => {
        // detached: a process group of its own, so a timeout ends npm's children (node-gyp, make, git) too.
        const p = spawn(file, argv, { cwd: opts.cwd, env: { ...process.env, ...env, ...opts.env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        p.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
        p.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
        let timedOut = false;
        const killGroup = () => {
          try {
            process.kill(-p.pid!, 'SIGKILL');
          } catch {
            // already gone
          }
        };
        const timer = setTimeout(() => {
          timedOut = true;
          const last = readFileSync(join(dir, 'served.log'), 'utf8').trim().split('\n').slice(-5).join(', ');
          stderr += `\n[test] no result after ${timeout / 1000} s; the registry served last: ${last || 'nothing'}; misses: ${readFileSync(join(dir, 'misses.log'), 'utf8').trim() || 'none'}\n`;
          killGroup();
        }, timeout);
        p.once('error', (e) => {
          clearTimeout(timer);
          reject(e);
        });
        // 'close' waits for the output pipes; a leftover grandchild that holds them must not hold the test.
        p.once('exit', (status, signal) => {
          clearTimeout(timer);
          const done = () => resolve({ status, signal, stdout, stderr, timedOut, ms: Date.now() - started });
          const grace = setTimeout(() => {
            killGroup();
            done();
          }, 10_000);
          p.once('close', () => {
            clearTimeout(grace);
            done();
          });
        });
      });
    },
    misses: () => readFileSync(join(dir, 'misses.log'), 'utf8').split('\n').filter(Boolean),
    served: () => readFileSync(join(dir, 'served.log'), 'utf8').split('\n').filter(Boolean),
    async close() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

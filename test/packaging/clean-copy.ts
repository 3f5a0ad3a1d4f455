import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { REPO_ROOT } from '../helpers/cli.js';
import { describeRun, type LoopbackRegistry } from '../helpers/npm-registry.js';

/** Runs a command; throws with its output when it fails. */
export function sh(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): { stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024, timeout: 300_000 });
  return checked(r, cmd, args);
}

/** A finished command's output; throws with it when the command failed. */
export function checked(r: SpawnSyncReturns<string>, cmd: string, args: string[]): { stdout: string; stderr: string } {
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}\n${r.stdout}\n${r.stderr}`);
  return { stdout: r.stdout, stderr: r.stderr };
}

export const gitEnv = {
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'mso test',
  GIT_AUTHOR_EMAIL: 'test@example.invalid',
  GIT_COMMITTER_NAME: 'mso test',
  GIT_COMMITTER_EMAIL: 'test@example.invalid',
};

/**
 * What a clean clone of this checkout holds: every tracked and untracked, not ignored file as it
 * is now (so uncommitted work is tested too), committed in a fresh repository. No node_modules,
 * no dist/.
 */
export function cleanCopy(): { dir: string; rev: string } {
  const dir = mkdtempSync(join(tmpdir(), 'mso-clean-copy-'));
  // (never a node_modules: a symlink to another checkout's would be emptied by the copy's `npm ci`)
  const files = sh('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], REPO_ROOT)
    .stdout.split('\0')
    .filter((f) => f && !f.split('/').includes('node_modules'));
  for (const f of files) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    try {
      cpSync(join(REPO_ROOT, f), join(dir, f));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err; // deleted, not yet staged
    }
  }
  sh('git', ['init', '-q', '-b', 'main'], dir, gitEnv);
  sh('git', ['add', '-A'], dir, gitEnv);
  sh('git', ['commit', '-q', '--no-verify', '-m', 'snapshot'], dir, gitEnv);
  return { dir, rev: sh('git', ['rev-parse', 'HEAD'], dir, gitEnv).stdout.trim() };
}

/** Runs a command beside the loopback registry; throws with its output (and why) when it fails or times out. */
export async function inRegistry(
  registry: LoopbackRegistry,
  cmd: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): Promise<{ stdout: string; stderr: string }> {
  const r = await registry.run(cmd, args, { cwd, env: { ...npmEnv, ...env } });
  if (r.timedOut || r.status !== 0) throw new Error(describeRun(cmd, args, r));
  return { stdout: r.stdout, stderr: r.stderr };
}

/** npm without the contributor hooks (the registry settings come from the loopback registry's env). */
export const npmEnv = { HUSKY: '0' };

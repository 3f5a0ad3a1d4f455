import { spawnSync } from 'node:child_process';
import { CLI } from './cli.js';

/**
 * Runs the built CLI on a pseudo-terminal (util-linux `script`), so stdout and
 * stderr are TTYs as in a developer's shell. `shellSuffix` can redirect one of
 * them (e.g. "> out.json") to see what reaches a file while the other stays a TTY.
 * Returns everything written to the terminal.
 */
export function runCliOnPty(args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv; shellSuffix?: string }): { code: number; screen: string } {
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const cmd = [process.execPath, CLI, ...args].map(quote).join(' ') + (opts.shellSuffix ? ` ${opts.shellSuffix}` : '');
  const env: NodeJS.ProcessEnv = { ...process.env, TERM: 'xterm', ...opts.env };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  if (opts.env?.NO_COLOR !== undefined) env.NO_COLOR = opts.env.NO_COLOR;
  const res = spawnSync('script', ['-qec', cmd, '/dev/null'], { cwd: opts.cwd, env, encoding: 'utf8', timeout: 60_000 });
  if (res.error) throw res.error;
  return { code: res.status ?? -1, screen: res.stdout };
}

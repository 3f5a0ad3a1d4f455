import { spawn } from 'node:child_process';
import { CLI } from './cli.js';

/**
 * Runs the built CLI with stdout and/or stderr on a pipe whose reading end
 * this process closes at once, so every write the child makes there fails
 * with EPIPE (deterministically, unlike `| head` racing the writer). The
 * other stream is collected.
 */
export function runCliWithClosedPipe(
  args: string[],
  opts: { cwd: string; env?: NodeJS.ProcessEnv; close: Array<'stdout' | 'stderr'> },
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: opts.cwd,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    if (opts.close.includes('stdout')) child.stdout.destroy();
    else child.stdout.on('data', (d) => (stdout += d));
    if (opts.close.includes('stderr')) child.stderr.destroy();
    else child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

import { exec, execFile, ExecOptions } from 'child_process';
import { promisify } from 'util';

const execAsync = promisify(exec);
const execFileAsync = promisify(execFile);

const MAX_BUFFER = 16 * 1024 * 1024;

export interface RunResult {
  stdout: string;
  stderr: string;
  code: number;
}

export type Tool = 'git' | 'npm' | 'npx' | 'node' | 'pnpm' | 'yarn';

function toResult(err: any): RunResult {
  return { stdout: String(err?.stdout ?? ''), stderr: String(err?.stderr ?? err?.message ?? err), code: typeof err?.code === 'number' ? err.code : 1 };
}

/**
 * Runs a full command line through the user's shell. Kept for the "scripts"
 * feature, where people expect pipes and env expansion to work.
 */
export async function runShell(commandLine: string, cwd: string, env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  const opts: ExecOptions = { cwd, env: { ...process.env, ...env }, maxBuffer: MAX_BUFFER, windowsHide: true };
  try {
    const { stdout, stderr } = await execAsync(commandLine, opts); //@vuln CWE-78
    return { stdout: String(stdout), stderr: String(stderr), code: 0 };
  } catch (err) {
    return toResult(err);
  }
}

/** Runs one of the known tools with an argv array; no shell is involved. */
export async function runTool(tool: Tool, args: string[], cwd: string): Promise<RunResult> {
  try {
    const { stdout, stderr } = await execFileAsync(tool, args, { cwd, maxBuffer: MAX_BUFFER, windowsHide: true }); //@safe
    return { stdout: String(stdout), stderr: String(stderr), code: 0 };
  } catch (err) {
    return toResult(err);
  }
}

export interface Commit {
  sha: string;
  subject: string;
}

export function parseGitLog(stdout: string): Commit[] {
  return stdout.split('\n').filter(Boolean).map((line) => {
    const idx = line.indexOf(' ');
    return { sha: line.slice(0, idx), subject: line.slice(idx + 1) };
  });
}

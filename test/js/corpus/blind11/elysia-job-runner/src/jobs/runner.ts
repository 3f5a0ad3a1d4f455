import vm from 'node:vm';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { config } from '../config';

export interface ShellJob {
  command: string;
  args: string[];
  env?: Record<string, string>;
}

export function runTransform(script: string, input: unknown): unknown {
  const sandbox = { input, output: undefined as unknown, console };
  vm.runInNewContext(script, sandbox, { timeout: 1000 }); //@vuln CWE-95
  return sandbox.output;
}

export function runShellJob(jobId: string, job: ShellJob): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const cwd = path.join(config.workDir, jobId);
    const child = spawn(job.command, job.args, { cwd, env: { ...process.env, ...job.env }, shell: true }); //@vuln CWE-78
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, output }));
  });
}

export function makeThumbnail(inputFile: string, width: number): Promise<number> {
  const src = path.join(config.mediaDir, path.basename(inputFile));
  const out = src.replace(/\.[^.]+$/, `.thumb.jpg`);
  return new Promise((resolve, reject) => {
    const child = spawn('ffmpeg', ['-y', '-i', src, '-vf', `scale=${Math.trunc(width)}:-1`, out], { shell: false }); //@safe
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? -1));
  });
}

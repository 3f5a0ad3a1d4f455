import { exec, execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);
const execAsync = promisify(exec);

export const IMAGES: Record<string, string> = {
  python: 'devforge/runner-python:3.12',
  node: 'devforge/runner-node:20',
  java: 'devforge/runner-java:21',
  go: 'devforge/runner-go:1.22',
  c: 'devforge/runner-c:gcc13',
};

export interface ContainerRun {
  jobId: string;
  language: string;
  workDir: string;
  entry: string;
  memoryMb?: number;
  timeoutMs?: number;
}

export interface ContainerResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export async function runInContainer(run: ContainerRun): Promise<ContainerResult> {
  const image = IMAGES[run.language];
  if (!image) throw new Error(`unsupported language: ${run.language}`);
  const args = [
    'run', '--rm', '--name', `run-${run.jobId}`,
    '--network=none', `--memory=${run.memoryMb ?? 256}m`, '--cpus=0.5', '--pids-limit=64',
    '-v', `${run.workDir}:/workspace:ro`, '-w', '/workspace',
    image, 'run-entry', run.entry,
  ];
  try {
    const { stdout, stderr } = await execFileAsync('docker', args, { timeout: run.timeoutMs ?? 15_000, maxBuffer: 1 << 20 });  //@safe
    return { stdout, stderr, exitCode: 0 };
  } catch (err: any) {
    return { stdout: err.stdout ?? '', stderr: err.stderr ?? String(err), exitCode: err.code ?? 1 };
  }
}

// Some exercises let learners pick extra packages (requests, lodash, ...) for the warm container
export async function installPackages(containerName: string, language: string, packages: string[]) {
  const installer = language === 'python' ? 'pip install --quiet --no-cache-dir' : 'npm install --no-audit --no-fund';
  return execAsync(`docker exec ${containerName} ${installer} ${packages.join(' ')}`, { timeout: 60_000 });  //@vuln CWE-78
}

export async function pullRuntime(tag: string) {
  return execAsync('docker pull devforge/runner-' + tag, { timeout: 120_000 });  //@vuln CWE-78
}

export function compileC(workDir: string, flags: string): Promise<ContainerResult> {
  return new Promise((resolve) => {
    const child = spawn(`gcc ${flags} -O2 -o main main.c`, { cwd: workDir, shell: true });  //@vuln CWE-78
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ stdout, stderr, exitCode: code ?? 1 }));
  });
}

export async function killContainer(jobId: string) {
  await execFileAsync('docker', ['kill', `run-${jobId}`]).catch(() => undefined);
}

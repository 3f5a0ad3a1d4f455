import { exec, execFile, execSync, spawn } from 'node:child_process';
import https from 'node:https';
import { promisify } from 'node:util';

const execAsync = promisify(exec);
const execFileAsync = promisify(execFile);

const REGISTRY_HOST = process.env.KESTREL_REGISTRY ?? 'registry.kestrel.internal';
const REGISTRY_AUTH = process.env.KESTREL_REGISTRY_AUTH ?? '';

// ---------- git ----------

export async function cloneRepo(repoUrl: string, dir: string, token?: string): Promise<void> {
  const url = token ? repoUrl.replace('https://', `https://x-access-token:${token}@`) : repoUrl;
  await execFileAsync('git', ['clone', '--filter=blob:none', '--no-checkout', '--', url, dir], { timeout: 300_000 });  //@safe
}

export function checkoutRef(dir: string, ref: string): void {
  execSync(`git -C ${dir} checkout --force ${ref}`, { stdio: 'pipe', timeout: 60_000 });  //@vuln CWE-78
}

export async function changedFiles(dir: string, baseRef: string, headRef: string): Promise<string[]> {
  await execFileAsync('git', ['fetch', '--depth=50', 'origin', baseRef], { cwd: dir });
  const { stdout } = await execAsync('git diff --name-only origin/' + baseRef + '...' + headRef, { cwd: dir });  //@vuln CWE-78
  return stdout.split('\n').filter(Boolean);
}

export function commitAuthor(dir: string, sha: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['log', '-1', '--format=%an <%ae>', sha], { cwd: dir });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`git log exited with ${code}`))));
  });
}

// ---------- docker ----------

export async function pullImage(image: string): Promise<void> {
  await execFileAsync('docker', ['pull', '--quiet', image], { timeout: 600_000 });
}

export function buildImage(opts: { context: string; dockerfile: string; tag: string; buildArgs?: Record<string, string> }): Promise<number> {
  const args = ['build', '--file', opts.dockerfile, '--tag', opts.tag];
  for (const [key, value] of Object.entries(opts.buildArgs ?? {})) {
    args.push('--build-arg', `${key}=${value}`);
  }
  args.push(opts.context);
  return new Promise((resolve) => {
    const child = spawn('docker', args, { stdio: 'inherit' });
    child.on('close', (code) => resolve(code ?? 1));
  });
}

export function runInContainer(image: string, command: string, env: Record<string, string>, workdir: string): Promise<number> {
  const envFlags = Object.entries(env)
    .map(([key, value]) => `-e ${key}="${value}"`)
    .join(' ');
  return new Promise((resolve) => {
    const child = spawn(`docker run --rm ${envFlags} -v ${workdir}:/workspace -w /workspace ${image} sh -c '${command}'`, { shell: true, stdio: 'inherit' });  //@vuln CWE-78
    child.on('close', (code) => resolve(code ?? 1));
  });
}

const registryAgent = new https.Agent({ keepAlive: true, maxSockets: 8, rejectUnauthorized: false });  //@vuln CWE-295

export function imageExists(repository: string, tag: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      {
        host: REGISTRY_HOST,
        path: `/v2/${encodeURIComponent(repository)}/manifests/${encodeURIComponent(tag)}`,
        method: 'HEAD',
        agent: registryAgent,
        headers: {
          Authorization: `Basic ${REGISTRY_AUTH}`,
          Accept: 'application/vnd.docker.distribution.manifest.v2+json',
        },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

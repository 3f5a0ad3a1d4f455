import { execSync, spawnSync } from 'child_process';
import * as path from 'path';

export interface GitAuthor {
  name: string;
  email: string;
}

export function cloneTemplate(repo: string, dest: string, branch?: string): void {
  const branchArg = branch ? `--branch ${branch}` : '';
  execSync(`git clone --quiet --depth 1 ${branchArg} ${repo} "${dest}"`, { stdio: 'inherit' }); //@vuln CWE-78
}

export function checkoutTag(dir: string, tag: string): void {
  if (!/^v?\d+\.\d+\.\d+(-[0-9A-Za-z.]+)?$/.test(tag)) throw new Error(`invalid tag ${tag}`);
  execSync(`git fetch --quiet --depth 1 origin tag ${tag} && git checkout --quiet tags/${tag}`, { cwd: dir }); //@safe
}

export function initRepo(dir: string, author?: GitAuthor): void {
  execSync('git init --quiet --initial-branch=main', { cwd: dir, stdio: 'ignore' }); //@safe
  if (author?.name) {
    execSync(`git config user.name "${author.name}"`, { cwd: dir }); //@vuln CWE-78
  }
  if (author?.email) spawnSync('git', ['config', 'user.email', author.email], { cwd: dir });
  spawnSync('git', ['add', '--all'], { cwd: dir, stdio: 'ignore' });
  const res = spawnSync('git', ['commit', '--quiet', '--no-verify', '-m', `chore: scaffold ${path.basename(dir)}`], { cwd: dir, encoding: 'utf8' }); //@safe
  if (res.status !== 0) console.warn(`git commit failed: ${res.stderr}`);
}

export function gitUser(): GitAuthor | undefined {
  try {
    const name = execSync('git config --get user.name', { encoding: 'utf8' }).trim();
    const email = execSync('git config --get user.email', { encoding: 'utf8' }).trim();
    return { name, email };
  } catch {
    return undefined;
  }
}

import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../../helpers/cli.js';
import { tokens } from '../../helpers/tokens.js';
import { describeNeeding } from '../../helpers/tools.js';
import { Repo, hookEnv, run } from './hook-env.js';

/**
 * mso through the pre-commit framework (https://pre-commit.com): a repository
 * holding our .pre-commit-hooks.yaml, referenced from a user's config.
 * .ci/run installs Debian's `pre-commit`; without it these tests are skipped
 * with a message, and fail under CI.
 */
const maybe = describeNeeding('pre-commit');

maybe('pre-commit framework (.pre-commit-hooks.yaml)', () => {
  let hooksRepo: Repo;
  let repo: Repo;
  let home: string;
  const env = () => hookEnv({ PRE_COMMIT_HOME: home, PRE_COMMIT_COLOR: 'never' });
  const pc = (...args: string[]) => run('pre-commit', args, repo.dir, { env: env() });
  const git = (...args: string[]) => run('git', args, repo.dir, { env: env() });

  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'mso-pc-home-'));
    hooksRepo = new Repo();
    copyFileSync(join(REPO_ROOT, '.pre-commit-hooks.yaml'), join(hooksRepo.dir, '.pre-commit-hooks.yaml'));
    const rev = hooksRepo.commitAll('mso hooks');
    repo = new Repo();
    repo.write('.pre-commit-config.yaml', `repos:\n  - repo: ${hooksRepo.dir}\n    rev: ${rev}\n    hooks:\n      - id: mso-secrets\n`);
    repo.write('README.md', 'hello\n');
    repo.commitAll('init');
  });
  afterEach(() => {
    for (const d of [hooksRepo.dir, repo.dir, home]) rmSync(d, { recursive: true, force: true });
  });

  test('run --all-files scans the files in full: a secret committed long ago is found', () => {
    const token = tokens.github();
    repo.write('src/settings.py', `DEBUG = False\nGITHUB_TOKEN = "${token}"\nNAME = "x"\n`);
    repo.commitAll('settings (no diff left to scan)');
    const r = pc('run', '--all-files');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/mso secret scan\.+Failed/);
    expect(r.out).toMatch(/src\/settings\.py/);
    expect(r.out).toMatch(/github-token/);
    expect(r.out).not.toContain(token);

    repo.git('rm', '-q', 'src/settings.py');
    repo.commitAll('gone');
    const ok = pc('run', '--all-files');
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/mso secret scan\.+Passed/);
  });

  test('mso-python: risky Python in the files given fails the hook; safe Python passes', () => {
    repo.write('.pre-commit-config.yaml', repo.read('.pre-commit-config.yaml') + '      - id: mso-python\n');
    repo.write('app/run.py', 'import subprocess\n\ndef run(cmd):\n    subprocess.call(cmd, shell=True)\n');
    repo.write('app/ok.py', 'def add(a, b):\n    return a + b\n');
    repo.commitAll('python');
    const r = pc('run', '--all-files');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/mso Python security scan\.+Failed/);
    expect(r.out).toMatch(/mso secret scan\.+Passed/);
    expect(r.out).toMatch(/python-command-injection/);
    repo.write('app/run.py', 'import subprocess\n\ndef run():\n    subprocess.run(["ls", "-l"])\n');
    repo.commitAll('safe');
    const ok = pc('run', '--all-files');
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/mso Python security scan\.+Passed/);
  });

  test('installed as the git pre-commit hook: a staged secret blocks a real commit', () => {
    expect(pc('install').code).toBe(0);
    repo.write('ok.txt', 'fine\n');
    git('add', 'ok.txt');
    expect(git('commit', '-q', '-m', 'ok').code).toBe(0);
    repo.write('.env', `STRIPE_KEY=${tokens.stripe()}\n`);
    git('add', '.env');
    const r = git('commit', '-q', '-m', 'secret');
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/stripe/);
  });

  test('pre-push stage: a push carrying a secret is blocked', () => {
    expect(pc('install', '-t', 'pre-push').code).toBe(0);
    const remote = new Repo({ bare: true });
    repo.git('remote', 'add', 'origin', remote.dir);
    expect(git('push', '-q', 'origin', 'main').code).toBe(0);
    repo.write('deploy.sh', `export AWS_ACCESS_KEY_ID=${tokens.awsKeyId()}\n`);
    repo.commitAll('deploy');
    const r = git('push', '-q', 'origin', 'main');
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/deploy\.sh/);
    expect(remote.run('rev-parse', 'main').stdout).not.toBe(repo.git('rev-parse', 'main'));
    rmSync(remote.dir, { recursive: true, force: true });
  });
});

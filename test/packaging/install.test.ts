import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLoopbackRegistry, type LoopbackRegistry } from '../helpers/npm-registry.js';
import { tokens } from '../helpers/tokens.js';
import { checked, cleanCopy, gitEnv, npmEnv, sh } from './clean-copy.js';

/**
 * mso installed the ways npm users install tools, from a clean clone (no dist/, no node_modules):
 * `npm pack` builds first and prints only the tarball's name; the tarball, installed globally or
 * into a project (`npx mso`), and a package made from a git URL each give a working `mso`.
 * Every npm command runs against a loopback registry of package-lock.json's packages (inside a
 * network namespace with only loopback when `unshare -n` is available), and any request it cannot
 * answer fails the test. Slow (several npm installs): kept to one test.
 */
let registry: LoopbackRegistry;
beforeAll(async () => {
  registry = await startLoopbackRegistry();
});
afterAll(async () => {
  await registry?.close();
});
const npm = (args: string[], cwd: string) => checked(registry.run('npm', args, { cwd, env: npmEnv }), 'npm', args);

const msoRuns = (mso: string[], cwd: string) => {
  const version = spawnSync(mso[0]!, [...mso.slice(1), '--version'], { cwd, encoding: 'utf8' });
  expect(version.stderr).toBe('');
  expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  expect(version.status).toBe(0);
};

test('npm pack from a clean clone, then install the tarball, npx mso, and install from a git URL', () => {
  const { dir: clone } = cleanCopy();
  const work = mkdtempSync(join(tmpdir(), 'mso-pkg-'));
  try {
    npm(['ci'], clone);
    rmSync(join(clone, 'dist'), { recursive: true, force: true }); // pack must build, not reuse
    const pack = npm(['pack', '--pack-destination', work], clone);
    // Exactly the tarball's name: pre-commit's node installer takes stdout as the file name.
    expect(pack.stdout).toMatch(/^mso-\d+\.\d+\.\d+\.tgz\n$/);
    const tarball = join(work, pack.stdout.trim());
    const listing = sh('tar', ['-tzf', tarball], work).stdout.split('\n');
    expect(listing).toContain('package/dist/cli/main.js');
    expect(listing).toContain('package/dist/cli/scan-worker.js');
    expect(listing).toContain('package/rules/secrets/github.yaml');
    expect(listing.some((f) => f.startsWith('package/src/') || f.startsWith('package/test/'))).toBe(false);

    // 1. npm install -g <tarball>
    const prefix = join(work, 'global');
    npm(['install', '-g', '--prefix', prefix, tarball], work);
    const mso = join(prefix, 'bin', 'mso');
    msoRuns([mso], work);
    const repo = join(work, 'repo');
    sh('git', ['init', '-q', repo], work, gitEnv);
    writeFileSync(join(repo, 'settings.py'), `GITHUB_TOKEN = "${tokens.github()}"\n`);
    writeFileSync(join(repo, 'app.py'), 'import subprocess\ndef run(request):\n    subprocess.call(request.args["cmd"], shell=True)\n');
    const scan = spawnSync(mso, ['scan', '--all', '--format', 'json'], { cwd: repo, encoding: 'utf8' });
    expect(scan.stderr).toBe('');
    expect(scan.status).toBe(1);
    const ruleIds = (JSON.parse(scan.stdout) as { findings: Array<{ ruleId: string; file: string }> }).findings.map((f) => `${f.file}:${f.ruleId}`);
    expect(ruleIds).toContain('settings.py:github-token');
    expect(ruleIds.some((r) => r.startsWith('app.py:'))).toBe(true); // the Python scanner (tree-sitter) works installed

    // 2. npx mso from a project that depends on the package
    const project = join(work, 'project');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), '{"name":"uses-mso","version":"1.0.0","private":true}\n');
    npm(['install', tarball], project);
    msoRuns(['npx', '--no-install', 'mso'], project);

    // 3. From a git URL: npm clones, installs the devDependencies, runs prepare (the build) and packs.
    // (`npm install -g <git URL>` itself fails on current npm releases: npm/cli#8440, #3692.)
    const fromGit = join(work, 'from-git');
    mkdirSync(fromGit);
    const gitPack = npm(['pack', `git+file://${clone}`, '--pack-destination', fromGit], fromGit);
    const gitTarball = join(fromGit, gitPack.stdout.trim().split('\n').pop()!);
    expect(sh('tar', ['-tzf', gitTarball], work).stdout.split('\n')).toContain('package/dist/cli/main.js');
    const prefix2 = join(work, 'global-git');
    npm(['install', '-g', '--prefix', prefix2, gitTarball], work);
    msoRuns([join(prefix2, 'bin', 'mso')], work);

    // Everything npm asked for came from the loopback registry or npm's own cache, and it asked for
    // the dependency closure by name (a tarball install resolves ranges).
    expect(registry.misses()).toEqual([]);
    expect(registry.served()).toEqual(expect.arrayContaining(['GET /tree-sitter', 'GET /@anthropic-ai%2fsdk']));
  } finally {
    rmSync(clone, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  }
}, 3_000_000);

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/cli.js';
import { startLoopbackRegistry, type LoopbackRegistry } from '../helpers/npm-registry.js';
import { tokens } from '../helpers/tokens.js';
import { cleanCopy, gitEnv, inRegistry, sh } from './clean-copy.js';

/**
 * mso installed the ways npm users install tools, from a clean clone (no dist/, no node_modules):
 * `npm pack` builds first and prints only the tarball's name; the tarball, installed globally or
 * into a project (`npx mso`), and a package made from a git URL each give a working `mso`, which
 * needs none of the packages its bundle already holds.
 * Every npm command runs against a loopback registry of package-lock.json's packages (inside a
 * network namespace with only loopback when `unshare -n` is available), and any request it cannot
 * answer fails the test. Slow (several npm installs, each building tree-sitter): the steps share
 * one clean copy and one tarball, in order.
 */

/** Packages the bundle (scripts/build.mjs) holds: devDependencies, so an install does not fetch them. */
const BUNDLED = ['chalk', 'commander', 'micromatch', 'yaml', 'zod'];
/** What the bundle leaves to node_modules (scripts/build.mjs `external`, and the grammars loaded by name). */
const RUNTIME = ['@anthropic-ai/sdk', '@modelcontextprotocol/sdk', 'tree-sitter', 'tree-sitter-javascript', 'tree-sitter-python', 'tree-sitter-typescript'];

let registry: LoopbackRegistry;
let clone: string;
let work: string;
let tarball: string | undefined;
beforeAll(async () => {
  registry = await startLoopbackRegistry();
  clone = cleanCopy().dir;
  work = mkdtempSync(join(tmpdir(), 'mso-pkg-'));
});
afterAll(async () => {
  await registry?.close();
  for (const d of [clone, work]) if (d) rmSync(d, { recursive: true, force: true });
});
afterEach(() => {
  // Everything npm asked for came from the loopback registry (or the tests' own npm cache).
  expect(registry.misses()).toEqual([]);
});

const npm = (args: string[], cwd: string) => inRegistry(registry, 'npm', args, cwd);
const needTarball = (): string => {
  if (!tarball) throw new Error('no tarball: the npm pack step failed');
  return tarball;
};

const msoRuns = (mso: string[], cwd: string) => {
  const version = spawnSync(mso[0]!, [...mso.slice(1), '--version'], { cwd, encoding: 'utf8', timeout: 120_000 });
  expect(version.stderr).toBe('');
  expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  expect(version.status).toBe(0);
};

/** A repository with a secret and a Python command injection; `mso scan --all` must find both (tree-sitter loads). */
const scanFindsBoth = (mso: string) => {
  const repo = mkdtempSync(join(work, 'repo-'));
  sh('git', ['init', '-q', repo], work, gitEnv);
  writeFileSync(join(repo, 'settings.py'), `GITHUB_TOKEN = "${tokens.github()}"\n`);
  writeFileSync(join(repo, 'app.py'), 'import subprocess\ndef run(request):\n    subprocess.call(request.args["cmd"], shell=True)\n');
  writeFileSync(join(repo, 'server.js'), "const cp = require('child_process');\nmodule.exports = (req) => cp.exec('ls ' + req.query.dir);\n");
  const scan = spawnSync(mso, ['scan', '--all', '--format', 'json'], { cwd: repo, encoding: 'utf8', timeout: 120_000 });
  expect(scan.stderr).toBe('');
  expect(scan.status).toBe(1);
  const found = (JSON.parse(scan.stdout) as { findings: Array<{ ruleId: string; file: string }> }).findings.map((f) => `${f.file}:${f.ruleId}`);
  expect(found).toContain('settings.py:github-token');
  expect(found.some((r) => r.startsWith('app.py:'))).toBe(true); // the Python scanner (tree-sitter) works installed
  expect(found.some((r) => r.startsWith('server.js:'))).toBe(true); // and the JavaScript one

  // An agent hook from the installed package: an ordinary command passes, a write to mso's own settings is refused.
  const payload = (tool: string, input: Record<string, unknown>) =>
    JSON.stringify({ session_id: 's', transcript_path: '/dev/null', cwd: repo, permission_mode: 'default', hook_event_name: 'PreToolUse', tool_name: tool, tool_input: input });
  const ok = spawnSync(mso, ['hook', 'pretool'], { cwd: repo, input: payload('Bash', { command: 'ls -la' }), encoding: 'utf8', timeout: 60_000 });
  expect(ok.stderr).toBe('');
  expect(ok.status).toBe(0);
  const refused = spawnSync(mso, ['hook', 'pretool'], { cwd: repo, input: payload('Write', { file_path: join(repo, '.mso', 'workspace.json'), content: '{}' }), encoding: 'utf8', timeout: 60_000 });
  expect(refused.status).toBe(2);
  expect(refused.stderr).toContain('blocked');
};

test('npm pack from a clean clone builds first and prints only the tarball name', async () => {
  await npm(['ci'], clone);
  rmSync(join(clone, 'dist'), { recursive: true, force: true }); // pack must build, not reuse
  const pack = await npm(['pack', '--pack-destination', work], clone);
  // Exactly the tarball's name: pre-commit's node installer takes stdout as the file name.
  expect(pack.stdout).toMatch(/^mso-\d+\.\d+\.\d+\.tgz\n$/);
  tarball = join(work, pack.stdout.trim());
  const listing = sh('tar', ['-tzf', tarball], work).stdout.split('\n');
  expect(listing).toContain('package/dist/cli/main.cjs');
  expect(listing).toContain('package/dist/cli/main.js');
  expect(listing).toContain('package/dist/cli/scan-worker.js');
  expect(listing).toContain('package/rules/secrets/github.yaml');
  expect(listing.some((f) => f.startsWith('package/src/') || f.startsWith('package/test/'))).toBe(false);
  // The package asks npm for what the bundle leaves out, and nothing the bundle holds.
  const manifest = JSON.parse(sh('tar', ['-xzOf', tarball, 'package/package.json'], work).stdout) as { dependencies?: Record<string, string> };
  expect(Object.keys(manifest.dependencies ?? {}).sort()).toEqual([...RUNTIME].sort());
}, 1_800_000);

test('npm install -g <tarball>: a working mso that needs none of the bundled packages', async () => {
  const prefix = join(work, 'global');
  await npm(['install', '-g', '--prefix', prefix, needTarball()], work);
  const mso = join(prefix, 'bin', 'mso');
  msoRuns([mso], work);
  scanFindsBoth(mso);

  // Without the packages the bundle holds: none was installed for mso, and one that another
  // dependency brings (zod, for the MCP SDK) is moved away while mso runs.
  const modules = join(prefix, 'lib', 'node_modules', 'mso', 'node_modules');
  const present = BUNDLED.filter((p) => existsSync(join(modules, p)));
  expect(present.filter((p) => p !== 'zod')).toEqual([]);
  for (const p of present) renameSync(join(modules, p), join(modules, `${p}.hidden`));
  try {
    msoRuns([mso], work);
    scanFindsBoth(mso);
    const help = spawnSync(mso, ['--help'], { cwd: work, encoding: 'utf8', timeout: 60_000 });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('scan');
  } finally {
    for (const p of present) renameSync(join(modules, `${p}.hidden`), join(modules, p));
  }
}, 1_800_000);

test('npx mso from a project that depends on the package', async () => {
  const project = join(work, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), '{"name":"uses-mso","version":"1.0.0","private":true}\n');
  await npm(['install', needTarball()], project);
  const deps = (JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies;
  expect(Object.keys(deps)).toEqual(['mso']);
  msoRuns(['npx', '--no-install', 'mso'], project);
  const run = await inRegistry(registry, 'npx', ['--no-install', 'mso', 'scan', '--all', '--format', 'json'], project);
  expect((JSON.parse(run.stdout) as { stats: { files: number } }).stats.files).toBeGreaterThan(0);
}, 1_800_000);

test('a package from a git URL: npm clones, installs the devDependencies, builds (prepare) and packs', async () => {
  // (`npm install -g <git URL>` itself fails on current npm releases: npm/cli#8440, #3692.)
  const fromGit = join(work, 'from-git');
  mkdirSync(fromGit);
  const gitPack = await npm(['pack', `git+file://${clone}`, '--pack-destination', fromGit], fromGit);
  const gitTarball = join(fromGit, gitPack.stdout.trim().split('\n').pop()!);
  expect(sh('tar', ['-tzf', gitTarball], work).stdout.split('\n')).toContain('package/dist/cli/main.cjs');
  const prefix = join(work, 'global-git');
  await npm(['install', '-g', '--prefix', prefix, gitTarball], work);
  msoRuns([join(prefix, 'bin', 'mso')], work);
  // npm asked the registry for the dependency closure by name (a tarball install resolves ranges).
  expect(registry.served()).toEqual(expect.arrayContaining(['GET /tree-sitter', 'GET /@anthropic-ai%2fsdk']));
}, 1_800_000);

test('the repository lists as dependencies exactly what the bundle leaves out', () => {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
  expect(Object.keys(pkg.dependencies).sort()).toEqual([...RUNTIME].sort());
  for (const p of BUNDLED) expect(pkg.devDependencies[p]).toBeDefined();
  const build = readFileSync(join(REPO_ROOT, 'scripts', 'build.mjs'), 'utf8');
  const external = /const external = \[([^\]]*)\]/.exec(build)?.[1] ?? '';
  for (const p of RUNTIME.filter((r) => !r.startsWith('tree-sitter-'))) expect(external).toContain(`'${p}'`);
});

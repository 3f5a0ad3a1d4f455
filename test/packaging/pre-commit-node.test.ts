import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeRun, startLoopbackRegistry, type LoopbackRegistry } from '../helpers/npm-registry.js';
import { testNeeding } from '../helpers/tools.js';
import { tokens } from '../helpers/tokens.js';
import { cleanCopy, gitEnv, sh } from './clean-copy.js';

/**
 * The `language: node` hooks of .pre-commit-hooks.yaml with the real `pre-commit` (Debian's
 * package, installed by .ci/run): pre-commit clones this repository, `npm install`s it (which
 * builds it), reads the tarball name from `npm pack`'s stdout and installs it into its own node
 * environment, using the machine's node (no download). Nothing installed by hand. pre-commit and
 * its npm run against the loopback registry (npm_config_registry), inside its network namespace
 * when `unshare -n` is available; any request it cannot answer fails the test. Slow: one test.
 */
let registry: LoopbackRegistry;
beforeAll(async () => {
  registry = await startLoopbackRegistry();
});
afterAll(async () => {
  await registry?.close();
});

testNeeding('pre-commit')('pre-commit installs mso by itself for the language: node hooks, and they block a secret', async () => {
  const { dir: hooksRepo, rev } = cleanCopy();
  const repo = mkdtempSync(join(tmpdir(), 'mso-pc-node-'));
  const home = mkdtempSync(join(tmpdir(), 'mso-pc-node-home-'));
  // Only the copy pre-commit installs may run. The machine may have its own mso on the PATH (the
  // README's install puts one in npm's global bin), so a decoy `mso` goes first on the PATH: it fails
  // loudly if a hook reaches it. pre-commit puts its node environment's bin before the PATH it got.
  const decoyBin = join(home, 'decoy-bin');
  mkdirSync(decoyBin);
  writeFileSync(join(decoyBin, 'mso'), '#!/bin/sh\necho "DECOY-MSO-RAN $*" >&2\nexit 97\n');
  chmodSync(join(decoyBin, 'mso'), 0o755);
  const env = { ...gitEnv, PRE_COMMIT_HOME: home, PRE_COMMIT_COLOR: 'never', HUSKY: '0', PATH: `${decoyBin}:${process.env.PATH ?? ''}` };
  try {
    const found = spawnSync('sh', ['-c', 'command -v mso'], { env: { ...process.env, ...env }, encoding: 'utf8' });
    expect(found.stdout.trim()).toBe(join(decoyBin, 'mso'));
    sh('git', ['init', '-q', '-b', 'main'], repo, env);
    writeFileSync(
      join(repo, '.pre-commit-config.yaml'),
      `repos:\n  - repo: ${hooksRepo}\n    rev: ${rev}\n    hooks:\n      - id: mso-secrets-node\n      - id: mso-python-node\n      - id: mso-js-node\n`,
    );
    writeFileSync(join(repo, 'README.md'), 'hello\n');
    writeFileSync(join(repo, 'app.py'), 'def handler(request):\n    return {"ok": True}\n');
    writeFileSync(join(repo, 'server.js'), "module.exports = (req) => String(req.query.page || 1);\n");
    sh('git', ['add', '-A'], repo, env);
    const clean = await registry.run('pre-commit', ['run', '--all-files'], { cwd: repo, env, timeout: 1_200_000 });
    if (clean.timedOut || clean.status !== 0) throw new Error(describeRun('pre-commit', ['run', '--all-files'], clean));
    expect(clean.stdout + clean.stderr).not.toContain('DECOY-MSO-RAN');
    expect(clean.stdout + clean.stderr).toMatch(/mso secret scan\.+Passed/);
    expect(clean.stdout).toMatch(/mso Python security scan\.+Passed/);
    expect(clean.stdout).toMatch(/mso JavaScript \/ TypeScript security scan\.+Passed/);
    expect(clean.status).toBe(0);

    const token = tokens.github();
    writeFileSync(join(repo, 'settings.py'), `GITHUB_TOKEN = "${token}"\n`);
    writeFileSync(join(repo, 'server.js'), "const cp = require('child_process');\nmodule.exports = (req) => cp.exec('ls ' + req.query.dir);\n");
    sh('git', ['add', '-A'], repo, env);
    const dirty = await registry.run('pre-commit', ['run', '--all-files'], { cwd: repo, env, timeout: 300_000 });
    if (dirty.timedOut) throw new Error(describeRun('pre-commit', ['run', '--all-files'], dirty));
    expect(dirty.stdout + dirty.stderr).not.toContain('DECOY-MSO-RAN');
    expect(dirty.status).toBe(1);
    expect(dirty.stdout).toMatch(/mso secret scan\.+Failed/);
    expect(dirty.stdout).toMatch(/settings\.py/);
    expect(dirty.stdout).toContain('github-token');
    expect(dirty.stdout).toMatch(/mso JavaScript \/ TypeScript security scan\.+Failed/);
    expect(dirty.stdout).toContain('js-command-injection');
    expect(dirty.stdout + dirty.stderr).not.toContain(token);
    expect(registry.misses()).toEqual([]);
    expect(registry.served()).toContain('GET /tree-sitter');
  } finally {
    for (const d of [hooksRepo, repo, home]) rmSync(d, { recursive: true, force: true });
  }
}, 1_800_000);

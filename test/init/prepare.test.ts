import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { REPO_ROOT } from '../helpers/cli.js';
import { g, hookEnv, run } from '../hooks/git/hook-env.js';

/**
 * The `prepare` script (npm ci / npm install run it) gives contributors the
 * husky hooks and must never break an install: no .git, CI, HUSKY=0, or husky
 * missing all exit 0. Run on a copy of the script in a temporary folder.
 */
describe('package.json prepare (.husky/install.mjs)', () => {
  let dir: string;
  const prepare = (env: NodeJS.ProcessEnv = {}) => run(process.execPath, [join(dir, '.husky', 'install.mjs')], dir, { env: hookEnv({ CI: '', ...env }) });
  const hooksPath = () => run('git', ['config', 'core.hooksPath'], dir).stdout.trim();
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mso-prepare-'));
    mkdirSync(join(dir, '.husky'));
    copyFileSync(join(REPO_ROOT, '.husky', 'install.mjs'), join(dir, '.husky', 'install.mjs'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('package.json runs it as part of prepare (scripts/prepare.mjs: husky, then the build)', () => {
    expect(JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).scripts.prepare).toBe('node scripts/prepare.mjs');
    expect(readFileSync(join(REPO_ROOT, 'scripts', 'prepare.mjs'), 'utf8')).toContain(".husky/install.mjs");
  });

  test('without .git (a tarball or a copy) it does nothing and succeeds', () => {
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'));
    const r = prepare();
    expect(r.code).toBe(0);
  });

  test('in CI, or with HUSKY=0, it leaves git config alone', () => {
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'));
    g(dir, 'init', '-q');
    expect(prepare({ CI: 'true' }).code).toBe(0);
    expect(prepare({ HUSKY: '0' }).code).toBe(0);
    expect(hooksPath()).toBe('');
  });

  test('in a clone it activates husky; without husky installed it still succeeds', () => {
    g(dir, 'init', '-q');
    const missing = prepare();
    expect(missing.code).toBe(0);
    expect(missing.stdout).toMatch(/not installed/);
    expect(hooksPath()).toBe('');
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'));
    expect(prepare().code).toBe(0);
    expect(hooksPath()).toBe('.husky/_');
  });

  test("the project's own .husky hooks call mso's hook entry points and fail closed", () => {
    for (const [hook, cmd] of [['pre-commit', 'hook pre-commit'], ['pre-merge-commit', 'hook pre-commit'], ['pre-push', 'hook pre-push "$@"']] as const) {
      const text = readFileSync(join(REPO_ROOT, '.husky', hook), 'utf8');
      expect(text).toContain(`node dist/cli/main.js ${cmd}`);
      expect(text).toMatch(/exit 1/);
    }
  });
});

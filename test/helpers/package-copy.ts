import { cpSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './cli.js';
import { tempDir } from './git-repo.js';

/**
 * A copy of the built package (dist/, rules/, package.json; node_modules linked) in a temporary
 * folder, for tests that change what mso finds in its own package (rule files, build outputs,
 * caches) without touching the repository's build that other tests use at the same time.
 * Returns the copy's root; its CLI is `<root>/dist/cli/main.cjs`.
 */
export function copyPackage(): string {
  const pkg = join(tempDir(), 'mso');
  mkdirSync(pkg);
  for (const f of ['dist', 'rules', 'package.json']) cpSync(join(REPO_ROOT, f), join(pkg, f), { recursive: true });
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(pkg, 'node_modules'));
  return pkg;
}

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding mso's package.json, found from this file's location so
 * that a globally installed mso finds its rules and hooks from any folder.
 */
let cached: string | undefined;
export function packageRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'rules'))) return (cached = dir);
    const up = dirname(dir);
    if (up === dir) throw new Error('mso: cannot find its own package folder (rules/ is missing)');
    dir = up;
  }
}

export function builtinRulesDir(): string {
  return join(packageRoot(), 'rules');
}

export function hooksDir(): string {
  return join(packageRoot(), 'hooks');
}

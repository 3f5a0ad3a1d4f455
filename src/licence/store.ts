import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../core/atomic-write.js';
import { ensureStateIgnored } from '../workspace/state.js';

/**
 * Where licence state lives.
 * - `.mso/licence/licence.json`: an offline signed licence file (air-gapped use).
 * - `.mso/licence/validation.json`: the last good online validation, as signed by the service.
 *   Neither holds the licence key.
 * - The key itself is the user's, kept outside every repository in
 *   `$XDG_CONFIG_HOME/mso/licence-key` (default `~/.config/mso/`, mode 0600),
 *   or given in MSO_LICENCE_KEY (for CI).
 */
export function licenceDir(root: string): string {
  return join(root, '.mso', 'licence');
}
export const offlineLicencePath = (root: string) => join(licenceDir(root), 'licence.json');
export const validationCachePath = (root: string) => join(licenceDir(root), 'validation.json');

export function configHome(env: NodeJS.ProcessEnv = process.env): string {
  return env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.startsWith('/') ? join(env.XDG_CONFIG_HOME, 'mso') : join(homedir(), '.config', 'mso');
}
export const keyPath = (env: NodeJS.ProcessEnv = process.env) => join(configHome(env), 'licence-key');

export function readKey(env: NodeJS.ProcessEnv = process.env): { key?: string; from?: 'MSO_LICENCE_KEY' | 'file' } {
  const fromEnv = env.MSO_LICENCE_KEY?.trim();
  if (fromEnv) return { key: fromEnv, from: 'MSO_LICENCE_KEY' };
  const p = keyPath(env);
  if (!existsSync(p)) return {};
  const key = readFileSync(p, 'utf8').trim();
  return key ? { key, from: 'file' } : {};
}

export function writeKey(key: string, env: NodeJS.ProcessEnv = process.env): void {
  const p = keyPath(env);
  mkdirSync(configHome(env), { recursive: true, mode: 0o700 });
  writeFileAtomic(p, key + '\n', 0o600);
  chmodSync(p, 0o600);
}

export function removeKey(env: NodeJS.ProcessEnv = process.env): void {
  rmSync(keyPath(env), { force: true });
}

export function readJsonIfExists(path: string): unknown {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return { unreadable: true };
  }
}

export function writeLicenceState(root: string, path: string, data: unknown): void {
  mkdirSync(licenceDir(root), { recursive: true });
  ensureStateIgnored(root, 'licence/');
  writeFileAtomic(path, JSON.stringify(data, null, 2) + '\n', 0o600);
}

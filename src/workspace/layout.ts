import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ignoreLocalState } from './local-ignore.js';

/**
 * The .mso/ folder. Committed (shared configuration): workspace.json, the
 * baseline, the MCP registry, this .gitignore. Ignored (local state, never
 * committed): the STATE_DIRS folders below and `*.tmp`. Nothing here holds a
 * secret value or an API key. Documented in docs/dispatch.md.
 */
export const MSO_DIR = '.mso';

export const STATE_DIRS = ['orders', 'voyages', 'plans', 'reports', 'worktrees', 'logs', 'state', 'locks'] as const;
export type StateDir = (typeof STATE_DIRS)[number];

export function msoPath(root: string, ...parts: string[]): string {
  return join(root, MSO_DIR, ...parts);
}

/**
 * Creates .mso/ on first use and keeps its state out of git through the one
 * local-ignore writer (.git/info/exclude, so the user's working tree gets no
 * new file; mso init writes the committed .mso/.gitignore with the same rules).
 */
export function ensureWorkspace(root: string): void {
  mkdirSync(msoPath(root), { recursive: true });
  ignoreLocalState(root, [...STATE_DIRS.map((d) => `${d}/`), '**/*.tmp']);
}

import { appendFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../core/atomic-write.js';

/**
 * The .mso/ folder. Committed (shared configuration): workspace.json, the
 * baseline, the MCP registry, this .gitignore. Ignored (local state, never
 * committed): everything listed in GITIGNORE below. Nothing here holds a
 * secret value or an API key. Documented in docs/dispatch.md.
 */
export const MSO_DIR = '.mso';

export const STATE_DIRS = ['orders', 'voyages', 'plans', 'reports', 'worktrees', 'logs', 'state', 'locks'] as const;
export type StateDir = (typeof STATE_DIRS)[number];

export const GITIGNORE = `# mso local state: never committed (see docs/dispatch.md).
# Committed: workspace.json, baseline.json, the MCP registry and this file.
${STATE_DIRS.map((d) => `/${d}/`).join('\n')}
*.tmp
`;

export function msoPath(root: string, ...parts: string[]): string {
  return join(root, MSO_DIR, ...parts);
}

/** The same rules, for the repository's local exclude file (paths from the repository root). */
export const EXCLUDE_BLOCK = `# mso local state (added by mso; see docs/dispatch.md)
${STATE_DIRS.map((d) => `/${MSO_DIR}/${d}/`).join('\n')}
/${MSO_DIR}/**/*.tmp
`;

/**
 * Creates .mso/ on first use and keeps its state out of git. The rules go to
 * .git/info/exclude, so the user's working tree gets no new file (mso init
 * writes the committed .mso/.gitignore with the same rules).
 */
export function ensureWorkspace(root: string): void {
  mkdirSync(msoPath(root), { recursive: true });
  const gitDir = join(root, '.git');
  let isDir = false;
  try {
    isDir = statSync(gitDir).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) {
    const ignore = msoPath(root, '.gitignore');
    if (!existsSync(ignore)) writeFileAtomic(ignore, GITIGNORE);
    return;
  }
  const exclude = join(gitDir, 'info', 'exclude');
  const current = existsSync(exclude) ? readFileSync(exclude, 'utf8') : '';
  if (current.includes(`/${MSO_DIR}/voyages/`)) return;
  mkdirSync(join(gitDir, 'info'), { recursive: true });
  appendFileSync(exclude, `${current && !current.endsWith('\n') ? '\n' : ''}${EXCLUDE_BLOCK}`);
}

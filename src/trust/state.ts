import { appendFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Local state that mso's trust features keep under `.mso/` (the egress log,
 * telemetry consent and queue, the licence cache) is machine-local and never
 * committed. It is kept out of git without touching a committed file:
 * - each state folder holds its own `.gitignore` of `*`;
 * - the repository's `.git/info/exclude` lists `/.mso/egress.log` (and the
 *   folders); in a linked worktree or submodule, where `.git` is a file,
 *   `.mso/.gitignore` gets the line instead.
 */
export const STATE_ENTRIES = ['egress.log', 'telemetry/', 'licence/'] as const;
type StateEntry = (typeof STATE_ENTRIES)[number];

const done = new Set<string>();

export function ensureStateIgnored(root: string, entry: StateEntry): void {
  const key = `${root}\0${entry}`;
  if (done.has(key)) return;
  if (entry.endsWith('/')) {
    const dir = join(root, '.mso', entry);
    mkdirSync(dir, { recursive: true });
    const inner = join(dir, '.gitignore');
    if (!existsSync(inner)) writeFileSync(inner, '# machine-local mso state: never committed\n*\n');
  }
  const dotGit = join(root, '.git');
  let kind: 'dir' | 'file' | 'none' = 'none';
  try {
    kind = statSync(dotGit).isDirectory() ? 'dir' : 'file';
  } catch {
    kind = 'none';
  }
  if (kind === 'dir') appendLineOnce(join(dotGit, 'info', 'exclude'), `/.mso/${entry}`, '# mso machine-local state');
  else if (kind === 'file') appendLineOnce(join(root, '.mso', '.gitignore'), entry, '# mso machine-local state (never committed)');
  done.add(key);
}

function appendLineOnce(file: string, line: string, header: string): void {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  if (text.split(/\r?\n/).some((l) => l.trim() === line)) return;
  mkdirSync(dirname(file), { recursive: true });
  const prefix = text === '' ? `${header}\n` : text.endsWith('\n') ? '' : '\n';
  appendFileSync(file, `${prefix}${line}\n`);
}

/** The workspace root for a folder: the nearest ancestor holding `.git` (a folder, or a worktree's file), else the folder itself. */
export function findWorkspaceRoot(cwd: string): string {
  let dir = cwd;
  for (;;) {
    if (existsSync(join(dir, '.git'))) return dir;
    const up = dirname(dir);
    if (up === dir) return cwd;
    dir = up;
  }
}

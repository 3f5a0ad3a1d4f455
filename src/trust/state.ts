import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Local state that mso's trust features keep under `.mso/` (egress log,
 * telemetry consent and queue, licence cache) is machine-local: it is listed
 * in `.mso/.gitignore`, appended line by line so that entries other parts of
 * mso put there are kept.
 */
export const STATE_ENTRIES = ['egress.log', 'telemetry/', 'licence/'] as const;

export function ensureStateIgnored(root: string, entry: (typeof STATE_ENTRIES)[number]): void {
  const dir = join(root, '.mso');
  const file = join(dir, '.gitignore');
  let text = '';
  if (existsSync(file)) text = readFileSync(file, 'utf8');
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  if (lines.includes(entry) || lines.includes(`/${entry}`)) return;
  mkdirSync(dir, { recursive: true });
  const prefix = text === '' ? '# machine-local mso state (never committed)\n' : text.endsWith('\n') ? '' : '\n';
  appendFileSync(file, `${prefix}${entry}\n`);
}

/** The workspace root for a folder: the nearest ancestor holding `.git` (a folder or a worktree's file), else the folder itself. */
export function findWorkspaceRoot(cwd: string): string {
  let dir = cwd;
  for (;;) {
    if (existsSync(join(dir, '.git'))) return dir;
    const up = dirname(dir);
    if (up === dir) return cwd;
    dir = up;
  }
}

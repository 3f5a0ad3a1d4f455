import { appendFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The one writer of mso's git ignore lines for machine-local state. Entries
 * are paths inside `.mso/` (`voyages/`, `egress.log`, `**\/*.tmp`). In a
 * repository whose `.git` is a folder they go to `.git/info/exclude` (as
 * `/.mso/<entry>`), so the user's working tree gets no new file; in a linked
 * worktree or submodule (`.git` is a file) or outside git they go to
 * `.mso/.gitignore` (as `/<entry>`). Each line is added once, under one header.
 */
export const LOCAL_IGNORE_HEADER = '# mso machine-local state: never committed (added by mso; see docs/dispatch.md)';

export function ignoreLocalState(root: string, entries: readonly string[]): void {
  const dotGit = join(root, '.git');
  let gitIsDir = false;
  try {
    gitIsDir = statSync(dotGit).isDirectory();
  } catch {
    gitIsDir = false;
  }
  if (gitIsDir) appendLinesOnce(join(dotGit, 'info', 'exclude'), entries.map((e) => `/.mso/${e}`));
  else appendLinesOnce(join(root, '.mso', '.gitignore'), entries.map((e) => `/${e}`));
}

function appendLinesOnce(file: string, lines: string[]): void {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const have = new Set(text.split(/\r?\n/).map((l) => l.trim()));
  const missing = lines.filter((l) => !have.has(l));
  if (missing.length === 0) return;
  mkdirSync(dirname(file), { recursive: true });
  const header = have.has(LOCAL_IGNORE_HEADER) ? '' : `${LOCAL_IGNORE_HEADER}\n`;
  const sep = text === '' || text.endsWith('\n') ? '' : '\n';
  appendFileSync(file, `${sep}${header}${missing.join('\n')}\n`);
}

import { statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { bashWrites } from './bash-writes.js';
import { parseToolInput } from './payload.js';

/**
 * The files a finished tool call wrote, for posttool to scan whole.
 * Write/Edit/MultiEdit/NotebookEdit name their file. For Bash, only the files
 * the command visibly writes (redirections, tee, heredocs) and that were
 * modified in the last few minutes: other writes by Bash (scripts, sed -i,
 * cp, package managers) are not known here; the git hooks catch them at
 * commit time.
 */
export const BASH_RECENT_MS = 10 * 60 * 1000;
export const BASH_MAX_FILES = 20;

export interface SkipNote {
  file: string;
  reason: string;
}

export function writtenFiles(toolName: string, input: Record<string, unknown>, cwd: string): string[] {
  switch (toolName) {
    case 'Write':
      return [resolve(cwd, parseToolInput('Write', input).file_path)];
    case 'Edit':
      return [resolve(cwd, parseToolInput('Edit', input).file_path)];
    case 'MultiEdit':
      return [resolve(cwd, parseToolInput('MultiEdit', input).file_path)];
    case 'NotebookEdit':
      return [resolve(cwd, parseToolInput('NotebookEdit', input).notebook_path)];
    case 'Bash': {
      const { command } = parseToolInput('Bash', input);
      const now = Date.now();
      const out = new Set<string>();
      for (const w of bashWrites(command)) {
        if (out.size >= BASH_MAX_FILES) break;
        // Targets with unexpanded shell syntax ($HOME/x, ~/x, *.py) cannot be resolved without a shell.
        if (/[$`*?~{]/.test(w.target)) continue;
        const abs = resolve(cwd, w.target);
        try {
          const st = statSync(abs);
          if (st.isFile() && now - st.mtimeMs <= BASH_RECENT_MS) out.add(abs);
        } catch {
          // not there (any more): nothing to scan
        }
      }
      return [...out];
    }
    default:
      return [];
  }
}

/**
 * The texts an Edit or MultiEdit put into its file (by absolute path, for `scan`'s files), so that
 * a whole-file scan can tell the lines just written (Fragment.changedLines); none for other tools
 * (a Write wrote every line).
 */
export function editedTexts(toolName: string, input: Record<string, unknown>, scan: readonly string[]): Map<string, string[]> | undefined {
  if (scan.length !== 1 || (toolName !== 'Edit' && toolName !== 'MultiEdit')) return undefined;
  const texts = toolName === 'Edit' ? [parseToolInput('Edit', input).new_string] : parseToolInput('MultiEdit', input).edits.map((e) => e.new_string);
  return new Map([[scan[0]!, texts]]);
}

/** Splits files into those to scan and notes for the ones skipped (outside the workspace, missing, not a file). */
export function checkWritten(files: string[], root: string): { scan: string[]; notes: SkipNote[] } {
  const scan: string[] = [];
  const notes: SkipNote[] = [];
  for (const abs of files) {
    const rel = relative(root, abs);
    if (rel.startsWith('..') || isAbsolute(rel)) {
      notes.push({ file: abs, reason: `outside the workspace ${root}; not scanned` });
      continue;
    }
    let st;
    try {
      st = statSync(abs);
    } catch {
      notes.push({ file: rel, reason: 'does not exist (any more); nothing to scan' });
      continue;
    }
    if (!st.isFile()) {
      notes.push({ file: rel, reason: 'is not a regular file; not scanned' });
      continue;
    }
    scan.push(abs);
  }
  return { scan, notes };
}

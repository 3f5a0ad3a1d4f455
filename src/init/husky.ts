import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../core/atomic-write.js';
import { git } from '../sources/git.js';
import { GIT_HOOKS, hookCommand, type GitHookName, type Report } from './git-hooks.js';

/**
 * Husky repositories keep their hooks in `.husky/<hook>`, run by husky with
 * `sh -e`. mso adds a marked block to each (creating the file when needed,
 * keeping everything else) and removes exactly that block on uninstall. The
 * begin marker records whether mso created the file or added a newline, so
 * uninstall restores the original bytes.
 */
const BEGIN = '# >>> mso';
const END = '# <<< mso';
const SHEBANG = '#!/usr/bin/env sh\n';

export function usesHusky(root: string): boolean {
  if (existsSync(join(root, '.husky'))) return true;
  try {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
    return ['dependencies', 'devDependencies', 'optionalDependencies'].some((k) => pkg[k] && 'husky' in pkg[k]!);
  } catch {
    return false;
  }
}

function block(hook: GitHookName, flags: string[]): string {
  const verb = hook === 'pre-push' ? 'push' : hook === 'pre-merge-commit' ? 'merge' : 'commit';
  const args = hook === 'pre-push' ? ' "$@"' : '';
  const cmd = hookCommand(hook);
  return [
    `${BEGIN} (added by \`mso init\`; \`mso init --uninstall\` removes this block)${flags.length ? ` [${flags.join(',')}]` : ''}`,
    `command -v "\${MSO_BIN:-mso}" >/dev/null 2>&1 || { echo "mso: ${verb} blocked: the mso ${hook} hook is set up but the \\\`mso\\\` command was not found. Install it (./install.sh in an mso checkout, or npm install -g <mso package>) or run \\\`mso init --uninstall\\\`." >&2; exit 1; }`,
    ...(hook === 'pre-push'
      ? [
          // First in the file, so nothing before it can consume git's ref lines; the rest of
          // the file then reads the same lines from the saved copy.
          'mso_refs="$(mktemp)" && cat >"$mso_refs" || { echo "mso: push blocked: cannot save the refs git sent" >&2; exit 1; }',
          `"\${MSO_BIN:-mso}" hook ${cmd}${args} <"$mso_refs" || { mso_rc=$?; rm -f "$mso_refs"; exit $mso_rc; }`,
          'exec <"$mso_refs"; rm -f "$mso_refs"',
        ]
      : [`"\${MSO_BIN:-mso}" hook ${cmd}${args} || exit $?`]),
    END,
    '',
  ].join('\n');
}

/**
 * Where the block goes: pre-push first (after a shebang and husky v8's
 * `. "$(dirname -- "$0")/_/husky.sh"` line), so an earlier command cannot eat
 * the ref lines on stdin; the others last, so they scan what formatters
 * (lint-staged) staged.
 */
function insertAt(hook: GitHookName, text: string): number {
  if (hook !== 'pre-push') return text.length;
  let pos = 0;
  for (;;) {
    const nl = text.indexOf('\n', pos);
    if (nl < 0) return pos;
    const line = text.slice(pos, nl);
    if (!(line.startsWith('#!') || /^\.\s.*husky\.sh/.test(line))) return pos;
    pos = nl + 1;
  }
}

/** Finds mso's block: [start, end) offsets and its flags. */
function findBlock(text: string): { start: number; end: number; flags: string[] } | undefined {
  const at = text.startsWith(BEGIN) ? 0 : text.indexOf('\n' + BEGIN);
  if (at < 0) return undefined;
  const start = at === 0 && text.startsWith(BEGIN) ? 0 : at + 1;
  const endMarker = text.indexOf('\n' + END, start);
  if (endMarker < 0) return undefined;
  let end = endMarker + 1 + END.length;
  if (text[end] === '\n') end++;
  const firstLine = text.slice(start, text.indexOf('\n', start));
  const flags = /\[([a-z,]+)\]\s*$/.exec(firstLine)?.[1]?.split(',') ?? [];
  return { start, end, flags };
}

export async function installHusky(root: string): Promise<Report> {
  const report: Report = [];
  for (const hook of GIT_HOOKS) {
    const path = join(root, '.husky', hook);
    const rel = `.husky/${hook}`;
    if (!existsSync(path)) {
      // The shebang lets husky v8 (core.hooksPath=.husky, files run directly) run it too.
      writeFileAtomic(path, SHEBANG + block(hook, ['created']), 0o755);
      report.push(`${hook}: created ${rel} running \`mso hook ${hookCommand(hook)}\``);
      continue;
    }
    const text = readFileSync(path, 'utf8');
    const found = findBlock(text);
    if (found) {
      const wanted = block(hook, found.flags);
      if (text.slice(found.start, found.end) === wanted) report.push(`${hook}: already in ${rel}, nothing changed`);
      else {
        writeFileAtomic(path, text.slice(0, found.start) + wanted + text.slice(found.end), statSync(path).mode & 0o7777);
        report.push(`${hook}: updated mso's lines in ${rel}`);
      }
      continue;
    }
    const at = insertAt(hook, text);
    const needsNewline = at === text.length && text.length > 0 && !text.endsWith('\n');
    const flags = needsNewline ? ['newline'] : [];
    writeFileAtomic(path, text.slice(0, at) + (needsNewline ? '\n' : '') + block(hook, flags) + text.slice(at), statSync(path).mode & 0o7777);
    report.push(`${hook}: added \`mso hook ${hookCommand(hook)}\` to ${rel} (kept what was there)`);
  }
  const hooksPath = await git(['config', '--get', 'core.hooksPath'], { cwd: root, okCodes: [1] });
  const active = hooksPath.stdout.toString('utf8').trim().replace(/\/$/, '');
  if (!active.endsWith('.husky/_') && !active.endsWith('.husky')) {
    report.push('note: husky is not active in this clone yet (core.hooksPath is not .husky/_): run `npx husky` or `npm install`');
  }
  return report;
}

export function uninstallHusky(root: string): Report {
  const report: Report = [];
  for (const hook of GIT_HOOKS) {
    const path = join(root, '.husky', hook);
    const rel = `.husky/${hook}`;
    const text = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
    const found = text === undefined ? undefined : findBlock(text);
    if (text === undefined || !found) {
      report.push(`${hook}: no mso lines in ${rel}, nothing to remove`);
      continue;
    }
    let rest = text.slice(0, found.start) + text.slice(found.end);
    if (found.flags.includes('newline') && found.end === text.length && rest.endsWith('\n')) rest = rest.slice(0, -1);
    if (found.flags.includes('created') && (rest === '' || rest === SHEBANG)) {
      rmSync(path);
      report.push(`${hook}: removed ${rel} (mso created it)`);
    } else {
      writeFileAtomic(path, rest, statSync(path).mode & 0o7777);
      report.push(`${hook}: removed mso's lines from ${rel}`);
    }
  }
  return report;
}

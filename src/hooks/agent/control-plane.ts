import { lstatSync, readFileSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import type { WorkspaceConfig } from '../../config/workspace.js';
import { loadControlPlaneList, type ControlPlaneList } from './control-plane-list.js';

/**
 * mso's control plane for one workspace, read at hook time: the declarative
 * list (rules/guard/control-plane.yaml), the user's additions
 * (`agentHooks.controlPlane`), and what the *current* configuration loads (its
 * rule folders and baseline, git's hooks folder, a worktree's real git folder).
 *
 * Paths are compared as absolute paths, segment by segment and case-folded
 * (macOS and Windows file systems ignore case), both as written and with
 * symlinks resolved, so `x/workspace.json` with `x -> .mso` is caught.
 */
export interface ProtectedEntry {
  /** Absolute, case-folded path segments. */
  segs: string[];
  /** How the entry is shown in messages (relative to the root when inside it). */
  shown: string;
  /** The absolute path as configured (original case), to look inside it. */
  abs: string;
}

export interface ControlPlane {
  root: string;
  list: ControlPlaneList;
  entries: ProtectedEntry[];
}

export type Overlap = 'inside' | 'ancestor';

export function expandHome(p: string): string {
  if (p === '~') return homedir();
  if (p.startsWith('~/')) return join(homedir(), p.slice(2));
  return p;
}

/**
 * Absolute segments of a path, case-folded; backslashes separate too, and
 * trailing dots and spaces are dropped (Windows ignores them: `.mso.` is `.mso`).
 */
export function segmentsOf(abs: string): string[] {
  return abs
    .split(/[\\/]+/)
    .filter((s) => s !== '' && s !== '.')
    .map((s) => (s === '..' ? s : s.toLowerCase().replace(/(?<=[^. ])[. ]+$/, '')));
}

/** The real path of the deepest existing ancestor (up to the first glob segment), with the rest appended. */
export function realVariant(abs: string): string | undefined {
  const parts = abs.split('/');
  let cut = parts.findIndex((p) => /[*?[]/.test(p));
  if (cut === -1) cut = parts.length;
  for (let k = cut; k > 1; k--) {
    const head = parts.slice(0, k).join('/') || '/';
    let exists = false;
    try {
      lstatSync(head);
      exists = true;
    } catch {
      exists = false;
    }
    if (!exists) continue;
    try {
      const real = realpathSync(head);
      const out = [real, ...parts.slice(k)].join('/');
      return out === abs ? undefined : out;
    } catch {
      // A dangling symlink: its target is where a write would go.
      const target = readlinkSafe(head);
      return target ? [resolve(dirname(head), target), ...parts.slice(k)].join('/') : undefined;
    }
  }
  return undefined;
}

function readlinkSafe(p: string): string | undefined {
  try {
    return lstatSync(p).isSymbolicLink() ? readlinkSync(p) : undefined;
  } catch {
    return undefined;
  }
}

function readIfSmall(p: string, limit = 256 * 1024): string | undefined {
  try {
    const st = statSync(p);
    if (!st.isFile() || st.size > limit) return undefined;
    return readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
}

/** Extra entries from git: a worktree's real git folders, and a configured core.hooksPath. */
function gitEntries(root: string): string[] {
  const out: string[] = [];
  let gitDir = join(root, '.git');
  const dotGit = readIfSmall(gitDir, 4096);
  if (dotGit !== undefined) {
    // A worktree or submodule: `.git` is a file naming the real folder.
    const m = /^gitdir:\s*(.+?)\s*$/m.exec(dotGit);
    if (m) {
      gitDir = resolve(root, m[1]!);
      out.push(join(gitDir, 'config'), join(gitDir, 'config.worktree'), join(gitDir, 'hooks'));
      const common = readIfSmall(join(gitDir, 'commondir'), 4096)?.trim();
      if (common) {
        const c = resolve(gitDir, common);
        out.push(join(c, 'config'), join(c, 'hooks'), join(c, 'info', 'attributes'));
      }
    }
  }
  for (const cfg of [join(gitDir, 'config'), join(gitDir, 'config.worktree')]) {
    const text = readIfSmall(cfg);
    if (!text) continue;
    for (const m of text.matchAll(/^\s*hookspath\s*=\s*"?([^"\n]*?)"?\s*$/gim)) out.push(resolve(root, expandHome(m[1]!)));
  }
  return out;
}

export function buildControlPlane(root: string, config: WorkspaceConfig): ControlPlane {
  const list = loadControlPlaneList();
  const raw = [...list.paths, ...config.agentHooks.controlPlane, ...config.scan.rules, config.scan.baseline];
  const abs = raw.map((p) => resolve(root, expandHome(p))).concat(gitEntries(root));
  const entries: ProtectedEntry[] = [];
  const seen = new Set<string>();
  const add = (a: string, shown: string) => {
    const segs = segmentsOf(a);
    const key = segs.join('/');
    if (seen.has(key)) return;
    seen.add(key);
    entries.push({ segs, shown, abs: a });
  };
  for (const a of abs) {
    const shown = a.startsWith(root + sep) ? a.slice(root.length + 1) : a;
    add(a, shown);
    const real = realVariant(a);
    if (real) add(real, shown);
  }
  return { root, list, entries };
}

/** A glob segment as a regular expression (bash: `*`, `?`, `[...]`), case-folded. */
const segRegexCache = new Map<string, RegExp>();
function segRegex(seg: string): RegExp {
  let re = segRegexCache.get(seg);
  if (re) return re;
  let src = '';
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i]!;
    if (c === '*') src += '.*';
    else if (c === '?') src += '.';
    else if (c === '[') {
      const end = seg.indexOf(']', i + 2);
      if (end === -1) src += '\\[';
      else {
        let body = seg.slice(i + 1, end);
        if (body.startsWith('!')) body = '^' + body.slice(1);
        src += '[' + body.replace(/\\/g, '\\\\') + ']';
        i = end;
      }
    } else src += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  try {
    re = new RegExp(`^${src}$`, 'i'); // mso:allow a glob compiled to a regex: each character escaped or a character class, nothing nested
  } catch {
    re = /^.*$/; // an unreadable pattern could match anything
  }
  segRegexCache.set(seg, re);
  return re;
}

function segMatches(pat: string, seg: string): boolean {
  if (!/[*?[]/.test(pat)) return pat === seg;
  return segRegex(pat).test(seg);
}

/**
 * How a path (possibly a glob) overlaps an entry: `inside` when it is the
 * entry or lies under it (or, as a glob, can), `ancestor` when it holds the
 * entry (deleting or moving it takes the entry along).
 */
export function overlap(pathSegs: string[], entry: string[]): Overlap | undefined {
  const n = Math.min(pathSegs.length, entry.length);
  for (let i = 0; i < n; i++) {
    const p = pathSegs[i]!;
    if (p === '**') return 'inside';
    if (!segMatches(p, entry[i]!)) return undefined;
  }
  return pathSegs.length >= entry.length ? 'inside' : 'ancestor';
}

export interface PathHit {
  entry: ProtectedEntry;
  how: Overlap;
  /** The path as resolved (relative to the root when inside it), for messages. */
  target: string;
}

/** Resolves a path as a tool or a command would (`~`, relative to cwd, `..`, symlinks) and finds the entry it touches. */
export function protectedHit(plane: ControlPlane, p: string, cwd: string): PathHit | undefined {
  if (p === '' || p.includes('\0')) return undefined;
  const expanded = expandHome(p.replace(/\\/g, '/'));
  const abs = resolve(cwd, expanded);
  let best: PathHit | undefined;
  const target = abs.startsWith(plane.root + sep) ? abs.slice(plane.root.length + 1) : abs;
  const check = (a: string) => {
    const segs = segmentsOf(a);
    for (const e of plane.entries) {
      const how = overlap(segs, e.segs);
      if (how === 'inside') return (best = { entry: e, how, target });
      if (how === 'ancestor' && !best) best = { entry: e, how, target };
    }
    return undefined;
  };
  if (check(abs)) return best;
  const real = realVariant(abs);
  if (real && check(real)) return best;
  return best;
}

export function isInside(root: string, abs: string): boolean {
  return abs === root || abs.startsWith(root + sep);
}

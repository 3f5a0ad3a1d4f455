import { lstatSync, readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { MsoError } from '../core/errors.js';
import { globMatcher } from '../core/glob.js';
import { git } from './git.js';
import type { Source, SourceItem } from './source.js';

/** Folders nobody wants scanned by default: dependencies, VCS internals, virtualenvs, caches. */
export const DEFAULT_EXCLUDES = [
  '**/node_modules/**',
  '**/.git/**',
  '**/vendor/**',
  '**/third_party/**',
  '**/bower_components/**',
  '**/.venv/**',
  '**/venv/**',
  '**/__pycache__/**',
  '**/.tox/**',
  '**/.mypy_cache/**',
  '**/.pytest_cache/**',
  '**/.mso/**',
];

/** Path as reported: relative to the root with forward slashes, or absolute when outside it. */
export function displayPath(root: string, abs: string): string {
  const rel = relative(root, abs);
  // "..env" is a file in the root; only ".." itself or "../…" leaves it.
  if (rel === '' || rel === '..' || rel.startsWith('..' + sep) || isAbsolute(rel)) return abs.split(sep).join('/');
  return rel.split(sep).join('/');
}

/**
 * Whole files: the given files and folders (walked, with default excludes),
 * or with no paths inside a git repository, every tracked and untracked
 * non-ignored file. Works outside git. A path that does not exist is an error.
 */
export class FilesSource implements Source {
  readonly target = 'files';
  private readonly excluded: (p: string) => boolean;

  constructor(
    readonly root: string,
    private readonly paths: string[],
    private readonly cwd: string,
    exclude: string[],
    private readonly inGit: boolean,
    /** Texts a tool call just wrote, by absolute path (posttool; Fragment.changedLines). */
    private readonly written?: ReadonlyMap<string, readonly string[]>,
  ) {
    const m = globMatcher(exclude);
    // Match on the path relative to the walk's start and with a leading "/" so "**/x/**" matches a top-level x.
    this.excluded = (p) => m(p) || m(p + '/');
  }

  async *items(): AsyncGenerator<SourceItem> {
    if (this.paths.length === 0 && this.inGit) {
      const { stdout } = await git(['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--full-name'], { cwd: this.root });
      const seen = new Set<string>();
      for (const rel of stdout.toString('utf8').split('\0')) {
        if (!rel || seen.has(rel)) continue;
        seen.add(rel);
        if (this.excluded(rel)) continue;
        const abs = join(this.root, rel);
        const st = safeLstat(abs);
        if (!st) continue; // tracked but deleted in the working tree
        if (st.isSymbolicLink() || !st.isFile()) continue;
        yield { kind: 'file', path: rel, abs };
      }
      return;
    }
    const starts = this.paths.length ? this.paths : ['.'];
    for (const p of starts) {
      const abs = resolve(this.cwd, p);
      let st;
      try {
        st = statSync(abs);
      } catch {
        throw new MsoError(`scan: ${p}: no such file or folder`);
      }
      // A path the user names explicitly is scanned even if it is normally excluded.
      if (st.isFile()) yield { kind: 'file', path: displayPath(this.root, abs), abs, ...(this.written?.has(abs) ? { written: this.written.get(abs) } : {}) };
      else if (st.isDirectory()) {
        // displayPath gives the root itself as an absolute path; entries below it are shown relative.
        const shown = relative(this.root, abs) === '' ? '' : displayPath(this.root, abs);
        yield* this.walk(abs, '', shown === '' || shown.endsWith('/') ? shown : shown + '/');
      }
      else yield { kind: 'skip', item: { path: displayPath(this.root, abs), reason: 'not-a-file' } };
    }
  }

  /**
   * `rel` is the folder's path below the walk's start ('' or ending in '/'), `shown` the
   * displayPath of the folder ('' or ending in '/'): both grow by plain concatenation, no
   * path.relative per entry (names from readdir hold no separator).
   */
  private *walk(dir: string, rel: string, shown: string): Generator<SourceItem> {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      throw new MsoError(`scan: cannot read folder ${dir}: ${(err as Error).message}`);
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const prefix = dir.endsWith(sep) ? dir : dir + sep;
    for (const e of entries) {
      const abs = prefix + e.name;
      const r = rel + e.name;
      if (e.isDirectory()) {
        if (this.excluded(r + '/')) continue;
        yield* this.walk(abs, r + '/', shown + e.name + '/');
      } else if (e.isFile()) {
        if (this.excluded(r)) continue;
        yield { kind: 'file', path: shown + e.name, abs };
      }
      // symlinks are not followed: a link out of the tree must not pull in other files
    }
  }
}

function safeLstat(p: string) {
  try {
    return lstatSync(p);
  } catch {
    return undefined;
  }
}

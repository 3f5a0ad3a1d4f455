import { readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { writeFileAtomicQuietly } from './atomic-write.js';

/**
 * Files of the package whose content a run has checked against the build (a SHA-256 over
 * their bytes: the built-in rule files against dist/builtin-rules.json, the keyword automata
 * against their own digest), remembered by identity — device, inode, size, modification and
 * change time — in `dist/verified-files.json`. A later run that finds a file with the same
 * identity trusts it without reading and hashing it again: a hook that scans one edited file
 * would otherwise read ~20 rule files, walk rules/ and load node:crypto (~4–8 ms together)
 * only to learn that nothing changed. Writing to a file changes its modification and change
 * time, adding or removing one changes its folder's; the change time cannot be set back by a
 * user, so an edit is always seen and checked in full.
 *
 * The record is the V8 code cache's trust model (cli/bundle-loader.ts): it lives in the
 * package, so whoever can write it can as well rewrite mso's code. It names the build it was
 * made for (a rebuild starts a new one); a missing, unreadable or foreign record, or a package
 * folder mso cannot write, only costs the full check.
 */
export const VERIFIED_FILES = join('dist', 'verified-files.json');

interface Record {
  build: string;
  /** path relative to the package root, `/`-separated → identity */
  files: { [path: string]: string };
  /** named sets of paths checked together (e.g. every folder a walk of rules/ visited) */
  groups?: { [name: string]: string[] };
  /** named values derived from files (paths as in `files`), valid while each file keeps its identity */
  facts?: { [name: string]: { files: string[]; value: unknown } };
}

/** A file's (or folder's) identity, or undefined when it cannot be read. */
export function fileIdentity(path: string): string | undefined {
  try {
    const st = statSync(path, { bigint: true });
    return `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`;
  } catch {
    return undefined;
  }
}

export class VerifiedFiles {
  private record: Record | undefined;
  private changed = false;

  constructor(
    private readonly root: string,
    private readonly build: string,
  ) {}

  /** How the record names a path: relative to the package root, `/`-separated (and pathOf back). */
  key(path: string): string {
    return relative(this.root, path).split(sep).join('/');
  }

  pathOf(key: string): string {
    return join(this.root, ...key.split('/'));
  }

  /** Every entry is a key whose file is trusted. */
  private allTrusted(keys: unknown[]): boolean {
    return keys.every((k) => typeof k === 'string' && this.trusted(this.pathOf(k)));
  }

  private load(): Record {
    if (this.record) return this.record;
    try {
      const data = JSON.parse(readFileSync(join(this.root, VERIFIED_FILES), 'utf8')) as Record;
      if (data?.build === this.build && data.files && typeof data.files === 'object') {
        const groups = data.groups && typeof data.groups === 'object' ? { ...data.groups } : {};
        const facts = data.facts && typeof data.facts === 'object' ? { ...data.facts } : {};
        return (this.record = { build: this.build, files: { ...data.files }, groups, facts });
      }
    } catch {
      // none yet, or unreadable: start a new one
    }
    return (this.record = { build: this.build, files: {}, groups: {}, facts: {} });
  }

  /** True when `path` has the identity it had when a run checked it in full. */
  trusted(path: string): boolean {
    const known = this.load().files[this.key(path)];
    return known !== undefined && known === fileIdentity(path);
  }

  /** True when the group was remembered and every path in it is trusted. */
  trustedGroup(name: string): boolean {
    const paths = this.load().groups?.[name];
    return Array.isArray(paths) && this.allTrusted(paths);
  }

  /** Remembers the group `name`: each path with the identity it had when it was checked (taken before the check). */
  rememberGroup(name: string, checked: ReadonlyArray<{ path: string; identity: string | undefined }>): void {
    for (const c of checked) this.remember(c.path, c.identity);
    const keys = checked.map((c) => this.key(c.path));
    const rec = this.load();
    const old = rec.groups?.[name];
    if (old && old.length === keys.length && old.every((k, i) => k === keys[i])) return;
    (rec.groups ??= {})[name] = keys;
    this.changed = true;
  }

  /**
   * A value a run derived from files (rememberFact), while every one of them still has the
   * identity it had then; undefined otherwise (the caller derives it again).
   */
  fact(name: string): unknown {
    const f = this.load().facts?.[name];
    if (!f || !Array.isArray(f.files) || f.files.length === 0) return undefined;
    return this.allTrusted(f.files) ? f.value : undefined;
  }

  /** Remembers `value` as derived from these files, with the identities they had before it was derived. */
  rememberFact(name: string, from: ReadonlyArray<{ path: string; identity: string | undefined }>, value: unknown): void {
    if (from.length === 0 || from.some((c) => c.identity === undefined)) return;
    for (const c of from) this.remember(c.path, c.identity);
    (this.load().facts ??= {})[name] = { files: from.map((c) => this.key(c.path)), value };
    this.changed = true;
  }

  /**
   * Records `path` as checked in full, with the identity it had before the check (taken before
   * reading it: a change made during the check then leaves a record that no longer matches).
   */
  remember(path: string, id: string | undefined): void {
    const files = this.load().files;
    const k = this.key(path);
    if (id === undefined) {
      if (k in files) delete files[k];
    } else if (files[k] !== id) files[k] = id;
    else return;
    this.changed = true;
  }

  /** Writes what was remembered (atomically: a concurrent run reads the old record or the new one); never throws. */
  save(): void {
    if (!this.changed || !this.record) return;
    this.changed = false;
    // a read-only package folder: every run checks in full
    writeFileAtomicQuietly(join(this.root, VERIFIED_FILES), JSON.stringify(this.record));
  }
}

const byBuild = new Map<string, VerifiedFiles>();

/** The one record of this package folder and build (shared by the rule loader and the automata). */
export function verifiedFiles(root: string, build: string): VerifiedFiles {
  const k = `${root}\0${build}`;
  let v = byBuild.get(k);
  if (!v) byBuild.set(k, (v = new VerifiedFiles(root, build)));
  return v;
}

import type { Fragment, ScanResult, Severity } from '../core/types.js';
import type { WorkspaceConfig } from '../config/workspace.js';
import { FilesSource } from '../sources/files.js';
import { MemorySource } from '../sources/memory.js';
import { RangeSource } from '../sources/range.js';
import type { Source } from '../sources/source.js';
import { StagedSource } from '../sources/staged.js';
import { StdinSource } from '../sources/stdin.js';
import type { Progress } from './progress.js';
import { runScan } from './scan.js';
import { resolveScanSettings, type ScanSettings } from './settings.js';

/**
 * The one way into the scan engine, for every caller: `mso scan`, the git
 * hooks, the agent hooks and dispatch's SEC review. Same rules, same
 * suppressions, same baseline, same configuration resolution
 * (resolveScanSettings), and the sources are built here only.
 */
export interface ApiScanOptions {
  /** Workspace root (repository top level, or the current folder outside git); its .mso/workspace.json applies. */
  root: string;
  /** Folder that relative paths (scanned paths, rule folders, the baseline file) are resolved from; default the root. */
  cwd?: string;
  /** Scanner names, a comma-separated list or "all" (default). */
  scanners?: string[] | string;
  /** Extra rule folders or files on top of the built-in and configured ones. */
  ruleDirs?: string[];
  /** Use the workspace baseline when present (default true). */
  useBaseline?: boolean;
  /** A baseline file that must exist (overrides the workspace one). */
  baseline?: string;
  /** Size limit override ("5MB" or bytes); default the configured one. */
  maxFileSize?: string | number;
  /** Worker threads for file scans (default 1: library callers are usually latency-bound). */
  jobs?: number;
  /** Extra exclude globs for folder walks. */
  exclude?: string[];
  /** false: also walk node_modules/, .git/, vendor/ and the other default excludes. */
  defaultExcludes?: boolean;
  /** Lowest severity that fails the scan; default the configured one. */
  failOn?: Severity;
  progress?: Progress;
  config?: WorkspaceConfig;
  /** A survey of a tree (`mso scan --all`): the code scanners leave out generated code, reported. Hooks never set it. */
  skipGenerated?: boolean;
}

/** What to scan. */
export type ScanTarget =
  | { kind: 'staged' }
  | { kind: 'range'; revArgs: string[] }
  /** Whole files and folders (relative to cwd); inGit: the root is a repository (tracked and untracked, non-ignored files). */
  | { kind: 'files'; paths: string[]; inGit?: boolean; written?: ReadonlyMap<string, readonly string[]> }
  | { kind: 'stdin'; name: string; input?: NodeJS.ReadableStream }
  | { kind: 'fragments'; fragments: Fragment[] };

export interface ScanOutcome {
  result: ScanResult;
  /** The settings the scan ran with (e.g. the fail-on severity the configuration chose). */
  settings: ScanSettings;
}

function sourceFor(target: ScanTarget, s: ScanSettings, opts: ApiScanOptions): Source {
  switch (target.kind) {
    case 'staged':
      return new StagedSource(opts.root, s.maxBytes);
    case 'range':
      return new RangeSource(opts.root, target.revArgs, s.maxBytes);
    case 'files':
      return new FilesSource(opts.root, target.paths, opts.cwd ?? opts.root, s.exclude, target.inGit ?? true, target.written);
    case 'stdin':
      return new StdinSource(opts.root, target.name, s.maxBytes, target.input);
    case 'fragments':
      return new MemorySource(opts.root, target.fragments);
  }
}

/** Resolves the settings, builds the source and runs the engine. */
export async function scan(target: ScanTarget, opts: ApiScanOptions): Promise<ScanOutcome> {
  const settings = resolveScanSettings({
    root: opts.root,
    cwd: opts.cwd,
    config: opts.config,
    scanners: opts.scanners,
    ruleDirs: opts.ruleDirs,
    maxFileSize: opts.maxFileSize,
    baseline: opts.useBaseline === false ? false : opts.baseline,
    exclude: opts.exclude,
    defaultExcludes: opts.defaultExcludes,
    failOn: opts.failOn,
    jobs: opts.jobs ?? 1,
    progress: opts.progress,
    skipGenerated: opts.skipGenerated,
  });
  const result = await runScan(sourceFor(target, settings, opts), settings.engine);
  return { result, settings };
}

const resultOf = (p: Promise<ScanOutcome>) => p.then((o) => o.result);

/** Scans in-memory text (tool inputs, prompts, file contents about to be sent). */
export function scanFragments(fragments: Fragment[], opts: ApiScanOptions): Promise<ScanResult> {
  return resultOf(scan({ kind: 'fragments', fragments }, opts));
}

/** Scans what is staged in the repository at `opts.root`. Staged changes that yield nothing to scan are an error. */
export function scanStaged(opts: ApiScanOptions): Promise<ScanResult> {
  return resultOf(scan({ kind: 'staged' }, opts));
}

/** Scans the lines added by the commits that `git log <revArgs>` lists. */
export function scanCommits(revArgs: string[], opts: ApiScanOptions): Promise<ScanResult> {
  return resultOf(scan({ kind: 'range', revArgs }, opts));
}

/** Scans whole files (paths relative to `cwd`, default the root). A path that does not exist is an error. */
export function scanFiles(paths: string[], opts: ApiScanOptions & { inGit?: boolean; written?: ReadonlyMap<string, readonly string[]> }): Promise<ScanResult> {
  return resultOf(scan({ kind: 'files', paths, inGit: opts.inGit, written: opts.written }, opts));
}

export { failingFindings } from './verdict.js';
export { resolveScanSettings } from './settings.js';
export type { ScanResult } from '../core/types.js';

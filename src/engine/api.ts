import type { Fragment, ScanResult } from '../core/types.js';
import type { WorkspaceConfig } from '../config/workspace.js';
import { FilesSource } from '../sources/files.js';
import { MemorySource } from '../sources/memory.js';
import { RangeSource } from '../sources/range.js';
import type { Source } from '../sources/source.js';
import { StagedSource } from '../sources/staged.js';
import { runScan } from './scan.js';
import { resolveScanSettings, type ScanSettings } from './settings.js';

/**
 * The scan engine as a library, for callers other than `mso scan`: the git
 * hooks, the agent hooks and dispatch's SEC review. Same rules, same
 * suppressions, same baseline, same configuration resolution as the CLI
 * (both go through resolveScanSettings).
 */
export interface ApiScanOptions {
  /** Workspace root (repository top level); its .mso/workspace.json applies. */
  root: string;
  /** Scanner names or "all" (default). */
  scanners?: string[] | string;
  /** Extra rule folders on top of the built-in and configured ones (relative to the root). */
  ruleDirs?: string[];
  /** Use the workspace baseline when present (default true). */
  useBaseline?: boolean;
  /** A baseline file that must exist (overrides the workspace one). */
  baseline?: string;
  /** Size limit override ("5MB" or bytes); default the configured one. */
  maxFileSize?: string | number;
  /** Worker threads for file scans (default 1: library callers are usually latency-bound). */
  jobs?: number;
  config?: WorkspaceConfig;
}

function settings(opts: ApiScanOptions): ScanSettings {
  return resolveScanSettings({
    root: opts.root,
    config: opts.config,
    scanners: opts.scanners,
    ruleDirs: opts.ruleDirs,
    maxFileSize: opts.maxFileSize,
    baseline: opts.useBaseline === false ? false : opts.baseline,
    jobs: opts.jobs ?? 1,
  });
}

async function run(opts: ApiScanOptions, make: (s: ScanSettings) => Source): Promise<ScanResult> {
  const s = settings(opts);
  return runScan(make(s), s.engine);
}

/** Scans in-memory text (tool inputs, prompts, file contents about to be sent). */
export function scanFragments(fragments: Fragment[], opts: ApiScanOptions): Promise<ScanResult> {
  return run(opts, () => new MemorySource(opts.root, fragments));
}

/** Scans what is staged in the repository at `opts.root`. Staged changes that yield nothing to scan are an error. */
export function scanStaged(opts: ApiScanOptions): Promise<ScanResult> {
  return run(opts, (s) => new StagedSource(opts.root, s.maxBytes));
}

/** Scans the lines added by the commits that `git log <revArgs>` lists. */
export function scanCommits(revArgs: string[], opts: ApiScanOptions): Promise<ScanResult> {
  return run(opts, (s) => new RangeSource(opts.root, revArgs, s.maxBytes));
}

/** Scans whole files (paths relative to `cwd`, default the root). A path that does not exist is an error. */
export function scanFiles(paths: string[], opts: ApiScanOptions & { cwd?: string; inGit?: boolean }): Promise<ScanResult> {
  return run(opts, (s) => new FilesSource(opts.root, paths, opts.cwd ?? opts.root, s.exclude, opts.inGit ?? true));
}

export { resolveScanSettings } from './settings.js';
export type { ScanResult } from '../core/types.js';

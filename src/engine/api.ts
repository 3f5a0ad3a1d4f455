import { resolve } from 'node:path';
import type { Fragment, ScanResult } from '../core/types.js';
import { loadWorkspaceConfig, type WorkspaceConfig } from '../config/workspace.js';
import { parseSize } from '../sources/content.js';
import { DEFAULT_EXCLUDES, FilesSource } from '../sources/files.js';
import { MemorySource } from '../sources/memory.js';
import { RangeSource } from '../sources/range.js';
import type { Source } from '../sources/source.js';
import { StagedSource } from '../sources/staged.js';
import { Baseline } from '../suppress/baseline.js';
import { parseScannerList } from '../scanners/registry.js';
import { runScan } from './scan.js';

/**
 * The scan engine as a library, for callers other than `mso scan`: the git
 * hooks, the agent hooks and dispatch's SEC review. Same rules, same
 * suppressions, same baseline; the workspace configuration is honoured.
 */
export interface ApiScanOptions {
  /** Workspace root (repository top level); its .mso/workspace.json applies. */
  root: string;
  /** Scanner names or "all" (default). */
  scanners?: string[] | string;
  /** Extra rule folders on top of the built-in and configured ones. */
  ruleDirs?: string[];
  /** Use the workspace baseline when present (default true). */
  useBaseline?: boolean;
  jobs?: number;
  config?: WorkspaceConfig;
}

function engineOptions(opts: ApiScanOptions) {
  const config = opts.config ?? loadWorkspaceConfig(opts.root);
  const scanners = Array.isArray(opts.scanners) ? parseScannerList(opts.scanners.join(',')) : parseScannerList(opts.scanners);
  const baselinePath = resolve(opts.root, config.scan.baseline);
  return {
    config,
    maxBytes: parseSize(config.scan.maxFileSize),
    engine: {
      scanners: { scanners, ruleDirs: [...config.scan.rules.map((d) => resolve(opts.root, d)), ...(opts.ruleDirs ?? [])] },
      maxBytes: parseSize(config.scan.maxFileSize),
      baseline: opts.useBaseline === false ? undefined : Baseline.loadIfExists(baselinePath),
      jobs: opts.jobs ?? 1,
    },
  };
}

async function run(opts: ApiScanOptions, make: (maxBytes: number, config: WorkspaceConfig) => Source): Promise<ScanResult> {
  const o = engineOptions(opts);
  return runScan(make(o.maxBytes, o.config), o.engine);
}

/** Scans in-memory text (tool inputs, prompts, file contents about to be sent). */
export function scanFragments(fragments: Fragment[], opts: ApiScanOptions): Promise<ScanResult> {
  return run(opts, () => new MemorySource(opts.root, fragments));
}

/** Scans what is staged in the repository at `opts.root`. */
export function scanStaged(opts: ApiScanOptions): Promise<ScanResult> {
  return run(opts, (maxBytes) => new StagedSource(opts.root, maxBytes));
}

/** Scans the lines added by the commits that `git log <revArgs>` lists. */
export function scanCommits(revArgs: string[], opts: ApiScanOptions): Promise<ScanResult> {
  return run(opts, (maxBytes) => new RangeSource(opts.root, revArgs, maxBytes));
}

/** Scans whole files (paths relative to `cwd`, default the root). */
export function scanFiles(paths: string[], opts: ApiScanOptions & { cwd?: string }): Promise<ScanResult> {
  return run(opts, (_maxBytes, config) => {
    const exclude = [...(config.scan.defaultExcludes ? DEFAULT_EXCLUDES : []), ...config.scan.exclude];
    return new FilesSource(opts.root, paths, opts.cwd ?? opts.root, exclude, true);
  });
}

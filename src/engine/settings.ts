import { isAbsolute, resolve } from 'node:path';
import { MsoError, errorMessage } from '../core/errors.js';
import type { Severity } from '../core/types.js';
import { loadWorkspaceConfig, type WorkspaceConfig } from '../config/workspace.js';
import { parseScannerList } from '../scanners/registry.js';
import { parseSize } from '../sources/content.js';
import { DEFAULT_EXCLUDES } from '../sources/files.js';
import { Baseline } from '../suppress/baseline.js';
import type { Progress } from './progress.js';
import type { EngineOptions } from './scan.js';

/**
 * One place that turns the workspace configuration plus a caller's overrides
 * (the `mso scan` flags, or the options of the library API used by the hooks
 * and dispatch) into engine options. Flags win over the configuration, which
 * wins over the defaults, so every entry point scans the same way.
 */
export interface ScanSettingsInput {
  /** Workspace root: the repository top level, or the current folder outside git. */
  root: string;
  /** Folder that user-given relative paths (rule folders, baseline file) are resolved from; default the root. */
  cwd?: string;
  /** Already-loaded configuration; default: `<root>/.mso/workspace.json`. */
  config?: WorkspaceConfig;
  /** Scanner names, a comma-separated list or "all" (default). */
  scanners?: string[] | string;
  /** Extra rule folders or files (relative to cwd), on top of the built-in and configured ones. */
  ruleDirs?: string[];
  /** Size limit override, e.g. "5MB" or a number of bytes. */
  maxFileSize?: string | number;
  /**
   * The baseline: a file (relative to cwd) that must exist, `false` for none,
   * or undefined for the configured one (default .mso/baseline.json) when present.
   */
  baseline?: string | false;
  /** Extra exclude globs for folder walks. */
  exclude?: string[];
  /** false: also walk node_modules/, .git/, vendor/ and the other default excludes. */
  defaultExcludes?: boolean;
  failOn?: Severity;
  /** Worker threads for file scans; 1 scans in this thread. Default: the number of cores. */
  jobs?: number;
  progress?: Progress;
  /** A survey of a tree (`mso scan --all`): the code scanners leave out generated code, reported. */
  skipGenerated?: boolean;
}

export interface ScanSettings {
  root: string;
  config: WorkspaceConfig;
  engine: EngineOptions;
  maxBytes: number;
  /** Globs that folder walks skip. */
  exclude: string[];
  failOn: Severity;
  /** Where the baseline in use came from, if any. */
  baselinePath?: string;
}

export function resolveScanSettings(input: ScanSettingsInput): ScanSettings {
  const root = input.root;
  const cwd = input.cwd ?? root;
  const config = input.config ?? loadWorkspaceConfig(root);

  let maxBytes: number;
  try {
    maxBytes = parseSize(input.maxFileSize ?? config.scan.maxFileSize);
  } catch (err) {
    throw new MsoError(`scan: max file size: ${errorMessage(err)}`);
  }
  if (!(maxBytes > 0)) throw new MsoError(`scan: max file size must be positive`);

  const scanners = parseScannerList(Array.isArray(input.scanners) ? input.scanners.join(',') : input.scanners);
  const ruleDirs = [...config.scan.rules.map((d) => resolve(root, d)), ...(input.ruleDirs ?? []).map((d) => resolve(cwd, d))];

  let baseline: Baseline | undefined;
  let baselinePath: string | undefined;
  if (typeof input.baseline === 'string') {
    baselinePath = resolve(cwd, input.baseline);
    baseline = Baseline.load(baselinePath); // named explicitly: must exist
  } else if (input.baseline === undefined) {
    const configured = isAbsolute(config.scan.baseline) ? config.scan.baseline : resolve(root, config.scan.baseline);
    baseline = Baseline.loadIfExists(configured);
    if (baseline) baselinePath = configured;
  }

  if (input.jobs !== undefined && (!Number.isInteger(input.jobs) || input.jobs < 1)) {
    throw new MsoError(`scan: jobs must be a whole number >= 1 (got ${input.jobs})`);
  }

  const useDefaultExcludes = input.defaultExcludes !== false && config.scan.defaultExcludes;
  return {
    root,
    config,
    maxBytes,
    exclude: [...(useDefaultExcludes ? DEFAULT_EXCLUDES : []), ...config.scan.exclude, ...(input.exclude ?? [])],
    failOn: input.failOn ?? config.scan.failOn,
    baselinePath,
    engine: {
      scanners: {
        scanners,
        ruleDirs,
        decodeDepth: config.scan.decodeDepth,
        ...(input.skipGenerated ? { skipGenerated: true } : {}),
        ...(config.scan.codeExclude.length ? { codeExclude: config.scan.codeExclude } : {}),
      },
      maxBytes,
      baseline,
      jobs: input.jobs,
      progress: input.progress,
    },
  };
}

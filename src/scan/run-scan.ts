import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { writeUserFile } from '../core/user-file.js';
import { MsoError, errorMessage } from '../core/errors.js';
import type { ScanResult, Severity } from '../core/types.js';
import { scan, type ScanTarget } from '../engine/api.js';
import { Progress } from '../engine/progress.js';
import { scanExitCode } from '../engine/verdict.js';
import { renderReport } from '../report/index.js';
import { colorWanted, summaryLine } from '../report/text.js';
import { repoRoot } from '../sources/git.js';
import { writeBaseline } from '../suppress/baseline.js';

/** The options of `mso scan` (src/cli/commands/scan.ts declares them to commander). */
export interface ScanOptions {
  staged?: boolean;
  range?: string;
  all?: boolean;
  stdin?: boolean;
  stdinName?: string;
  scanner?: string;
  rules?: string[];
  format: 'text' | 'json' | 'sarif';
  output?: string;
  failOn?: string;
  baseline?: string | false;
  writeBaseline?: string;
  maxFileSize?: string;
  defaultExcludes?: boolean;
  exclude?: string[];
  jobs?: string;
  quiet?: boolean;
  color?: boolean;
  /** --include-generated: the code scanners also analyse generated code in --all. */
  includeGenerated?: boolean;
}

/** `mso scan`: pick what to scan from the flags, run it through the engine API, write the report, return the exit code. */
export async function runScanCommand(paths: string[], opts: ScanOptions, gitRootPromise?: Promise<string | undefined>): Promise<number> {
  const cwd = process.cwd();
  const rootLookup = gitRootPromise ?? repoRoot(cwd);
  rootLookup.catch(() => undefined); // awaited below, after the usage checks
  const modes = [opts.staged, opts.range !== undefined, opts.all || paths.length > 0, opts.stdin].filter(Boolean).length;
  if (modes > 1) throw new MsoError('scan: choose one of --staged, --range, --all/PATH, --stdin');
  if (opts.range !== undefined && opts.range.trim() === '') throw new MsoError('scan: --range needs a revision range such as origin/main..HEAD');
  const jobs = parseJobs(opts.jobs);

  const gitRoot = await rootLookup;
  const root = gitRoot ?? cwd;
  let target: ScanTarget;
  if (opts.stdin) {
    target = { kind: 'stdin', name: opts.stdinName ?? '<stdin>' };
  } else if (opts.all || paths.length > 0) {
    target = { kind: 'files', paths, inGit: !!gitRoot };
  } else {
    if (!gitRoot) throw new MsoError(`scan: ${cwd} is not inside a git repository (or git cannot be run); use --all PATH to scan files`);
    target = opts.range !== undefined ? { kind: 'range', revArgs: [opts.range] } : { kind: 'staged' };
  }

  const { result, settings } = await scan(target, {
    root,
    cwd,
    scanners: opts.scanner,
    ruleDirs: opts.rules,
    maxFileSize: opts.maxFileSize,
    // Writing a baseline records every current finding, so no baseline filters it.
    useBaseline: !opts.writeBaseline && opts.baseline !== false,
    baseline: typeof opts.baseline === 'string' ? opts.baseline : undefined,
    exclude: opts.exclude,
    defaultExcludes: opts.defaultExcludes,
    failOn: opts.failOn as Severity | undefined,
    jobs: jobs ?? availableParallelism(),
    progress: new Progress(),
    // A survey of whole files leaves generated code (bundles, minified, compiled output) to the secret scanner.
    skipGenerated: target.kind === 'files' && !opts.includeGenerated,
  });

  if (opts.writeBaseline) {
    const path = resolve(cwd, opts.writeBaseline);
    try {
      writeBaseline(path, result.findings);
    } catch (err) {
      throw new MsoError(`scan: cannot write the baseline to ${opts.writeBaseline}: ${errorMessage(err)}`);
    }
    process.stderr.write(`mso: wrote baseline with ${result.findings.length} finding(s) to ${opts.writeBaseline}\n`);
    return 0;
  }

  writeReport(result, opts);
  return scanExitCode(result, settings.failOn);
}

function parseJobs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\s*\d+\s*$/.test(value) || Number(value) < 1) throw new MsoError(`scan: --jobs must be a whole number >= 1 (got '${value}')`);
  return Number(value);
}

function writeReport(result: ScanResult, opts: ScanOptions): void {
  if (opts.output) {
    // Written also when there are no findings: an empty report is still a valid file for CI to upload.
    try {
      writeUserFile(resolve(opts.output), renderReport(result, opts.format, false));
    } catch (err) {
      throw new MsoError(`scan: cannot write the report to ${opts.output}: ${errorMessage(err)}`);
    }
    if (!opts.quiet) process.stderr.write(`mso: ${summaryLine(result)}; report written to ${opts.output}\n`);
    return;
  }
  if (opts.format === 'text' && opts.quiet && result.findings.length === 0) return;
  const color = opts.format === 'text' && opts.color !== false && colorWanted(process.stdout);
  process.stdout.write(renderReport(result, opts.format, color));
}

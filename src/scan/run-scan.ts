import { resolve } from 'node:path';
import { writeUserFile } from '../core/user-file.js';
import { MsoError, errorMessage } from '../core/errors.js';
import type { ScanResult, Severity } from '../core/types.js';
import { runScan } from '../engine/scan.js';
import { Progress } from '../engine/progress.js';
import { resolveScanSettings } from '../engine/settings.js';
import { scanExitCode } from '../engine/verdict.js';
import { renderReport } from '../report/index.js';
import { colorWanted, summaryLine } from '../report/text.js';
import { FilesSource } from '../sources/files.js';
import { repoRoot } from '../sources/git.js';
import { RangeSource } from '../sources/range.js';
import type { Source } from '../sources/source.js';
import { StagedSource } from '../sources/staged.js';
import { StdinSource } from '../sources/stdin.js';
import { writeBaseline } from '../suppress/baseline.js';
import type { ScanCliOptions } from '../cli/commands/scan.js';

/** `mso scan`: pick a source from the flags, run the engine, write the report, return the exit code. */
export async function runScanCommand(paths: string[], opts: ScanCliOptions, gitRootPromise?: Promise<string | undefined>): Promise<number> {
  const cwd = process.cwd();
  const rootLookup = gitRootPromise ?? repoRoot(cwd);
  rootLookup.catch(() => undefined); // awaited below, after the usage checks
  const modes = [opts.staged, opts.range !== undefined, opts.all || paths.length > 0, opts.stdin].filter(Boolean).length;
  if (modes > 1) throw new MsoError('scan: choose one of --staged, --range, --all/PATH, --stdin');
  if (opts.range !== undefined && opts.range.trim() === '') throw new MsoError('scan: --range needs a revision range such as origin/main..HEAD');

  const gitRoot = await rootLookup;
  const root = gitRoot ?? cwd;
  const settings = resolveScanSettings({
    root,
    cwd,
    scanners: opts.scanner,
    ruleDirs: opts.rules,
    maxFileSize: opts.maxFileSize,
    // Writing a baseline records every current finding, so no baseline filters it.
    baseline: opts.writeBaseline ? false : opts.baseline,
    exclude: opts.exclude,
    defaultExcludes: opts.defaultExcludes,
    failOn: opts.failOn as Severity | undefined,
    jobs: parseJobs(opts.jobs),
    progress: new Progress(),
  });

  let source: Source;
  if (opts.stdin) {
    source = new StdinSource(root, opts.stdinName ?? '<stdin>', settings.maxBytes);
  } else if (opts.all || paths.length > 0) {
    source = new FilesSource(root, paths, cwd, settings.exclude, !!gitRoot);
  } else {
    if (!gitRoot) throw new MsoError(`scan: ${cwd} is not inside a git repository (or git cannot be run); use --all PATH to scan files`);
    source = opts.range !== undefined ? new RangeSource(gitRoot, [opts.range], settings.maxBytes) : new StagedSource(gitRoot, settings.maxBytes);
  }

  const result = await runScan(source, settings.engine);

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

function writeReport(result: ScanResult, opts: ScanCliOptions): void {
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

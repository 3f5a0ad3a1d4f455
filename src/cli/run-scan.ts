import { writeFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { MsoError } from '../core/errors.js';
import { severityRank, type ScanResult, type Severity } from '../core/types.js';
import { loadWorkspaceConfig } from '../config/workspace.js';
import { runScan } from '../engine/scan.js';
import { Progress } from '../engine/progress.js';
import { renderReport } from '../report/index.js';
import { colorWanted, summaryLine } from '../report/text.js';
import { parseScannerList } from '../scanners/registry.js';
import { parseSize } from '../sources/content.js';
import { DEFAULT_EXCLUDES, FilesSource } from '../sources/files.js';
import { repoRoot } from '../sources/git.js';
import { RangeSource } from '../sources/range.js';
import type { Source } from '../sources/source.js';
import { StagedSource } from '../sources/staged.js';
import { StdinSource } from '../sources/stdin.js';
import { Baseline, writeBaseline } from '../suppress/baseline.js';
import type { ScanCliOptions } from './commands/scan.js';

/** `mso scan`: pick a source from the flags, run the engine, write the report, return the exit code. */
export async function runScanCommand(paths: string[], opts: ScanCliOptions): Promise<number> {
  const cwd = process.cwd();
  const gitRoot = await repoRoot(cwd);
  const root = gitRoot ?? cwd;
  const config = loadWorkspaceConfig(root);
  const modes = [opts.staged, opts.range !== undefined, opts.all || paths.length > 0, opts.stdin].filter(Boolean).length;
  if (modes > 1) throw new MsoError('scan: choose one of --staged, --range, --all/PATH, --stdin');

  let maxBytes: number;
  try {
    maxBytes = parseSize(opts.maxFileSize ?? config.scan.maxFileSize);
  } catch (err) {
    throw new MsoError(`scan: --max-file-size: ${(err as Error).message}`);
  }
  const ruleDirs = [
    ...config.scan.rules.map((d) => resolve(root, d)),
    ...(opts.rules ?? []).map((d) => resolve(cwd, d)),
  ];
  const scanners = parseScannerList(opts.scanner);

  let source: Source;
  if (opts.stdin) {
    source = new StdinSource(root, opts.stdinName ?? '<stdin>', maxBytes);
  } else if (opts.all || paths.length > 0) {
    const exclude = [...(opts.defaultExcludes === false || !config.scan.defaultExcludes ? [] : DEFAULT_EXCLUDES), ...config.scan.exclude, ...(opts.exclude ?? [])];
    source = new FilesSource(root, paths, cwd, exclude, !!gitRoot);
  } else {
    if (!gitRoot) throw new MsoError(`scan: ${cwd} is not inside a git repository; use --all PATH to scan files`);
    source = opts.range !== undefined ? new RangeSource(gitRoot, [opts.range], maxBytes) : new StagedSource(gitRoot, maxBytes);
  }

  let baseline: Baseline | undefined;
  if (opts.baseline !== false && !opts.writeBaseline) {
    baseline = opts.baseline
      ? Baseline.load(resolve(cwd, opts.baseline))
      : Baseline.loadIfExists(isAbsolute(config.scan.baseline) ? config.scan.baseline : resolve(root, config.scan.baseline));
  }

  const result = await runScan(source, {
    scanners: { scanners, ruleDirs },
    maxBytes,
    baseline,
    jobs: opts.jobs ? Math.max(1, Number.parseInt(opts.jobs, 10) || 1) : undefined,
    progress: new Progress(!!process.stderr.isTTY && opts.format === 'text' ? true : !!process.stderr.isTTY),
  });

  if (opts.writeBaseline) {
    const path = resolve(cwd, opts.writeBaseline);
    writeBaseline(path, result.findings);
    process.stderr.write(`mso: wrote baseline with ${result.findings.length} finding(s) to ${opts.writeBaseline}\n`);
    return 0;
  }

  writeReport(result, opts);
  const failOn = (opts.failOn ?? config.scan.failOn) as Severity;
  return result.findings.some((f) => severityRank(f.severity) >= severityRank(failOn)) ? 1 : 0;
}

function writeReport(result: ScanResult, opts: ScanCliOptions): void {
  if (opts.output) {
    writeFileSync(opts.output, renderReport(result, opts.format, false));
    if (!opts.quiet) process.stderr.write(`mso: ${summaryLine(result)}; report written to ${opts.output}\n`);
    return;
  }
  if (opts.format === 'text' && opts.quiet && result.findings.length === 0) return;
  const color = opts.color !== false && colorWanted(process.stdout);
  process.stdout.write(renderReport(result, opts.format, color));
}

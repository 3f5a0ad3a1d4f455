import { availableParallelism } from 'node:os';
import type { Finding, RawFinding, ScanResult, SkippedItem } from '../core/types.js';
import { loadScanners, type ScannerConfig } from '../scanners/registry.js';
import type { Source } from '../sources/source.js';
import type { Baseline } from '../suppress/baseline.js';
import { Progress } from './progress.js';
import { scanFile, scanFragment, type UnitResult } from './scan-file.js';
import { WorkerPool } from './worker-pool.js';

/**
 * The one scan engine every entry point uses (mso scan, the git hooks, the
 * agent hooks, dispatch's SEC review): a source's items go through the chosen
 * scanners, then inline suppressions and the baseline are applied.
 */
export interface EngineOptions {
  scanners: ScannerConfig;
  maxBytes: number;
  baseline?: Baseline;
  /** Worker threads for file scans; 1 scans in this thread. Default: the number of cores. */
  jobs?: number;
  progress?: Progress;
}

/** Files scanned in this thread before handing the rest to workers; small scans never pay for thread start-up. */
const INLINE_FILES = 200;
const BATCH_FILES = 32;

export async function runScan(source: Source, opts: EngineOptions): Promise<ScanResult> {
  const started = Date.now();
  const scanners = await loadScanners(opts.scanners);
  const progress = opts.progress ?? new Progress(false);
  const raw: RawFinding[] = [];
  const skipped: SkippedItem[] = [];
  let files = 0;
  let bytes = 0;
  let fragments = 0;
  const absorb = (r: UnitResult) => {
    raw.push(...r.findings);
    skipped.push(...r.skipped);
    files += r.files;
    bytes += r.bytes;
    progress.add(r.files, r.bytes);
  };

  const jobs = Math.max(1, opts.jobs ?? availableParallelism());
  const script = jobs > 1 ? WorkerPool.workerScript() : undefined;
  let pool: WorkerPool | undefined;
  let batch: Array<{ path: string; abs: string }> = [];
  const inFlight = new Set<Promise<void>>();
  let inlineFiles = 0;
  let failure: unknown;

  const dispatch = (files: Array<{ path: string; abs: string }>) => {
    const p: Promise<void> = pool!
      .run(files)
      .then(absorb)
      .catch((err) => {
        failure ??= err;
      })
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  };

  try {
    for await (const item of source.items()) {
      if (failure) throw failure;
      if (item.kind === 'skip') {
        skipped.push(item.item);
      } else if (item.kind === 'fragment') {
        fragments++;
        raw.push(...(await scanFragment(scanners, item.fragment, skipped)));
        files++;
        bytes += item.bytes;
        progress.add(1, item.bytes);
      } else if (!script || inlineFiles < INLINE_FILES) {
        inlineFiles++;
        absorb(await scanFile(scanners, item.path, item.abs, opts.maxBytes));
      } else {
        pool ??= new WorkerPool(jobs, script, opts.scanners, opts.maxBytes);
        batch.push({ path: item.path, abs: item.abs });
        if (batch.length >= BATCH_FILES) {
          dispatch(batch);
          batch = [];
          // Keep the walk only a little ahead of the workers: bounded memory.
          while (inFlight.size >= jobs * 2) await Promise.race(inFlight);
        }
      }
    }
    if (batch.length) dispatch(batch);
    await Promise.all(inFlight);
    if (failure) throw failure;
  } finally {
    progress.done();
    await pool?.close();
  }

  const { findings, suppressed, baselined } = filterFindings(raw, opts.baseline);
  return {
    findings,
    skipped,
    stats: { files, bytes, fragments, skipped: skipped.length, suppressed, baselined, durationMs: Date.now() - started },
    rules: scanners.flatMap((s) => s.describeRules()),
    target: source.target,
    root: source.root,
  };
}

/** Drops suppressed and baselined findings (counting them) and duplicates; sorts by file and line. */
export function filterFindings(raw: RawFinding[], baseline?: Baseline): { findings: Finding[]; suppressed: number; baselined: number } {
  let suppressed = 0;
  let baselined = 0;
  const seen = new Set<string>();
  const findings: Finding[] = [];
  for (const f of raw) {
    if (f.suppressed) {
      suppressed++;
      continue;
    }
    if (baseline?.has(f)) {
      baselined++;
      continue;
    }
    const key = `${f.fingerprint}:${f.line}:${f.column}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const { suppressed: _s, ...finding } = f;
    findings.push(finding);
  }
  findings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
  return { findings, suppressed, baselined };
}

import { availableParallelism } from 'node:os';
import { MsoError } from '../core/errors.js';
import type { Finding, RawFinding, RuleDescriptor, ScanResult, SkippedItem } from '../core/types.js';
import { loadScanners, type ScannerConfig } from '../scanners/registry.js';
import type { Scanner } from '../scanners/scanner.js';
import type { ProjectCall } from '../scanners/taint/project-calls.js';
import type { Source } from '../sources/source.js';
import type { Baseline } from '../suppress/baseline.js';
import { Progress } from './progress.js';
import { nextTurn, scanFile, scanFragment, type UnitResult } from './scan-file.js';
import type { WorkerPool } from './worker-pool.js';

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

/**
 * Files (or bytes) scanned in this thread before handing the rest to workers; small scans never pay
 * for thread start-up, and a scan that meets a few large files early starts its workers at once.
 */
const INLINE_FILES = 200;
const INLINE_BYTES = 2 * 1024 * 1024;
/**
 * Files per batch sent to a worker, and at the end of the walk: a worker holds at most two batches
 * (worker-pool.ts), so what is left when the walk ends spreads over every thread instead of
 * waiting in one worker's queue.
 */
const BATCH_FILES = 16;
const TAIL_BATCH_FILES = 4;

export async function runScan(source: Source, opts: EngineOptions): Promise<ScanResult> {
  const started = Date.now();
  // Start the source first (it usually waits on git), then build the scanners
  // (CPU work: rule files, regexes) while git runs in its own process.
  const iterator = source.items()[Symbol.asyncIterator]();
  const first = iterator.next();
  first.catch(() => undefined); // awaited below; this only stops an early rejection being reported as unhandled
  let scanners: Scanner[];
  try {
    scanners = await loadScanners(opts.scanners);
  } catch (err) {
    // Close the source once its first step settles (a streaming git child is killed there).
    void first.then(() => iterator.return?.(undefined)).catch(() => undefined);
    throw err;
  }
  const progress = opts.progress ?? Progress.silent();
  const raw: RawFinding[] = [];
  const skipped: SkippedItem[] = [];
  /** Calls into other project files with untrusted data, and the files walked (the cross-file pass's input). */
  const calls: ProjectCall[] = [];
  const walked = new Map<string, string>();
  let files = 0;
  let bytes = 0;
  let fragments = 0;
  const absorb = (r: UnitResult) => {
    // Loops, not push(...spread): a file with 100k findings must not overflow the call stack.
    for (const f of r.findings) raw.push(f);
    for (const s of r.skipped) skipped.push(s);
    if (r.calls) for (const c of r.calls) calls.push(c);
    files += r.files;
    bytes += r.bytes;
    progress.add(r.files, r.bytes);
  };

  const jobs = Math.max(1, opts.jobs ?? availableParallelism());
  // Loaded only for a scan that may use workers: worker_threads is wasted start-up for a hook's one file.
  const Pool = jobs > 1 ? (await import('./worker-pool.js')).WorkerPool : undefined;
  const script = Pool?.workerScript();
  let pool: WorkerPool | undefined;
  /** Files walked but not yet handed to a worker or scanned here, in walk order. */
  const pending: Array<{ path: string; abs: string }> = [];
  const inFlight = new Set<Promise<void>>();
  let inlineFiles = 0;
  let inlineBytes = 0;
  let received = 0;
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
  /** Hands the next `size` pending files to a worker with room, or scans the oldest one here. */
  const step = async (size: number) => {
    if (failure) throw failure;
    if (pool!.hasRoom()) {
      dispatch(pending.splice(0, size));
      return;
    }
    const f = pending.shift()!;
    const r = await scanFile(scanners, f.path, f.abs, opts.maxBytes);
    absorb(r);
    // The turn lets the workers' finished batches in (they arrive as events), so they get their
    // next ones, and frees native memory (scan-file.ts).
    await nextTurn(r.bytes);
  };

  try {
    for (let next = await first; !next.done; next = await iterator.next()) {
      const item = next.value;
      if (failure) throw failure;
      received++;
      if (item.kind === 'file') walked.set(item.path, item.abs);
      if (item.kind === 'skip') {
        skipped.push(item.item);
      } else if (item.kind === 'fragment') {
        fragments++;
        for (const f of await scanFragment(scanners, item.fragment, skipped)) raw.push(f);
        files++;
        bytes += item.bytes;
        progress.add(1, item.bytes);
      } else if (!script || item.written || (inlineFiles < INLINE_FILES && inlineBytes < INLINE_BYTES)) {
        // (a file a tool call just wrote carries what it wrote, which the workers' hand-off does not: scanned here)
        inlineFiles++;
        const r = await scanFile(scanners, item.path, item.abs, opts.maxBytes, item.written);
        inlineBytes += r.bytes;
        absorb(r);
        await nextTurn(r.bytes); // finalizers free native memory (scan-file.ts)
      } else {
        // The main thread is one of the `jobs` scanners: whenever the workers hold all they can, it
        // scans the oldest pending file itself and looks again, so a 2-core scan starts one thread,
        // not two, and the main thread never commits to more than one file while a worker waits.
        pool ??= new Pool!(jobs - 1, script, opts.scanners, opts.maxBytes);
        pending.push({ path: item.path, abs: item.abs });
        while (pending.length >= BATCH_FILES) await step(BATCH_FILES);
      }
    }
    while (pending.length) await step(TAIL_BATCH_FILES);
    await Promise.all(inFlight);
    if (failure) throw failure;
    // The workers' part is done: their heaps go before the cross-file pass (this thread's) grows its own.
    await pool?.close();
    // Flows that cross a file: the modules that routes hand request data to, analysed again with it.
    if (calls.length) await (await import('./cross-file.js')).crossFilePass(scanners, calls, walked, opts.maxBytes, raw);
    const expected = source.expectedItems?.();
    if (expected !== undefined && received < expected) {
      throw new MsoError(`scan: ${source.target}: ${expected} item(s) to scan but ${received} were read; refusing to pass a scan that scanned nothing`);
    }
  } catch (err) {
    await iterator.return?.(undefined)?.catch(() => undefined); // stop the source (and its git child) early
    throw err;
  } finally {
    progress.done();
    await pool?.close();
  }
  const workersUsed = pool ? jobs : 0;
  // Workers finish in any order: sort so reports are stable from run to run.
  skipped.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

  const { findings, suppressed, baselined } = filterFindings(raw, opts.baseline);
  const result: ScanResult = {
    findings,
    skipped,
    stats: { files, bytes, fragments, skipped: skipped.length, suppressed, baselined, durationMs: Date.now() - started, workers: workersUsed },
    rules: [],
    target: source.target,
    root: source.root,
  };
  // Described when a report asks (SARIF lists the rules): a code scanner whose rule set waits for a
  // file that opens its gate (taint/compile.ts ruleSetFor) is not compiled only to be described.
  let rules: RuleDescriptor[] | undefined;
  Object.defineProperty(result, 'rules', {
    enumerable: true,
    configurable: true,
    get: () => (rules ??= scanners.flatMap((s) => s.describeRules())),
    set: (value: RuleDescriptor[]) => {
      rules = value;
    },
  });
  return result;
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

import { parentPort, workerData } from 'node:worker_threads';
import { installProcessGuard } from '../net/guard.js';
import { installWorkerGuard, type WorkerGuardData } from '../net/worker-guard.js';
import { loadScanners, type ScannerConfig } from '../scanners/registry.js';
import { nextTurn, scanFile, type UnitResult } from './scan-file.js';

/** A worker thread of the --all scan: builds its own scanners, then scans the file batches it is sent. */
interface Init {
  cfg: ScannerConfig;
  maxBytes: number;
  guard?: WorkerGuardData;
}
interface Batch {
  id: number;
  files: Array<{ path: string; abs: string }>;
}

const { cfg, maxBytes, guard } = workerData as Init;
// The main thread's egress guard, installed before any scanner loads or any batch arrives.
installWorkerGuard(guard, installProcessGuard);
const scannersReady = loadScanners(cfg);

// Batches are scanned one after another: each file's scan ends with a turn of the event loop
// (scan-file.ts), during which a second batch that has arrived must wait, not start.
const queue: Batch[] = [];
let running = false;

async function drain(): Promise<void> {
  running = true;
  for (let batch = queue.shift(); batch; batch = queue.shift()) {
    try {
      const scanners = await scannersReady;
      const total: UnitResult = { findings: [], skipped: [], bytes: 0, files: 0 };
      for (const f of batch.files) {
        const r = await scanFile(scanners, f.path, f.abs, maxBytes);
        for (const x of r.findings) total.findings.push(x);
        for (const x of r.skipped) total.skipped.push(x);
        if (r.calls) for (const x of r.calls) (total.calls ??= []).push(x);
        total.bytes += r.bytes;
        total.files += r.files;
        await nextTurn(r.bytes); // lets finalizers free native memory (scan-file.ts)
      }
      parentPort!.postMessage({ id: batch.id, result: total });
    } catch (err) {
      parentPort!.postMessage({ id: batch.id, error: (err as Error).message ?? String(err) });
    }
  }
  running = false;
}

parentPort!.on('message', (batch: Batch) => {
  queue.push(batch);
  if (!running) void drain();
});

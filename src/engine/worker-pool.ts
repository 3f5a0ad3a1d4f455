import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { MsoError } from '../core/errors.js';
import { workerGuardData } from '../net/worker-guard.js';
import type { ScannerConfig } from '../scanners/registry.js';
import type { UnitResult } from './scan-file.js';

/**
 * A small pool of scan workers for large --all scans. Each worker scans whole
 * batches of files and holds up to DEPTH of them, so it has the next batch at
 * hand while the main thread is busy (walking the tree or scanning its own share).
 */
const DEPTH = 2;

export class WorkerPool {
  private readonly workers: Worker[] = [];
  private readonly outstanding = new Map<Worker, number>();
  private readonly waiting: Array<(w: Worker) => void> = [];
  private nextId = 0;

  static workerScript(): URL | undefined {
    const url = new URL('./scan-worker.js', import.meta.url);
    return existsSync(fileURLToPath(url)) ? url : undefined; // absent when running from TypeScript sources
  }

  constructor(size: number, script: URL, cfg: ScannerConfig, maxBytes: number) {
    for (let i = 0; i < size; i++) {
      // The egress guard goes with each thread (net/worker-guard.ts).
      const w = new Worker(script, { workerData: { cfg, maxBytes, guard: workerGuardData() } });
      w.unref();
      this.workers.push(w);
      this.outstanding.set(w, 0);
    }
  }

  /** Whether a batch sent now would start at once or next (no worker is full). */
  hasRoom(): boolean {
    return this.workers.some((w) => this.outstanding.get(w)! < DEPTH);
  }

  private leastBusy(): Worker | undefined {
    let best: Worker | undefined;
    for (const w of this.workers) if (this.outstanding.get(w)! < DEPTH && (!best || this.outstanding.get(w)! < this.outstanding.get(best)!)) best = w;
    return best;
  }

  private acquire(): Promise<Worker> {
    const w = this.leastBusy();
    if (w) {
      this.outstanding.set(w, this.outstanding.get(w)! + 1);
      return Promise.resolve(w);
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(w: Worker): void {
    const next = this.waiting.shift();
    if (next) next(w); // the slot passes straight on
    else this.outstanding.set(w, this.outstanding.get(w)! - 1);
  }

  async run(files: Array<{ path: string; abs: string }>): Promise<UnitResult> {
    const w = await this.acquire();
    const id = this.nextId++;
    try {
      return await new Promise<UnitResult>((resolve, reject) => {
        const onMessage = (msg: { id: number; result?: UnitResult; error?: string }) => {
          if (msg.id !== id) return;
          cleanup();
          if (msg.error) reject(new MsoError(`scan worker: ${msg.error}`));
          else resolve(msg.result!);
        };
        const onError = (err: Error) => {
          cleanup();
          reject(new MsoError(`scan worker crashed: ${err.message}`));
        };
        const onExit = (code: number) => {
          cleanup();
          reject(new MsoError(`scan worker exited unexpectedly (code ${code})`));
        };
        const cleanup = () => {
          w.off('message', onMessage);
          w.off('error', onError);
          w.off('exit', onExit);
        };
        w.on('message', onMessage);
        w.on('error', onError);
        w.on('exit', onExit);
        w.postMessage({ id, files });
      });
    } finally {
      this.release(w);
    }
  }

  /** Ends the workers (once: a second call finds none). */
  async close(): Promise<void> {
    await Promise.all(this.workers.splice(0).map((w) => w.terminate()));
  }
}

import { guardState } from './context.js';

/**
 * Worker threads have their own copies of net, dns, dgram and fetch, so the
 * guard the main thread installed does not reach them. A thread mso starts
 * passes `workerGuardData()` in its workerData and calls
 * `installWorkerGuard(data, installProcessGuard)` in its top-level code, so it holds connections to the same
 * workspace's residency mode.
 */
export interface WorkerGuardData {
  root: string;
}

export function workerGuardData(): WorkerGuardData | undefined {
  return guardState.installed && guardState.root ? { root: guardState.root } : undefined;
}

/** In the worker, before anything else runs: the same guard, for the same workspace. */
export function installWorkerGuard(data: WorkerGuardData | undefined, install: (root: string) => void): void {
  if (data) install(data.root);
}

import { isIP } from 'node:net';
import { MsoError } from '../core/errors.js';
import { loadWorkspaceConfig } from '../config/workspace.js';

/**
 * Every network request mso makes goes through here, tagged with its purpose.
 * Minimal version (dispatch's placeholder until the trust work lands with the
 * same API): in air-gapped mode (`dataResidency.mode` in .mso/workspace.json)
 * a request to anything but loopback is refused before any connection is made.
 */
export type EgressPurpose = 'model' | 'licence' | 'telemetry' | 'mcp';

export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || h === '0:0:0:0:0:0:0:1' || /^::ffff:127\./.test(h);
  return false;
}

function requestUrl(input: Parameters<typeof fetch>[0]): URL {
  if (input instanceof URL) return input;
  if (typeof input === 'string') return new URL(input);
  return new URL((input as Request).url);
}

function airGapped(root: string): boolean {
  return loadWorkspaceConfig(root).dataResidency.mode === 'air-gapped';
}

/** Throws if `url` may not be reached for `purpose` from this workspace (lets callers refuse before building a retrying client). */
export function assertEgressAllowed(purpose: EgressPurpose, root: string, url: string | URL): void {
  const u = typeof url === 'string' ? new URL(url) : url;
  if (airGapped(root) && !isLoopbackHost(u.hostname)) {
    throw new MsoError(`egress refused (${purpose}): ${u.host} is not loopback and the workspace is air-gapped (.mso/workspace.json dataResidency.mode)`);
  }
}

/** A fetch for one purpose that enforces the workspace's egress policy. */
export function egressFetch(purpose: EgressPurpose, root: string): typeof fetch {
  const inner = globalThis.fetch;
  const guarded = async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
    const url = requestUrl(input);
    if (airGapped(root) && !isLoopbackHost(url.hostname)) {
      throw new MsoError(`egress refused (${purpose}): ${url.host} is not loopback and the workspace is air-gapped (.mso/workspace.json dataResidency.mode)`);
    }
    return inner(input, init);
  };
  return guarded as typeof fetch;
}

/** Makes the process-wide fetch obey the same policy (for libraries that take no custom fetch). */
export function installProcessGuard(root: string): void {
  const marker = Symbol.for('mso.egress.guard');
  const g = globalThis as unknown as Record<symbol, boolean>;
  if (g[marker]) return;
  const inner = globalThis.fetch;
  globalThis.fetch = (async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
    const url = requestUrl(input);
    if (airGapped(root) && !isLoopbackHost(url.hostname)) {
      throw new MsoError(`egress refused: ${url.host} is not loopback and the workspace is air-gapped`);
    }
    return inner(input, init);
  }) as typeof fetch;
  g[marker] = true;
}

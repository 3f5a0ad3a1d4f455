import { MsoError } from '../core/errors.js';
import { appendEgressLog } from './egress-log.js';
import { egressContext, guardState, type EgressPurpose } from './context.js';
import { installProcessGuard, portOf, urlOf } from './guard.js';
import { normalizeHost } from './hosts.js';
import { decideEgress } from './policy.js';
import { EgressRefused } from './refused.js';

/**
 * The single egress path of mso. Every outbound request mso makes — model
 * calls (dispatch), licence validation, telemetry, remote MCP — is made with
 * a fetch from `egressFetch(purpose, root)`. In an air-gapped workspace any
 * destination but loopback is refused before a socket or a DNS lookup, and
 * every attempt is logged to `<root>/.mso/egress.log`.
 *
 * egressFetch also installs the process-wide guard (see guard.ts), so a
 * dependency that opens its own connections is held to the same rule.
 */
export type { EgressPurpose } from './context.js';
export { EGRESS_PURPOSES } from './context.js';
export { EgressRefused, isEgressRefused, findEgressRefused } from './refused.js';
export { installProcessGuard } from './guard.js';
export { isLoopbackHost } from './hosts.js';
export { egressLogPath, type EgressLogLine } from './egress-log.js';
export { egressLogLineSchema } from './egress-log-schema.js';

export interface EgressFetchOptions {
  /**
   * The transport under the guard (default: the platform fetch as it was
   * before the guard wrapped it). Tests inject one that fails if called.
   */
  transport?: typeof fetch;
}

/**
 * Throws EgressRefused (and logs the refusal) if `url` may not be reached for
 * `purpose` from this workspace. Lets a caller refuse before building a
 * client whose retry logic would otherwise retry a refusal.
 */
export function assertEgressAllowed(purpose: EgressPurpose, root: string, url: string | URL): void {
  const u = typeof url === 'string' ? new URL(url) : url;
  const d = decideEgress(root, u.hostname);
  if (d.allowed) return;
  appendEgressLog(root, {
    time: new Date().toISOString(),
    purpose,
    via: 'fetch',
    host: normalizeHost(u.hostname),
    port: portOf(u),
    decision: 'refused',
    mode: d.mode,
    bytesSent: 0,
    bytesReceived: 0,
  });
  throw new EgressRefused(normalizeHost(u.hostname), purpose, d.mode, d.problem);
}

/** A fetch for one purpose in one workspace, guarded and logged. */
export function egressFetch(purpose: EgressPurpose, root: string, opts: EgressFetchOptions = {}): typeof fetch {
  if (!guardState.installed) installProcessGuard(root);
  const guarded = async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]): Promise<Response> => {
    const url = urlOf(input);
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      throw new MsoError(`egress (${purpose}): only http and https URLs can be fetched`);
    }
    assertEgressAllowed(purpose, root, url);
    const transport = opts.transport ?? guardState.originalFetch ?? globalThis.fetch;
    // The socket guard logs the connection (with its byte counts) under this purpose and root.
    return egressContext.run({ purpose, root }, () => transport(input, init));
  };
  return guarded as typeof fetch;
}

/** Runs `fn` with its connections attributed to `purpose` (e.g. an MCP client that opens its own). */
export function withEgressPurpose<T>(purpose: EgressPurpose, root: string, fn: () => T): T {
  if (!guardState.installed) installProcessGuard(root);
  return egressContext.run({ purpose, root }, fn);
}

import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ensureStateIgnored } from '../trust/state.js';

/**
 * `.mso/egress.log`: one JSON line per outbound attempt, allowed or refused.
 * The line schema is strict and fixed: it has no field that could carry a
 * body, a header, a URL path or query, a file path or a prompt.
 */
export const egressLogLineSchema = z.strictObject({
  time: z.string(),
  purpose: z.enum(['model', 'licence', 'telemetry', 'mcp', 'unattributed']),
  /** How the attempt was seen: a guarded fetch, a socket connect, a DNS lookup, a UDP datagram. */
  via: z.enum(['fetch', 'socket', 'dns', 'udp']),
  host: z.string(),
  port: z.number().int().min(0).max(65535).nullable(),
  decision: z.enum(['allowed', 'refused']),
  mode: z.string(),
  bytesSent: z.number().int().min(0),
  bytesReceived: z.number().int().min(0),
});

export type EgressLogLine = z.infer<typeof egressLogLineSchema>;

export const EGRESS_LOG = join('.mso', 'egress.log');

export function egressLogPath(root: string): string {
  return join(root, EGRESS_LOG);
}

/**
 * Appends a line synchronously (so a refusal is on disk before the error
 * reaches the caller, and lines written from an 'exit' handler land). A log
 * that cannot be written never turns a refusal into an allowance: callers
 * decide first and log second.
 */
export function appendEgressLog(root: string, line: EgressLogLine): void {
  const checked = egressLogLineSchema.parse(line);
  try {
    mkdirSync(join(root, '.mso'), { recursive: true });
    ensureStateIgnored(root, 'egress.log');
    appendFileSync(egressLogPath(root), JSON.stringify(checked) + '\n', { mode: 0o600 });
  } catch (err) {
    process.stderr.write(`mso: warning: cannot write ${egressLogPath(root)}: ${(err as Error).message}\n`);
  }
}

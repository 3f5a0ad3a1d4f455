import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureStateIgnored } from '../workspace/state.js';

/**
 * `.mso/egress.log`: one JSON line per outbound attempt, allowed or refused.
 * A line is built field by field from this fixed shape (the schema in
 * egress-log-schema.ts describes the same), so nothing else can reach it: no
 * body, header, URL path or query, file path or prompt. No zod here: this
 * module loads with the process guard on every mso start.
 */
export interface EgressLogLine {
  time: string;
  purpose: 'model' | 'licence' | 'telemetry' | 'mcp' | 'unattributed';
  /** How the attempt was seen: a guarded fetch, a socket connect, a DNS lookup, a UDP datagram. */
  via: 'fetch' | 'socket' | 'dns' | 'udp';
  host: string;
  port: number | null;
  decision: 'allowed' | 'refused';
  mode: string;
  bytesSent: number;
  bytesReceived: number;
}

export const EGRESS_LOG = join('.mso', 'egress.log');

export function egressLogPath(root: string): string {
  return join(root, EGRESS_LOG);
}

const count = (n: unknown) => (typeof n === 'number' && Number.isFinite(n) && n >= 0 ? Math.floor(n) : 0);

/**
 * Appends a line synchronously (so a refusal is on disk before the error
 * reaches the caller, and lines written from an 'exit' handler land). A log
 * that cannot be written never turns a refusal into an allowance: callers
 * decide first and log second.
 */
export function appendEgressLog(root: string, l: EgressLogLine): void {
  const line: EgressLogLine = {
    time: String(l.time),
    purpose: l.purpose,
    via: l.via,
    host: String(l.host).slice(0, 255),
    port: typeof l.port === 'number' && Number.isInteger(l.port) && l.port >= 0 && l.port <= 65535 ? l.port : null,
    decision: l.decision === 'allowed' ? 'allowed' : 'refused',
    mode: String(l.mode).slice(0, 20),
    bytesSent: count(l.bytesSent),
    bytesReceived: count(l.bytesReceived),
  };
  try {
    mkdirSync(join(root, '.mso'), { recursive: true });
    ensureStateIgnored(root, 'egress.log');
    appendFileSync(egressLogPath(root), JSON.stringify(line) + '\n', { mode: 0o600 });
  } catch (err) {
    process.stderr.write(`mso: warning: cannot write ${egressLogPath(root)}: ${(err as Error).message}\n`);
  }
}

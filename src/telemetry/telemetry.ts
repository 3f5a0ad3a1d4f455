import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { loadWorkspaceConfig } from '../config/workspace.js';
import { writeFileAtomic } from '../core/atomic-write.js';
import { MsoError } from '../core/errors.js';
import { msoVersion } from '../core/version.js';
import { egressFetch } from '../net/egress.js';
import { ensureStateIgnored } from '../workspace/state.js';
import { payloadText, telemetryEventSchema, type TelemetryEvent, type TelemetryEventName } from './events.js';

/**
 * Opt-in telemetry. Consent, the install id and the queue live in
 * `.mso/telemetry/` (machine-local, git-ignored): a repository cannot switch
 * telemetry on for the people who clone it. Off unless `mso telemetry enable`
 * was run here; MSO_TELEMETRY=0 or DO_NOT_TRACK=1 switch it off regardless;
 * an air-gapped workspace neither records nor sends.
 */
export const QUEUE_LIMIT = 500;

const consentSchema = z.strictObject({ enabled: z.boolean(), changedAt: z.string() });

export function telemetryDir(root: string): string {
  return join(root, '.mso', 'telemetry');
}
const consentPath = (root: string) => join(telemetryDir(root), 'consent.json');
const installIdPath = (root: string) => join(telemetryDir(root), 'install-id');
const queuePath = (root: string) => join(telemetryDir(root), 'queue.jsonl');

export interface TelemetryStatus {
  /** What the user chose here. */
  consent: boolean;
  /** Whether events are recorded now (consent, and nothing forcing it off). */
  active: boolean;
  /** Why it is off despite consent. */
  forcedOffBy?: 'MSO_TELEMETRY' | 'DO_NOT_TRACK' | 'air-gapped';
  endpoint: string;
  installId?: string;
  queued: number;
  mode: 'standard' | 'air-gapped';
}

function envOff(env: NodeJS.ProcessEnv): TelemetryStatus['forcedOffBy'] | undefined {
  const v = (env.MSO_TELEMETRY ?? '').trim().toLowerCase();
  if (['0', 'off', 'false', 'no', 'disabled'].includes(v)) return 'MSO_TELEMETRY';
  const dnt = (env.DO_NOT_TRACK ?? '').trim().toLowerCase();
  if (dnt !== '' && dnt !== '0' && dnt !== 'false') return 'DO_NOT_TRACK';
  return undefined;
}

function readConsent(root: string): boolean {
  const p = consentPath(root);
  if (!existsSync(p)) return false;
  try {
    return consentSchema.parse(JSON.parse(readFileSync(p, 'utf8'))).enabled;
  } catch {
    return false; // unreadable consent is no consent
  }
}

export function telemetryStatus(root: string, env: NodeJS.ProcessEnv = process.env): TelemetryStatus {
  const config = loadWorkspaceConfig(root);
  const consent = readConsent(root);
  const mode = config.dataResidency.mode;
  const forcedOffBy = envOff(env) ?? (mode === 'air-gapped' ? 'air-gapped' : undefined);
  const idFile = installIdPath(root);
  return {
    consent,
    active: consent && !forcedOffBy,
    forcedOffBy: consent ? forcedOffBy : undefined,
    endpoint: config.telemetry.endpoint,
    installId: existsSync(idFile) ? readFileSync(idFile, 'utf8').trim() : undefined,
    queued: readQueue(root).events.length,
    mode,
  };
}

export function enableTelemetry(root: string): TelemetryStatus {
  loadWorkspaceConfig(root); // a bad configuration is an error here, not later
  mkdirSync(telemetryDir(root), { recursive: true });
  ensureStateIgnored(root, 'telemetry/');
  if (!existsSync(installIdPath(root))) writeFileAtomic(installIdPath(root), randomUUID() + '\n', 0o600);
  writeFileAtomic(consentPath(root), JSON.stringify({ enabled: true, changedAt: new Date().toISOString() }) + '\n', 0o600);
  return telemetryStatus(root);
}

/** Turns telemetry off and deletes the queue and the install id (a later enable gets a new id). */
export function disableTelemetry(root: string): TelemetryStatus {
  mkdirSync(telemetryDir(root), { recursive: true });
  ensureStateIgnored(root, 'telemetry/');
  writeFileAtomic(consentPath(root), JSON.stringify({ enabled: false, changedAt: new Date().toISOString() }) + '\n', 0o600);
  rmSync(queuePath(root), { force: true });
  rmSync(installIdPath(root), { force: true });
  return telemetryStatus(root);
}

/**
 * Records one allow-listed event if telemetry is active; otherwise does
 * nothing. The event is built here from fixed sources and validated against
 * the strict schema, so no caller can add a field. Never throws: telemetry
 * must not get in the way of a scan or a hook.
 */
export function recordEvent(root: string, name: TelemetryEventName, env: NodeJS.ProcessEnv = process.env): boolean {
  try {
    if (!readConsent(root)) return false;
    const status = telemetryStatus(root, env);
    if (!status.active || !status.installId) return false;
    const event = buildEvent(name, status.installId);
    const { events } = readQueue(root);
    if (events.length >= QUEUE_LIMIT) return false;
    appendFileSync(queuePath(root), JSON.stringify(event) + '\n', { mode: 0o600 });
    return true;
  } catch {
    return false;
  }
}

export function buildEvent(name: TelemetryEventName, installId: string, now = new Date()): TelemetryEvent {
  return telemetryEventSchema.parse({ event: name, version: msoVersion(), time: now.toISOString(), installId });
}

/** The queue as it would be sent: only lines that pass the strict schema (a hand-edited line with another field is dropped, and counted). */
export function readQueue(root: string): { events: TelemetryEvent[]; rejected: number } {
  const p = queuePath(root);
  if (!existsSync(p)) return { events: [], rejected: 0 };
  const events: TelemetryEvent[] = [];
  let rejected = 0;
  for (const line of readFileSync(p, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      events.push(telemetryEventSchema.parse(JSON.parse(line)));
    } catch {
      rejected++;
    }
  }
  return { events, rejected };
}

/** What `mso telemetry send` would post, byte for byte. */
export function queuedPayload(root: string): string {
  return payloadText(readQueue(root).events);
}

export interface SendOptions {
  transport?: typeof fetch;
}

/** Posts the queue to the configured endpoint through the egress module; clears it on success. */
export async function sendTelemetry(root: string, opts: SendOptions = {}): Promise<number> {
  const status = telemetryStatus(root);
  if (status.mode === 'air-gapped') throw new MsoError('telemetry: this workspace is air-gapped: telemetry is never sent from it');
  if (!status.active) throw new MsoError(`telemetry: not enabled${status.forcedOffBy ? ` (switched off by ${status.forcedOffBy})` : ''}: nothing is sent`);
  const raw = existsSync(queuePath(root)) ? readFileSync(queuePath(root), 'utf8') : '';
  const { events } = readQueue(root);
  if (events.length === 0) return 0;
  const body = payloadText(events);
  const f = egressFetch('telemetry', root, { transport: opts.transport });
  let res: Response;
  try {
    res = await f(status.endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(10_000) });
  } catch (err) {
    if (err instanceof MsoError) throw err;
    throw new MsoError(`telemetry: could not reach ${new URL(status.endpoint).host}: ${(err as Error).message}; the queue is kept`);
  }
  await res.arrayBuffer().catch(() => undefined);
  if (!res.ok) throw new MsoError(`telemetry: ${new URL(status.endpoint).host} answered ${res.status}; the queue is kept`);
  // Remove what was sent; events recorded while sending stay queued.
  const now = existsSync(queuePath(root)) ? readFileSync(queuePath(root), 'utf8') : '';
  if (now.startsWith(raw) && now.length > raw.length) writeFileAtomic(queuePath(root), now.slice(raw.length), 0o600);
  else rmSync(queuePath(root), { force: true });
  return events.length;
}

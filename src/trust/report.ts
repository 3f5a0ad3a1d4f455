import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadWorkspaceConfig, WORKSPACE_FILE } from '../config/workspace.js';
import { isLoopbackHost } from '../net/hosts.js';
import { EGRESS_LOG } from '../net/egress-log.js';
import { licenceStatus } from '../licence/licence.js';
import { TELEMETRY_EVENTS } from '../telemetry/events.js';
import { telemetryStatus } from '../telemetry/telemetry.js';

/**
 * `mso trust`: what crosses which boundary, for this workspace and this
 * environment. Built only from local facts (configuration, environment
 * variable names and hosts, local state); it never prints a key.
 */
export const DEFAULT_MODEL_HOST = 'api.anthropic.com';

export interface TrustReport {
  workspace: string;
  residency: { mode: 'standard' | 'air-gapped'; config: string; configured: boolean };
  modelCalls: {
    destination: string;
    host: string;
    from: 'ANTHROPIC_BASE_URL' | 'default';
    credential: string;
    credentialSet: boolean;
    sends: string;
    when: string;
    status: 'allowed' | 'refused';
  };
  workspaceState: { path: string; crosses: string };
  scanning: { crosses: string };
  telemetry: { status: 'off' | 'on'; consent: boolean; forcedOffBy?: string; endpoint: string; fields: string[]; events: readonly string[]; queued: number; crosses: string };
  licence: { validation: 'online' | 'offline'; endpoint?: string; active: boolean; tier?: string; source: string; crosses: string };
  egressLog: { path: string; attempts: number; refused: number; last?: string };
}

/** Counts of `.mso/egress.log` (a line that is not JSON is counted as an attempt, never trusted to be an allowance). */
function egressSummary(root: string): TrustReport['egressLog'] {
  const path = join(root, EGRESS_LOG);
  const out: TrustReport['egressLog'] = { path: EGRESS_LOG, attempts: 0, refused: 0 };
  if (!existsSync(path)) return out;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    out.attempts++;
    try {
      const l = JSON.parse(line) as { decision?: string; time?: string };
      if (l.decision === 'refused') out.refused++;
      if (typeof l.time === 'string') out.last = l.time;
    } catch {
      /* counted */
    }
  }
  return out;
}

function modelDestination(env: NodeJS.ProcessEnv): { destination: string; host: string; from: 'ANTHROPIC_BASE_URL' | 'default' } {
  const raw = env.ANTHROPIC_BASE_URL?.trim();
  if (raw) {
    try {
      const u = new URL(raw);
      // Only scheme, host and port: a base URL could carry a path or credentials, which are not shown.
      return { destination: `${u.protocol}//${u.host}`, host: u.hostname, from: 'ANTHROPIC_BASE_URL' };
    } catch {
      return { destination: '(ANTHROPIC_BASE_URL is not a valid URL)', host: '', from: 'ANTHROPIC_BASE_URL' };
    }
  }
  return { destination: `https://${DEFAULT_MODEL_HOST}`, host: DEFAULT_MODEL_HOST, from: 'default' };
}

export function trustReport(root: string, env: NodeJS.ProcessEnv = process.env): TrustReport {
  const config = loadWorkspaceConfig(root);
  const mode = config.dataResidency.mode;
  const airGapped = mode === 'air-gapped';
  const model = modelDestination(env);
  const credential = env.ANTHROPIC_API_KEY ? 'ANTHROPIC_API_KEY' : env.ANTHROPIC_AUTH_TOKEN ? 'ANTHROPIC_AUTH_TOKEN' : 'ANTHROPIC_API_KEY';
  const credentialSet = !!(env.ANTHROPIC_API_KEY || env.ANTHROPIC_AUTH_TOKEN);
  const modelAllowed = !airGapped || (model.host !== '' && isLoopbackHost(model.host));
  const t = telemetryStatus(root, env);
  const l = licenceStatus(root, { env });
  const telemetryOn = t.active;
  return {
    workspace: root,
    residency: { mode, config: WORKSPACE_FILE, configured: existsSync(join(root, WORKSPACE_FILE)) },
    modelCalls: {
      ...model,
      credential: `${credentialSet ? 'your own' : 'your own (not set)'} ${credential}`,
      credentialSet,
      sends: 'the order, the files the crew reads and the tool results, each secret-scanned first (a secret stops the voyage before anything is sent)',
      when: 'only while `mso dispatch` runs',
      status: modelAllowed ? 'allowed' : 'refused',
    },
    workspaceState: { path: '.mso/', crosses: 'nothing: local disk only (orders, voyages, reports, baseline, registry, logs)' },
    scanning: { crosses: 'nothing: scans, git hooks, agent hooks and the MCP registry run locally (mso mcp pin starts stdio servers on this machine)' },
    telemetry: {
      status: telemetryOn ? 'on' : 'off',
      consent: t.consent,
      forcedOffBy: t.forcedOffBy,
      endpoint: t.endpoint,
      fields: ['event', 'version', 'time', 'installId'],
      events: TELEMETRY_EVENTS,
      queued: t.queued,
      crosses: telemetryOn ? `the name of each mso command run, mso version, time, a random install id -> ${new URL(t.endpoint).host} (on \`mso telemetry send\`)` : 'nothing',
    },
    licence: {
      validation: airGapped ? 'offline' : l.source === 'offline-file' ? 'offline' : 'online',
      endpoint: airGapped || l.source === 'offline-file' ? undefined : l.endpoint,
      active: l.source === 'online' || l.source === 'offline-file',
      tier: l.licence?.tier ?? 'community',
      source: l.source,
      crosses:
        airGapped || l.source === 'offline-file'
          ? 'nothing: a signed licence file verified on this machine'
          : l.keyFrom
            ? `the licence key and mso version -> ${new URL(l.endpoint).host}, only when dispatch needs a (re)validation`
            : `nothing (no licence key: dispatch runs on the community tier); after \`mso licence activate KEY\`: the key and mso version -> ${new URL(l.endpoint).host}`,
    },
    egressLog: egressSummary(root),
  };
}

/** The human table. */
export function renderTrust(r: TrustReport): string {
  const rows: Array<[string, string, string, string]> = [
    ['flow', 'destination', 'what crosses', 'status'],
    [
      'model calls',
      `${r.modelCalls.destination} (${r.modelCalls.from === 'default' ? 'default' : 'from ANTHROPIC_BASE_URL'}), key: ${r.modelCalls.credential}`,
      `${r.modelCalls.sends}; ${r.modelCalls.when}`,
      r.modelCalls.status === 'allowed' ? 'allowed' : 'REFUSED (air-gapped: not loopback)',
    ],
    ['workspace state', `${r.workspaceState.path} on this machine`, r.workspaceState.crosses, 'local only'],
    ['scanning, hooks, MCP registry', 'this machine', r.scanning.crosses, 'local only'],
    [
      'telemetry',
      r.telemetry.status === 'on' ? r.telemetry.endpoint : '-',
      r.telemetry.crosses,
      r.telemetry.status === 'on' ? `on (${r.telemetry.queued} queued)` : r.telemetry.forcedOffBy ? `off (${r.telemetry.forcedOffBy})` : 'off',
    ],
    [
      'licence (dispatch only)',
      r.licence.endpoint ?? 'offline (.mso/licence/licence.json)',
      r.licence.crosses,
      `${r.licence.validation}${r.licence.active ? `, active (${r.licence.tier})` : ', none active (community tier)'}`,
    ],
  ];
  const widths = [0, 1, 3].map((i) => Math.max(...rows.map((row) => row[i]!.length)));
  const out: string[] = [];
  out.push(`mso trust: ${r.workspace}`);
  out.push(`residency mode: ${r.residency.mode}${r.residency.configured ? ` (${r.residency.config})` : ' (default: no .mso/workspace.json)'}`);
  if (r.residency.mode === 'air-gapped') out.push('air-gapped: every destination except loopback (127.0.0.0/8, ::1, localhost) is refused before any DNS lookup or socket');
  out.push('');
  for (const row of rows) {
    out.push(`${row[0]!.padEnd(widths[0]!)}  ${row[3]!.padEnd(widths[2]!)}  ${row[1]}`);
    if (row !== rows[0]) out.push(`${''.padEnd(widths[0]!)}  ${''.padEnd(widths[2]!)}  -> ${row[2]}`);
  }
  out.push('');
  out.push(`every outbound attempt, allowed or refused, is logged in ${r.egressLog.path} (host, port, purpose, bytes; never a body, path or prompt)`);
  out.push(
    r.egressLog.attempts === 0
      ? 'egress log: no outbound attempt recorded'
      : `egress log: ${r.egressLog.attempts} attempt(s), ${r.egressLog.refused} refused, last at ${r.egressLog.last ?? '?'}`,
  );
  return out.join('\n') + '\n';
}

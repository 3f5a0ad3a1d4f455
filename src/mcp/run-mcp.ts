import { MsoError, errorMessage } from '../core/errors.js';
import { loadConfiguredServers, type ConfiguredServer } from './config-files.js';
import { evaluateServers, makeClassifier, type ServerStatus } from './evaluate.js';
import { CAPABILITIES, isRiskLevel, levelRank, raisedLevel, type Capability } from './levels.js';
import { analyseTool } from './poison.js';
import { comparePins, loadPins, pinTools, savePins, PINS_FILE } from './pins.js';
import { loadBuiltinRegistry } from './registry.js';
import { listText, policyLine, problemsText, statusJson } from './report.js';
import { projectRoot, resolveTarget } from './resolve.js';
import { loadMcpPolicy, saveMcpPolicy, MCP_POLICY_FILE } from './workspace-policy.js';

/** The implementations of `mso mcp ...` (loaded only when an mcp command runs). */

function out(text: string): void {
  process.stdout.write(text);
}

async function statuses(root: string, includeUser = true) {
  const servers = loadConfiguredServers(root, { includeUser });
  const policy = loadMcpPolicy(root);
  const classifier = makeClassifier(policy, loadBuiltinRegistry());
  return { servers, policy, statuses: evaluateServers(servers, root, classifier) };
}

export async function runList(opts: { json?: boolean; user?: boolean }): Promise<number> {
  const root = await projectRoot();
  const { policy, statuses: list } = await statuses(root, opts.user !== false);
  if (opts.json) out(JSON.stringify({ root, policy: policy.policy, servers: list.map(statusJson) }, null, 2) + '\n');
  else out(listText(list, policy));
  return 0;
}

const DEFAULT_TIMEOUT_MS = 15_000;

function parseTimeout(text: string | undefined): number {
  if (text === undefined) return DEFAULT_TIMEOUT_MS;
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new MsoError(`mcp: --timeout must be a positive number of milliseconds, got '${text}'`);
  return n;
}

interface PinReport {
  name: string;
  identity: string;
  skipped?: string;
  problems: string[];
}

/** Servers that may be started: stdio, classified and within policy (an unreviewed server is never run). */
function startable(s: ServerStatus): string | undefined {
  if (s.transport !== 'stdio') return 'network server: never contacted, cannot be pinned';
  if (s.problems.some((p) => p.code === 'unclassified' || p.code === 'above-policy')) return 'not started until it is classified and within policy';
  return undefined;
}

/** Launchers run offline, so pinning fetches nothing: a package not already cached fails to start. */
function offline(server: ConfiguredServer): ConfiguredServer {
  const env = { ...server.config.env, npm_config_offline: 'true', UV_OFFLINE: '1', PIP_NO_INDEX: '1' };
  let args = server.config.args;
  const base = (server.config.command ?? '').split(/[\\/]/).pop()!.replace(/\.exe$/i, '');
  const run = args[0] === 'container' ? 1 : 0;
  if ((base === 'docker' || base === 'podman') && args[run] === 'run' && !args.some((a) => a.startsWith('--pull'))) {
    args = [...args.slice(0, run + 1), '--pull=never', ...args.slice(run + 1)];
  }
  return { ...server, config: { ...server.config, env, args } };
}

async function checkPins(root: string, list: ServerStatus[], timeoutMs: number): Promise<PinReport[]> {
  const { listServerTools } = await import('./probe.js');
  const pins = loadPins(root);
  const reports: PinReport[] = [];
  for (const s of list) {
    const rep: PinReport = { name: s.server.name, identity: s.identity.full, problems: [] };
    reports.push(rep);
    const skip = startable(s);
    if (skip) {
      rep.skipped = skip;
      continue;
    }
    const pin = pins.servers[s.identity.key];
    let tools;
    try {
      tools = await listServerTools(offline(s.server).config, { cwd: root, timeoutMs });
    } catch (err) {
      rep.problems.push(`could not start it to compare its tools: ${errorMessage(err)}`);
      continue;
    }
    if (!pin) rep.problems.push(`not pinned: run \`mso mcp pin ${s.server.name}\` after reviewing its tools`);
    else {
      for (const d of comparePins(pin, tools)) {
        if (d.change === 'changed') rep.problems.push(`tool '${d.tool}' changed since it was pinned (${d.parts!.join(', ')})`);
        else if (d.change === 'added') rep.problems.push(`tool '${d.tool}' was added since the server was pinned`);
        else rep.problems.push(`tool '${d.tool}' was removed since the server was pinned`);
      }
    }
    for (const t of tools) for (const f of analyseTool(t)) rep.problems.push(`tool '${t.name}' description looks poisoned (${f.code}): ${f.message}`);
  }
  return reports;
}

export async function runCheck(opts: { json?: boolean; pins?: boolean; timeout?: string; user?: boolean }): Promise<number> {
  const root = await projectRoot();
  const timeoutMs = parseTimeout(opts.timeout);
  const { policy, statuses: list } = await statuses(root, opts.user !== false);
  const pinReports = opts.pins ? await checkPins(root, list, timeoutMs) : undefined;
  const bad = list.filter((s) => s.problems.length > 0);
  const pinBad = (pinReports ?? []).filter((r) => r.problems.length > 0);
  const failed = bad.length > 0 || pinBad.length > 0;
  if (opts.json) {
    out(JSON.stringify({ ok: !failed, policy: policy.policy, servers: list.map(statusJson), pins: pinReports ?? null }, null, 2) + '\n');
    return failed ? 1 : 0;
  }
  if (list.length === 0) {
    out('mso mcp check: no MCP servers configured.\n');
    return 0;
  }
  if (bad.length > 0) {
    out(`mso mcp check: ${bad.length} of ${list.length} MCP server${list.length === 1 ? '' : 's'} not allowed (${policyLine(policy)})\n${problemsText(list)}\n`);
  } else {
    out(`mso mcp check: ${list.length} MCP server${list.length === 1 ? '' : 's'}, all classified and within policy (${policyLine(policy)})\n`);
  }
  if (pinReports) {
    if (pinBad.length > 0) {
      out(`\ntool pins (${PINS_FILE}): ${pinBad.length} server${pinBad.length === 1 ? '' : 's'} with problems\n`);
      for (const r of pinBad) out(`  ${r.name} ${r.identity}\n${r.problems.map((p) => `    - ${p}`).join('\n')}\n`);
    } else out(`\ntool pins (${PINS_FILE}): no changes\n`);
    const skipped = pinReports.filter((r) => r.skipped);
    for (const r of skipped) out(`  (skipped ${r.name}: ${r.skipped})\n`);
  }
  return failed ? 1 : 0;
}

function parseCapabilities(list: string[] | undefined): Capability[] {
  const out: Capability[] = [];
  for (const item of (list ?? []).flatMap((c) => c.split(',')).map((c) => c.trim()).filter(Boolean)) {
    if (!(CAPABILITIES as readonly string[]).includes(item)) {
      throw new MsoError(`mcp: unknown capability '${item}'; known: ${CAPABILITIES.join(', ')}`);
    }
    out.push(item as Capability);
  }
  return [...new Set(out)];
}

export async function runClassify(name: string, opts: { level: string; reason: string; capability?: string[] }): Promise<number> {
  if (!isRiskLevel(opts.level)) throw new MsoError(`mcp: --level must be low, medium, high or critical, got '${opts.level}'`);
  if (!opts.reason?.trim()) throw new MsoError('mcp: --reason must say why (one line)');
  const root = await projectRoot();
  const servers = loadConfiguredServers(root);
  const { identity } = resolveTarget(name, servers, root);
  const policy = loadMcpPolicy(root);
  const builtin = loadBuiltinRegistry().lookup(identity);
  policy.classifications[identity.key] = {
    level: opts.level,
    reason: opts.reason.trim().replace(/\s+/g, ' '),
    capabilities: parseCapabilities(opts.capability),
    ...(identity.key !== name ? { name } : {}),
    classifiedAt: new Date().toISOString(),
  };
  saveMcpPolicy(root, policy);
  out(
    `classified ${identity.key} as ${opts.level} in ${MCP_POLICY_FILE}` +
      (builtin ? ` (overrides the built-in ${builtin.id}: ${builtin.level})` : '') +
      (levelRank(opts.level) > levelRank(policy.policy.maxLevel) ? `\nnote: ${opts.level} is above the policy's ${policy.policy.maxLevel}; it needs \`mso mcp approve\` to be allowed` : '') +
      '\n',
  );
  return 0;
}

export async function runApprove(name: string, opts: { reason?: string; revoke?: boolean }): Promise<number> {
  const root = await projectRoot();
  const servers = loadConfiguredServers(root);
  const { identity } = resolveTarget(name, servers, root);
  const policy = loadMcpPolicy(root);
  if (opts.revoke) {
    const existed = identity.full in policy.approvals;
    delete policy.approvals[identity.full];
    saveMcpPolicy(root, policy);
    out(existed ? `approval of ${identity.full} revoked\n` : `${identity.full} had no approval\n`);
    return 0;
  }
  const classifier = makeClassifier(policy);
  const classification = classifier.classify(identity);
  if (!classification) throw new MsoError(`mcp: ${identity.key} is unclassified; classify it first (\`mso mcp classify ${name} --level <level> --reason "..."\`)`);
  if (identity.pinned === false) {
    throw new MsoError(`mcp: ${identity.key} is not pinned (${identity.pinProblem}); an approval binds to an exact version, so pin one first`);
  }
  // The approval records the level it accepts: the classified level raised by the launch options
  // (host mounts, privileges), so adding such an option later needs a new approval.
  const level = raisedLevel(classification.level, identity.raises ?? []);
  const raised = level !== classification.level ? `, raised from ${classification.level} by ${identity.raises!.map((r) => r.detail).join(', ')}` : '';
  policy.approvals[identity.full] = { ...(opts.reason ? { reason: opts.reason } : {}), level, approvedAt: new Date().toISOString() };
  saveMcpPolicy(root, policy);
  const within = levelRank(level) <= levelRank(policy.policy.maxLevel);
  out(`approved ${identity.full} (${level}${raised}) in ${MCP_POLICY_FILE}${within ? ` (note: ${level} is within the policy anyway)` : ''}\n`);
  return 0;
}

export async function runPin(names: string[], opts: { timeout?: string; json?: boolean }): Promise<number> {
  const root = await projectRoot();
  const timeoutMs = parseTimeout(opts.timeout);
  const { statuses: list } = await statuses(root);
  const unknown = names.filter((n) => !list.some((s) => s.server.name === n));
  if (unknown.length) throw new MsoError(`mcp pin: no configured server named ${unknown.map((n) => `'${n}'`).join(', ')}`);
  const chosen = names.length ? list.filter((s) => names.includes(s.server.name)) : list;
  const { listServerTools } = await import('./probe.js');
  const pins = loadPins(root);
  const results: Array<{ name: string; identity: string; tools?: number; skipped?: string; error?: string; flags: string[] }> = [];
  let failed = false;
  for (const s of chosen) {
    const skip = startable(s);
    if (skip) {
      results.push({ name: s.server.name, identity: s.identity.full, skipped: skip, flags: [] });
      if (names.length) failed = true; // asked for by name and not pinned
      continue;
    }
    try {
      const tools = await listServerTools(offline(s.server).config, { cwd: root, timeoutMs });
      pins.servers[s.identity.key] = pinTools(s.server.name, s.identity.version, tools);
      const flags = tools.flatMap((t) => analyseTool(t).map((f) => `tool '${t.name}' (${f.code}): ${f.message}`));
      if (flags.length) failed = true;
      results.push({ name: s.server.name, identity: s.identity.full, tools: tools.length, flags });
    } catch (err) {
      failed = true;
      results.push({ name: s.server.name, identity: s.identity.full, error: errorMessage(err), flags: [] });
    }
  }
  const pinned = results.filter((r) => r.tools !== undefined).length;
  if (pinned > 0) savePins(root, pins);
  if (opts.json) out(JSON.stringify({ file: PINS_FILE, servers: results }, null, 2) + '\n');
  else {
    for (const r of results) {
      if (r.skipped) out(`skipped ${r.name}: ${r.skipped}\n`);
      else if (r.error) out(`FAILED  ${r.name} (${r.identity}): ${r.error}\n`);
      else {
        out(`pinned  ${r.name} (${r.identity}): ${r.tools} tool${r.tools === 1 ? '' : 's'}\n`);
        for (const f of r.flags) out(`  ! ${f}\n`);
      }
    }
    out(pinned > 0 ? `pins written to ${PINS_FILE}\n` : 'nothing pinned\n');
  }
  return failed ? 1 : 0;
}

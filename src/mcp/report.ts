import type { ServerStatus } from './evaluate.js';
import type { McpPolicy } from './workspace-policy.js';

/** Text and JSON shapes of `mso mcp list` and `mso mcp check`. Never includes env, headers or arguments. */

export function statusJson(s: ServerStatus) {
  return {
    name: s.server.name,
    file: s.server.file,
    scope: s.server.scope,
    transport: s.transport,
    identity: {
      kind: s.identity.kind,
      key: s.identity.key,
      full: s.identity.full,
      name: s.identity.name,
      version: s.identity.version ?? null,
      pinned: s.identity.pinned ?? null,
      runner: s.identity.runner ?? null,
      unresolved: s.identity.unresolved ?? null,
    },
    level: s.level ?? null,
    raisedBy: (s.identity.raises ?? []).map((r) => ({ category: r.category, detail: r.detail, critical: !!r.critical })),
    classification: s.classification
      ? {
          level: s.classification.level,
          capabilities: s.classification.capabilities,
          reason: s.classification.reason,
          origin: s.classification.origin,
          id: s.classification.id,
          source: s.classification.source,
        }
      : null,
    approved: s.approved,
    ok: s.problems.length === 0,
    problems: s.problems,
  };
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

export function policyLine(policy: McpPolicy): string {
  return `policy: up to ${policy.policy.maxLevel} without approval; ${policy.policy.requirePinned ? 'exact versions required' : 'unpinned versions allowed'}`;
}

export function listText(statuses: ServerStatus[], policy: McpPolicy): string {
  if (statuses.length === 0) return 'No MCP servers configured (.mcp.json, .claude/settings.json, ~/.claude.json).\n';
  const rows = statuses.map((s) => [
    s.server.name,
    s.server.file,
    s.classification ? s.level! + (s.level !== s.classification.level ? '^' : '') + (s.classification.origin === 'workspace' ? '*' : '') : '?',
    s.identity.full,
    s.problems.length ? s.problems.map((p) => p.code).join(', ') : s.approved ? 'ok (approved)' : 'ok',
  ]);
  const head = ['NAME', 'FILE', 'LEVEL', 'IDENTITY', 'STATUS'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : pad(c, widths[i]!))).join('  ');
  const out = [line(head), ...rows.map(line)];
  const reasons = statuses
    .filter((s) => s.classification)
    .map((s) => `  ${s.server.name}: ${s.classification!.reason} [${s.classification!.origin === 'workspace' ? '.mso/mcp.json' : s.classification!.id}]`)
    .concat(statuses.filter((s) => s.identity.unresolved).map((s) => `  ${s.server.name}: mso cannot tell what it runs: ${s.identity.unresolved}`));
  return `${out.join('\n')}\n\n${policyLine(policy)}; * = workspace classification; ^ = raised by launch options\n${reasons.join('\n')}\n`;
}

export function problemsText(statuses: ServerStatus[]): string {
  const bad = statuses.filter((s) => s.problems.length > 0);
  return bad
    .map((s) => `  ${s.server.name} (${s.server.file}) ${s.identity.full}\n${s.problems.map((p) => `    - ${p.message}`).join('\n')}`)
    .join('\n');
}

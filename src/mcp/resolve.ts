import { MsoError } from '../core/errors.js';
import { repoRoot } from '../sources/git.js';
import type { ConfiguredServer } from './config-files.js';
import { parseIdentityKey, serverIdentity, type ServerIdentity } from './identity.js';

/** The project root: the repository's top level, or the current folder outside git. */
export async function projectRoot(cwd = process.cwd()): Promise<string> {
  return (await repoRoot(cwd)) ?? cwd;
}

/**
 * What `mso mcp classify NAME` / `approve NAME` mean by NAME: a configured
 * server's name resolves to what it runs; otherwise NAME must be an identity
 * key such as npm:@scope/pkg or url:mcp.example.com.
 */
export function resolveTarget(name: string, servers: ConfiguredServer[], root: string): { identity: ServerIdentity; servers: ConfiguredServer[] } {
  const named = servers.filter((s) => s.name === name);
  if (named.length > 0) {
    const ids = new Map<string, ServerIdentity>();
    for (const s of named) {
      const id = serverIdentity(s.config, root);
      ids.set(id.full, id);
    }
    const unreadable = [...ids.values()].find((id) => id.kind === 'unresolved');
    if (unreadable) {
      throw new MsoError(
        `mcp: mso cannot tell what '${name}' runs (${unreadable.unresolved}), so it cannot be classified or approved; launch it in a form mso reads exactly (docs/mcp-registry.md), or wrap it in a script in the project and classify that`,
      );
    }
    if (ids.size > 1) {
      const list = named.map((s) => `${s.file}: ${serverIdentity(s.config, root).full}`).join('; ');
      throw new MsoError(`mcp: '${name}' names different servers (${list}); give the identity instead`);
    }
    return { identity: [...ids.values()][0]!, servers: named };
  }
  const id = parseIdentityKey(name);
  if (!id) {
    throw new MsoError(
      `mcp: no configured server is named '${name}'; give a configured name (see \`mso mcp list\`) or an identity such as npm:<package>, pypi:<package>, docker:<image>, command:<command>, url:<host/path>`,
    );
  }
  return { identity: id, servers: [] };
}

/**
 * Claude Code names MCP tools `mcp__<server>__<tool>`, with characters other
 * than letters, digits, _ and - in the server name replaced by _.
 */
export function toolServerName(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, '_');
}

/** The configured servers a tool name belongs to (the longest matching server name wins). */
export function serversForTool(toolName: string, servers: ConfiguredServer[]): ConfiguredServer[] {
  let best: ConfiguredServer[] = [];
  let bestLen = -1;
  for (const s of servers) {
    const n = toolServerName(s.name);
    if (!toolName.startsWith(`mcp__${n}__`)) continue;
    if (n.length > bestLen) {
      best = [s];
      bestLen = n.length;
    } else if (n.length === bestLen) best.push(s);
  }
  return best;
}

import { createHash } from 'node:crypto';
import type { ToolDefinition } from './poison.js';

/**
 * Hashes of a tool's definition. JSON is canonicalised (keys sorted) so that
 * a server re-ordering keys is not a change; any change of name, description
 * or input schema is.
 */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

function sha256(text: string): string {
  return `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
}

export interface ToolHashes {
  /** Name + description + input schema together: the pin. */
  hash: string;
  description: string;
  inputSchema: string;
}

export function hashTool(tool: ToolDefinition): ToolHashes {
  return {
    hash: sha256(canonical({ name: tool.name, description: tool.description ?? '', inputSchema: tool.inputSchema ?? null })),
    description: sha256(tool.description ?? ''),
    inputSchema: sha256(canonical(tool.inputSchema ?? null)),
  };
}

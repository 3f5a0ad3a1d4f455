import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../core/atomic-write.js';
import { MsoError, errorMessage } from '../core/errors.js';
import type { ToolDefinition } from './poison.js';
import { hashTool } from './tool-hash.js';

/**
 * `.mso/mcp-pins.json`: for each server (keyed by identity without version,
 * so an upgrade that changes a tool is caught), the hashes of its tools as
 * they were when pinned. Hashes only: no descriptions, nothing secret.
 */
export const PINS_FILE = join('.mso', 'mcp-pins.json');

const toolPinSchema = z.strictObject({ hash: z.string(), description: z.string(), inputSchema: z.string() });
const serverPinSchema = z.strictObject({
  name: z.string(),
  version: z.string().optional(),
  pinnedAt: z.string(),
  tools: z.record(z.string(), toolPinSchema),
});
const pinsSchema = z.strictObject({ version: z.literal(1), servers: z.record(z.string(), serverPinSchema) });

export type PinFile = z.infer<typeof pinsSchema>;
export type ServerPin = z.infer<typeof serverPinSchema>;

export function loadPins(root: string): PinFile {
  const path = join(root, PINS_FILE);
  if (!existsSync(path)) return { version: 1, servers: {} };
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new MsoError(`mcp: ${PINS_FILE}: not valid JSON: ${errorMessage(err)}`);
  }
  const parsed = pinsSchema.safeParse(data);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.map(String).join('.') || '(top level)'}: ${i.message}`);
    throw new MsoError(`mcp: ${PINS_FILE}: invalid pin file\n${lines.join('\n')}`);
  }
  return parsed.data;
}

export function savePins(root: string, pins: PinFile): void {
  writeFileAtomic(join(root, PINS_FILE), JSON.stringify(pins, null, 2) + '\n');
}

export function pinTools(name: string, version: string | undefined, tools: ToolDefinition[]): ServerPin {
  const entries = [...tools].sort((a, b) => (a.name < b.name ? -1 : 1)).map((t) => [t.name, hashTool(t)] as const);
  return { name, version, pinnedAt: new Date().toISOString(), tools: Object.fromEntries(entries) };
}

export interface ToolDrift {
  tool: string;
  change: 'changed' | 'added' | 'removed';
  /** For changed tools: which parts differ. */
  parts?: Array<'description' | 'input schema' | 'name'>;
}

/** What differs between the pinned tools and the tools a server lists now. */
export function comparePins(pin: ServerPin, tools: ToolDefinition[]): ToolDrift[] {
  const drift: ToolDrift[] = [];
  const now = new Map(tools.map((t) => [t.name, hashTool(t)]));
  for (const [name, h] of now) {
    const old = pin.tools[name];
    if (!old) drift.push({ tool: name, change: 'added' });
    else if (old.hash !== h.hash) {
      const parts: ToolDrift['parts'] = [];
      if (old.description !== h.description) parts.push('description');
      if (old.inputSchema !== h.inputSchema) parts.push('input schema');
      drift.push({ tool: name, change: 'changed', parts: parts.length ? parts : ['name'] });
    }
  }
  for (const name of Object.keys(pin.tools)) if (!now.has(name)) drift.push({ tool: name, change: 'removed' });
  return drift.sort((a, b) => (a.tool < b.tool ? -1 : 1));
}

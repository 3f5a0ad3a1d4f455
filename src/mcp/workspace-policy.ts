import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../core/atomic-write.js';
import { MsoError, errorMessage } from '../core/errors.js';
import { CAPABILITIES, RISK_LEVELS, type RiskLevel } from './levels.js';
import { parseIdentityKey } from './identity.js';
import { Registry, type Classification } from './registry.js';

/**
 * `.mso/mcp.json`: the workspace's MCP policy, its own classifications (which
 * add servers and override built-in levels) and its approvals. Written by
 * `mso mcp classify` and `mso mcp approve`; documented in docs/mcp-registry.md.
 */
export const MCP_POLICY_FILE = join('.mso', 'mcp.json');

const identityKey = z.string().refine((k) => parseIdentityKey(k) !== undefined, {
  message: 'not an identity key (npm:<package>, pypi:<package>, docker:<image>, command:<command line>, url:<host/path>)',
});

const classificationSchema = z.strictObject({
  level: z.enum(RISK_LEVELS),
  reason: z.string().min(1),
  capabilities: z.array(z.enum(CAPABILITIES)).default([]),
  /** The configured name it was classified under, for people reading the file. */
  name: z.string().optional(),
  classifiedAt: z.string().optional(),
});

const approvalSchema = z.strictObject({
  reason: z.string().optional(),
  /** The level approved (the classified level raised by launch options, at the time of approval). */
  level: z.enum(RISK_LEVELS).optional(),
  approvedAt: z.string().optional(),
});

export const mcpPolicySchema = z.strictObject({
  $schema: z.string().optional(),
  policy: z
    .strictObject({
      /** The highest level a server may have without an explicit approval. */
      maxLevel: z.enum(RISK_LEVELS).default('medium'),
      /** Package and image versions must be exact (an unpinned server is a finding). */
      requirePinned: z.boolean().default(true),
    })
    .prefault({}),
  /** Identity key (without version) → classification. */
  classifications: z
    .record(
      identityKey.refine((k) => parseIdentityKey(k)?.version === undefined, {
        message: 'classifications cover every version: write the key without a version (approvals are per version)',
      }),
      classificationSchema,
    )
    .default({}),
  /** Full identity (with version when there is one) → approval to run above maxLevel. */
  approvals: z.record(identityKey, approvalSchema).default({}),
});

export type McpPolicy = z.infer<typeof mcpPolicySchema>;

export function mcpPolicyPath(root: string): string {
  return join(root, MCP_POLICY_FILE);
}

export function parseMcpPolicy(text: string, shown: string): McpPolicy {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new MsoError(`mcp: ${shown}: not valid JSON: ${errorMessage(err)}`);
  }
  const parsed = mcpPolicySchema.safeParse(data);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      // A bad record key nests its own issues; their message says what is wrong with the key.
      const nested = i.code === 'invalid_key' ? i.issues[0]?.message : undefined;
      return `  ${i.path.map(String).join('.') || '(top level)'}: ${nested ? `bad key: ${nested}` : i.message}`;
    });
    throw new MsoError(`mcp: ${shown}: invalid MCP policy file\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** Loads `.mso/mcp.json`; no file means the default policy and no classifications. */
export function loadMcpPolicy(root: string): McpPolicy {
  const path = mcpPolicyPath(root);
  if (!existsSync(path)) return mcpPolicySchema.parse({});
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new MsoError(`mcp: ${MCP_POLICY_FILE}: cannot read: ${errorMessage(err)}`);
  }
  return parseMcpPolicy(text, MCP_POLICY_FILE);
}

export function saveMcpPolicy(root: string, policy: McpPolicy): void {
  writeFileAtomic(mcpPolicyPath(root), JSON.stringify(policy, null, 2) + '\n');
}

/** The workspace classifications as a lookup table, keyed like the built-in registry. */
export function workspaceRegistry(policy: McpPolicy): Registry<Classification> {
  const registry = new Registry<Classification>();
  for (const [key, c] of Object.entries(policy.classifications)) {
    const id = parseIdentityKey(key)!;
    registry.add(id.kind, id.name, {
      level: c.level,
      capabilities: c.capabilities,
      reason: c.reason,
      origin: 'workspace',
      id: id.key,
      source: MCP_POLICY_FILE,
    });
  }
  return registry;
}

/** Approvals normalised to full identities (so `npm:@A/B@1.0.0` and `npm:@a/b@1.0.0` agree), with the level approved. */
export function approvalsByIdentity(policy: McpPolicy): Map<string, RiskLevel | null> {
  return new Map(Object.entries(policy.approvals).map(([k, a]) => [parseIdentityKey(k)!.full, a.level ?? null]));
}

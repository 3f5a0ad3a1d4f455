import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { MsoError, errorMessage } from '../core/errors.js';
import { builtinRulesDir } from '../core/package-root.js';
import { CAPABILITIES, RISK_LEVELS, type Capability, type RiskLevel } from './levels.js';
import { normalisePypiName, parseImage, urlIdentity, type IdentityKind, type ServerIdentity } from './identity.js';

/**
 * The built-in classifications: YAML files in rules/mcp/. Each entry names
 * what it matches (npm or PyPI package, docker image, command, URL host and
 * path prefix), a risk level, capabilities and a one-line reason. Files are
 * validated strictly; an error names the file and the entry.
 */
const matcherSchema = z.union([
  z.strictObject({ npm: z.string().min(1) }),
  z.strictObject({ pypi: z.string().min(1) }),
  z.strictObject({ docker: z.string().min(1) }),
  z.strictObject({ command: z.string().min(1) }),
  z.strictObject({ url: z.string().min(1) }),
]);

const entrySchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes'),
  name: z.string().min(1),
  match: z.array(matcherSchema).min(1),
  level: z.enum(RISK_LEVELS),
  capabilities: z.array(z.enum(CAPABILITIES)).default([]),
  reason: z.string().min(1).refine((s) => !s.includes('\n'), 'one line'),
  homepage: z.string().url().optional(),
  archived: z.boolean().optional(),
});

const fileSchema = z.strictObject({ servers: z.array(entrySchema) });

export type RegistryEntry = z.infer<typeof entrySchema> & { file: string };

export interface Classification {
  level: RiskLevel;
  capabilities: Capability[];
  reason: string;
  origin: 'builtin' | 'workspace';
  /** Entry id (built-in) or classification key (workspace). */
  id: string;
  /** Where it is recorded: the rule file or .mso/mcp.json. */
  source: string;
}

/** The key a matcher stands for, normalised like identities are. */
export function matcherKey(m: z.infer<typeof matcherSchema>): { kind: IdentityKind; name: string } {
  if ('npm' in m) return { kind: 'npm', name: m.npm.toLowerCase() };
  if ('pypi' in m) return { kind: 'pypi', name: normalisePypiName(m.pypi) };
  if ('docker' in m) return { kind: 'docker', name: parseImage(m.docker).name };
  if ('command' in m) return { kind: 'command', name: m.command };
  return { kind: 'url', name: urlIdentity(/^[a-z]+:\/\//i.test(m.url) ? m.url : `https://${m.url}`).name };
}

function entryError(path: string, doc: unknown, error: z.ZodError): MsoError {
  const lines = error.issues.map((issue) => {
    const at = issue.path;
    let where = at.join('.') || '(top level)';
    if (at[0] === 'servers' && typeof at[1] === 'number') {
      const id = (doc as { servers?: Array<{ id?: unknown }> }).servers?.[at[1]]?.id;
      where = `entry ${typeof id === 'string' ? id : `#${at[1] + 1}`}` + (at.length > 2 ? ` field '${at.slice(2).join('.')}'` : '');
    }
    return `  ${where}: ${issue.message}`;
  });
  return new MsoError(`mcp registry: ${path}: invalid registry file\n${lines.join('\n')}`);
}

/** Exact keys (npm, pypi, docker, command) and URL prefixes, to entries. */
export class Registry<T> {
  private readonly exact = new Map<string, T>();
  private readonly urls: Array<{ prefix: string; value: T }> = [];

  /** Returns the value already stored under this key, if any (callers decide whether that is an error). */
  add(kind: IdentityKind, name: string, value: T): T | undefined {
    if (kind === 'url') {
      const prev = this.urls.find((u) => u.prefix === name);
      if (prev) return prev.value;
      this.urls.push({ prefix: name, value });
      return undefined;
    }
    const key = `${kind}:${name}`;
    const prev = this.exact.get(key);
    if (prev) return prev;
    this.exact.set(key, value);
    return undefined;
  }

  /** URLs match by host and path prefix (on path-segment boundaries), the longest prefix winning. */
  lookup(identity: ServerIdentity): T | undefined {
    if (identity.kind !== 'url') return this.exact.get(`${identity.kind}:${identity.name}`);
    let best: { prefix: string; value: T } | undefined;
    for (const u of this.urls) {
      const hit = identity.name === u.prefix || identity.name.startsWith(u.prefix.endsWith('/') ? u.prefix : `${u.prefix}/`);
      if (hit && (!best || u.prefix.length > best.prefix.length)) best = u;
    }
    return best?.value;
  }
}

export function builtinMcpDir(): string {
  return join(builtinRulesDir(), 'mcp');
}

/** Loads every YAML file of a registry folder. Duplicate ids or match keys are errors. */
export function loadBuiltinRegistry(dir = builtinMcpDir()): Registry<Classification> {
  const registry = new Registry<Classification>();
  const ids = new Map<string, string>();
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => /\.ya?ml$/i.test(f)).sort();
  } catch (err) {
    throw new MsoError(`mcp registry: cannot read ${dir}: ${errorMessage(err)}`);
  }
  for (const f of files) {
    const path = join(dir, f);
    let doc: unknown;
    try {
      doc = parseYaml(readFileSync(path, 'utf8'), { uniqueKeys: true });
    } catch (err) {
      throw new MsoError(`mcp registry: ${path}: not valid YAML: ${errorMessage(err)}`);
    }
    if (doc === null || doc === undefined) continue;
    const parsed = fileSchema.safeParse(doc);
    if (!parsed.success) throw entryError(path, doc, parsed.error);
    for (const entry of parsed.data.servers) {
      const seen = ids.get(entry.id);
      if (seen) throw new MsoError(`mcp registry: ${path}: entry ${entry.id}: id already used in ${seen}`);
      ids.set(entry.id, path);
      const classification: Classification = {
        level: entry.level,
        capabilities: entry.capabilities,
        reason: entry.reason,
        origin: 'builtin',
        id: entry.id,
        source: `rules/mcp/${f}`,
      };
      for (const m of entry.match) {
        const { kind, name } = matcherKey(m);
        const prev = registry.add(kind, name, classification);
        if (prev) throw new MsoError(`mcp registry: ${path}: entry ${entry.id}: ${kind}:${name} is already matched by entry ${prev.id}`);
      }
    }
  }
  return registry;
}

import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { MsoError, errorMessage } from '../core/errors.js';
import { PROJECT_CONFIG_FILES, type ConfigScope } from './config-paths.js';

/**
 * Where MCP servers are configured for a project, and how their entries are
 * read. The formats are Claude Code's, not ours: unknown keys are allowed,
 * but the fields mso relies on (command, args, env, url, headers) must have
 * the right types, or the file is malformed (exit 2, naming file and entry).
 */
export interface McpServerConfig {
  type?: string;
  command?: string;
  args: string[];
  env: Record<string, string>;
  url?: string;
  headers: Record<string, string>;
  /** Not Claude Code's, but some clients start the server there; mso refuses to guess what runs then. */
  cwd?: string;
}

export { PROJECT_CONFIG_FILES, type ConfigScope } from './config-paths.js';

export interface ConfiguredServer {
  name: string;
  /** The file it comes from, as shown to the user (relative to the project, or ~/.claude.json). */
  file: string;
  scope: ConfigScope;
  config: McpServerConfig;
}

const serverSchema = z
  .looseObject({
    type: z.enum(['stdio', 'sse', 'http', 'streamable-http', 'ws']).optional(),
    command: z.string().min(1, 'must not be empty').optional(),
    args: z.array(z.string()).optional(),
    env: z.record(z.string(), z.string()).optional(),
    url: z.string().min(1, 'must not be empty').optional(),
    headers: z.record(z.string(), z.string()).optional(),
    cwd: z.string().optional(),
  })
  .superRefine((s, ctx) => {
    if (s.command === undefined && s.url === undefined) ctx.addIssue({ code: 'custom', message: "needs a 'command' (stdio) or a 'url' (http/sse)" });
    if (s.command !== undefined && s.url !== undefined) ctx.addIssue({ code: 'custom', message: "has both 'command' and 'url'" });
    if (s.url !== undefined && s.type === 'stdio') ctx.addIssue({ code: 'custom', message: "type 'stdio' needs a 'command', not a 'url'" });
    if (s.command !== undefined && s.type !== undefined && s.type !== 'stdio') ctx.addIssue({ code: 'custom', message: `type '${s.type}' needs a 'url', not a 'command'` });
  });

const serversSchema = z.record(z.string().min(1), serverSchema);

/** The user's home folder; MSO_HOME overrides it (tests, and users with a moved Claude config). */
export function userHome(): string {
  return process.env.MSO_HOME || homedir();
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new MsoError(`mcp: ${file}: not valid JSON: ${errorMessage(err)}`);
  }
}

function issuesText(error: z.ZodError, prefix: string): string {
  return error.issues
    .map((i) => {
      const [name, ...field] = i.path.map(String);
      const where = name === undefined ? prefix || '(top level)' : `server '${name}'${field.length ? ` field '${field.join('.')}'` : ''}`;
      return `  ${where}: ${i.message}`;
    })
    .join('\n');
}

function toServers(raw: unknown, file: string, scope: ConfigScope, where: string): ConfiguredServer[] {
  if (raw === undefined) return [];
  const parsed = serversSchema.safeParse(raw);
  if (!parsed.success) throw new MsoError(`mcp: ${file}: malformed ${where}\n${issuesText(parsed.error, where)}`);
  return Object.entries(parsed.data).map(([name, s]) => ({
    name,
    file,
    scope,
    config: { type: s.type, command: s.command, args: s.args ?? [], env: s.env ?? {}, url: s.url, headers: s.headers ?? {}, ...(s.cwd !== undefined ? { cwd: s.cwd } : {}) },
  }));
}

function asObject(doc: unknown, file: string): Record<string, unknown> {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new MsoError(`mcp: ${file}: expected a JSON object at the top level`);
  }
  return doc as Record<string, unknown>;
}

/** Servers in the text of a project config file (.mcp.json or a .claude settings file). */
export function parseProjectConfig(text: string, file: string, scope: ConfigScope): ConfiguredServer[] {
  const doc = asObject(parseJson(text, file), file);
  return toServers(doc.mcpServers, file, scope, 'mcpServers');
}

/** Servers for this project in the user's ~/.claude.json: the project's own entry, then the user-wide ones. */
export function parseUserConfig(text: string, file: string, root: string): ConfiguredServer[] {
  const doc = asObject(parseJson(text, file), file);
  const out: ConfiguredServer[] = [];
  const projects = doc.projects;
  if (projects !== undefined) {
    if (projects === null || typeof projects !== 'object' || Array.isArray(projects)) {
      throw new MsoError(`mcp: ${file}: 'projects' must be an object`);
    }
    const keys = new Set([root]);
    try {
      keys.add(realpathSync(root));
    } catch {
      // the root may not exist on disk (staged checks); its plain path is enough
    }
    for (const key of keys) {
      const entry = (projects as Record<string, unknown>)[key];
      if (entry === undefined) continue;
      const project = asObject(entry, `${file} (projects["${key}"])`);
      out.push(...toServers(project.mcpServers, file, 'local', `projects["${key}"].mcpServers`));
      break;
    }
  }
  out.push(...toServers(doc.mcpServers, file, 'user', 'mcpServers'));
  return out;
}

function readText(path: string, shown: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new MsoError(`mcp: ${shown}: cannot read: ${errorMessage(err)}`);
  }
}

/** Every server configured for the project in the working tree, plus (unless told not to) the user's. */
export function loadConfiguredServers(root: string, opts: { includeUser?: boolean } = {}): ConfiguredServer[] {
  const out: ConfiguredServer[] = [];
  for (const { path, scope } of PROJECT_CONFIG_FILES) {
    const abs = join(root, path);
    if (existsSync(abs)) out.push(...parseProjectConfig(readText(abs, path), path, scope));
  }
  if (opts.includeUser !== false) {
    const userFile = join(userHome(), '.claude.json');
    if (existsSync(userFile)) out.push(...parseUserConfig(readText(userFile, userFile), '~/.claude.json', root));
  }
  return out;
}

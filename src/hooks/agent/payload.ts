import { MsoError } from '../../core/errors.js';

/**
 * The JSON Claude Code writes on a hook's stdin, validated by the small
 * declarative checker below (not zod: this runs on every tool call, and zod's
 * load is a large part of a hook's start-up; docs/benchmarks.md). Unknown
 * extra fields are allowed (Claude Code adds fields over time), but every
 * field mso relies on must be there with the right type: anything else is an
 * unknown payload shape, and the hook blocks.
 *
 * Common fields: session_id, transcript_path, cwd, permission_mode,
 * hook_event_name. PreToolUse adds tool_name and tool_input (and tool_use_id);
 * PostToolUse also tool_response; UserPromptSubmit adds prompt.
 */

/** What one field must be; a trailing `?` makes it optional. */
type Kind = 'string' | 'nonEmptyString' | 'number' | 'boolean' | 'unknown' | 'record' | { array: Kind; min?: number } | { object: Shape };
type Shape = Record<string, Kind | { optional: Kind }>;

const opt = (k: Kind) => ({ optional: k });

function typeName(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

/** Appends one `where: what` line per problem (zod's wording: `expected string, received undefined`). */
function check(kind: Kind, v: unknown, where: string, out: string[]): void {
  if (kind === 'unknown') return;
  if (kind === 'string' || kind === 'nonEmptyString' || kind === 'number' || kind === 'boolean') {
    const t = kind === 'nonEmptyString' ? 'string' : kind;
    if (typeof v !== t || (t === 'number' && !Number.isFinite(v))) out.push(`${where}: expected ${t}, received ${typeName(v)}`);
    else if (kind === 'nonEmptyString' && (v as string).length === 0) out.push(`${where}: too small: expected string to have >=1 characters`);
    return;
  }
  const isObject = typeof v === 'object' && v !== null && !Array.isArray(v);
  if (kind === 'record') {
    if (!isObject) out.push(`${where}: expected record, received ${typeName(v)}`);
    return;
  }
  if ('array' in kind) {
    if (!Array.isArray(v)) return void out.push(`${where}: expected array, received ${typeName(v)}`);
    if (v.length < (kind.min ?? 0)) out.push(`${where}: too small: expected array to have >=${kind.min} items`);
    v.forEach((item, i) => check(kind.array, item, `${where}.${i}`, out));
    return;
  }
  if (!isObject) return void out.push(`${where}: expected object, received ${typeName(v)}`);
  const o = v as Record<string, unknown>;
  for (const [key, spec] of Object.entries(kind.object)) {
    const at = where ? `${where}.${key}` : key;
    if (typeof spec === 'object' && 'optional' in spec) {
      if (o[key] !== undefined) check(spec.optional, o[key], at, out);
    } else check(spec, Object.hasOwn(o, key) ? o[key] : undefined, at, out);
  }
}

const common: Shape = {
  session_id: opt('string'),
  transcript_path: opt('string'),
  cwd: opt('nonEmptyString'),
  permission_mode: opt('string'),
  tool_use_id: opt('string'),
};

const eventShapes = {
  PreToolUse: { ...common, hook_event_name: 'string', tool_name: 'nonEmptyString', tool_input: 'record' },
  PostToolUse: { ...common, hook_event_name: 'string', tool_name: 'nonEmptyString', tool_input: 'record', tool_response: 'unknown' },
  UserPromptSubmit: { ...common, hook_event_name: 'string', prompt: 'string' },
} satisfies Record<string, Shape>;

interface Common {
  session_id?: string;
  transcript_path?: string;
  cwd?: string;
  permission_mode?: string;
  tool_use_id?: string;
  [extra: string]: unknown;
}
export interface PreToolUsePayload extends Common {
  hook_event_name: 'PreToolUse';
  tool_name: string;
  tool_input: Record<string, unknown>;
}
export interface PostToolUsePayload extends Common {
  hook_event_name: 'PostToolUse';
  tool_name: string;
  tool_input: Record<string, unknown>;
  tool_response?: unknown;
}
export interface UserPromptSubmitPayload extends Common {
  hook_event_name: 'UserPromptSubmit';
  prompt: string;
}

/** tool_input shapes of Claude Code's built-in tools that carry content out or onto disk. */
const edit: Shape = { old_string: 'string', new_string: 'string', replace_all: opt('boolean') };
const toolInputShapes = {
  Bash: { command: 'string', description: opt('string'), timeout: opt('number'), run_in_background: opt('boolean') },
  Write: { file_path: 'nonEmptyString', content: 'string' },
  Edit: { file_path: 'nonEmptyString', ...edit },
  MultiEdit: { file_path: 'nonEmptyString', edits: { array: { object: edit }, min: 1 } },
  NotebookEdit: {
    notebook_path: 'nonEmptyString',
    new_source: opt('string'),
    cell_id: opt('string'),
    cell_type: opt('string'),
    edit_mode: opt('string'),
  },
  WebFetch: { url: 'string', prompt: opt('string') },
  WebSearch: { query: 'string', allowed_domains: opt({ array: 'string' }), blocked_domains: opt({ array: 'string' }) },
} satisfies Record<string, Shape>;

interface EditOp {
  old_string: string;
  new_string: string;
  replace_all?: boolean;
  [extra: string]: unknown;
}
interface ToolInputs {
  Bash: { command: string; description?: string; timeout?: number; run_in_background?: boolean };
  Write: { file_path: string; content: string };
  Edit: EditOp & { file_path: string };
  MultiEdit: { file_path: string; edits: EditOp[] };
  NotebookEdit: { notebook_path: string; new_source?: string; cell_id?: string; cell_type?: string; edit_mode?: string };
  WebFetch: { url: string; prompt?: string };
  WebSearch: { query: string; allowed_domains?: string[]; blocked_domains?: string[] };
}

export type KnownTool = keyof typeof toolInputShapes;
export type ToolInput<T extends KnownTool> = ToolInputs[T] & Record<string, unknown>;

export function isKnownTool(name: string): name is KnownTool {
  return Object.hasOwn(toolInputShapes, name);
}

/** Validates a known tool's input; a wrong shape is an error (the hook blocks). */
export function parseToolInput<T extends KnownTool>(tool: T, input: unknown): ToolInput<T> {
  const problems: string[] = [];
  check({ object: toolInputShapes[tool] }, input, 'tool_input', problems);
  if (problems.length > 0) throw new MsoError(`unknown ${tool} tool_input shape (${problems.slice(0, 5).join('; ')})`);
  return input as ToolInput<T>;
}

interface Payloads {
  PreToolUse: PreToolUsePayload;
  PostToolUse: PostToolUsePayload;
  UserPromptSubmit: UserPromptSubmitPayload;
}
type EventName = keyof Payloads;

/**
 * Parses stdin into one of the expected events. Empty input, invalid JSON,
 * an event this hook does not handle, or a missing or mistyped field is an
 * MsoError naming the reason (exit 2: the call is blocked).
 */
export function parseHookPayload<E extends EventName>(text: string, expected: readonly E[]): Payloads[E] {
  if (text.trim() === '') throw new MsoError('empty stdin: expected the Claude Code hook JSON');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new MsoError(`stdin is not valid JSON (${(err as Error).message})`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new MsoError('stdin is not a JSON object');
  }
  const event = (data as Record<string, unknown>).hook_event_name;
  if (typeof event !== 'string' || !(expected as readonly string[]).includes(event)) {
    const got = typeof event === 'string' ? `'${event}'` : 'no hook_event_name';
    throw new MsoError(`unexpected hook event ${got} (this hook handles ${expected.join(', ')})`);
  }
  const problems: string[] = [];
  check({ object: eventShapes[event as E] }, data, '', problems);
  if (problems.length > 0) throw new MsoError(`unknown ${event} payload shape (${problems.slice(0, 5).join('; ')})`);
  return data as Payloads[E];
}

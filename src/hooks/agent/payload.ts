import { z } from 'zod';
import { MsoError } from '../../core/errors.js';

/**
 * The JSON Claude Code writes on a hook's stdin, validated with zod. Unknown
 * extra fields are allowed (Claude Code adds fields over time), but every
 * field mso relies on must be there with the right type: anything else is an
 * unknown payload shape, and the hook blocks.
 *
 * Common fields: session_id, transcript_path, cwd, permission_mode,
 * hook_event_name. PreToolUse adds tool_name and tool_input (and tool_use_id);
 * PostToolUse also tool_response; UserPromptSubmit adds prompt.
 */
const common = {
  session_id: z.string().optional(),
  transcript_path: z.string().optional(),
  cwd: z.string().min(1).optional(),
  permission_mode: z.string().optional(),
  tool_use_id: z.string().optional(),
};

const toolInput = z.record(z.string(), z.unknown());

export const preToolUseSchema = z.looseObject({
  ...common,
  hook_event_name: z.literal('PreToolUse'),
  tool_name: z.string().min(1),
  tool_input: toolInput,
});

export const postToolUseSchema = z.looseObject({
  ...common,
  hook_event_name: z.literal('PostToolUse'),
  tool_name: z.string().min(1),
  tool_input: toolInput,
  tool_response: z.unknown().optional(),
});

export const userPromptSubmitSchema = z.looseObject({
  ...common,
  hook_event_name: z.literal('UserPromptSubmit'),
  prompt: z.string(),
});

export type PreToolUsePayload = z.infer<typeof preToolUseSchema>;
export type PostToolUsePayload = z.infer<typeof postToolUseSchema>;
export type UserPromptSubmitPayload = z.infer<typeof userPromptSubmitSchema>;

/** tool_input shapes of Claude Code's built-in tools that carry content out or onto disk. */
const filePath = z.string().min(1);
export const toolInputSchemas = {
  Bash: z.looseObject({
    command: z.string(),
    description: z.string().optional(),
    timeout: z.number().optional(),
    run_in_background: z.boolean().optional(),
  }),
  Write: z.looseObject({ file_path: filePath, content: z.string() }),
  Edit: z.looseObject({ file_path: filePath, old_string: z.string(), new_string: z.string(), replace_all: z.boolean().optional() }),
  MultiEdit: z.looseObject({
    file_path: filePath,
    edits: z
      .array(z.looseObject({ old_string: z.string(), new_string: z.string(), replace_all: z.boolean().optional() }))
      .min(1),
  }),
  NotebookEdit: z.looseObject({
    notebook_path: filePath,
    new_source: z.string().optional(),
    cell_id: z.string().optional(),
    cell_type: z.string().optional(),
    edit_mode: z.string().optional(),
  }),
  WebFetch: z.looseObject({ url: z.string(), prompt: z.string().optional() }),
  WebSearch: z.looseObject({
    query: z.string(),
    allowed_domains: z.array(z.string()).optional(),
    blocked_domains: z.array(z.string()).optional(),
  }),
} as const;

export type KnownTool = keyof typeof toolInputSchemas;
export type ToolInput<T extends KnownTool> = z.infer<(typeof toolInputSchemas)[T]>;

export function isKnownTool(name: string): name is KnownTool {
  return Object.hasOwn(toolInputSchemas, name);
}

/** One line per zod problem: where in the payload, and what is wrong. */
function issuesText(error: z.ZodError, prefix: string): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${[prefix, ...i.path.map(String)].filter(Boolean).join('.') || '(top level)'}: ${i.message}`)
    .join('; ');
}

/** Validates a known tool's input; a wrong shape is an error (the hook blocks). */
export function parseToolInput<T extends KnownTool>(tool: T, input: unknown): ToolInput<T> {
  const parsed = toolInputSchemas[tool].safeParse(input);
  if (!parsed.success) throw new MsoError(`unknown ${tool} tool_input shape (${issuesText(parsed.error, 'tool_input')})`);
  return parsed.data as ToolInput<T>;
}

const schemasByEvent = {
  PreToolUse: preToolUseSchema,
  PostToolUse: postToolUseSchema,
  UserPromptSubmit: userPromptSubmitSchema,
} as const;
type EventName = keyof typeof schemasByEvent;
type PayloadOf<E extends EventName> = z.infer<(typeof schemasByEvent)[E]>;

/**
 * Parses stdin into one of the expected events. Empty input, invalid JSON,
 * an event this hook does not handle, or a missing or mistyped field is an
 * MsoError naming the reason (exit 2: the call is blocked).
 */
export function parseHookPayload<E extends EventName>(text: string, expected: readonly E[]): PayloadOf<E> {
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
  const schema = schemasByEvent[event as E];
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new MsoError(`unknown ${event} payload shape (${issuesText(parsed.error, '')})`);
  return parsed.data as PayloadOf<E>;
}

import { randomUUID } from 'node:crypto';
import { runCli, type RunResult } from '../../helpers/cli.js';

/**
 * Claude Code hook payloads as the hooks reference documents them: the common
 * fields (session_id, transcript_path, cwd, permission_mode, hook_event_name)
 * plus the event's own (tool_name/tool_input, tool_response, prompt).
 */
function common(cwd: string, event: string) {
  const session = randomUUID();
  return {
    session_id: session,
    transcript_path: `/home/dev/.claude/projects/demo/${session}.jsonl`,
    cwd,
    permission_mode: 'default',
    hook_event_name: event,
  };
}

export function preToolUse(cwd: string, toolName: string, toolInput: Record<string, unknown>) {
  return { ...common(cwd, 'PreToolUse'), tool_name: toolName, tool_input: toolInput, tool_use_id: `toolu_${randomUUID().replace(/-/g, '')}` };
}

export function postToolUse(cwd: string, toolName: string, toolInput: Record<string, unknown>, toolResponse: unknown) {
  return { ...common(cwd, 'PostToolUse'), tool_name: toolName, tool_input: toolInput, tool_response: toolResponse };
}

export function userPromptSubmit(cwd: string, prompt: string) {
  return { ...common(cwd, 'UserPromptSubmit'), prompt };
}

export function pretool(payload: unknown, cwd: string, env?: NodeJS.ProcessEnv): RunResult {
  return runCli(['hook', 'pretool'], { cwd, input: typeof payload === 'string' ? payload : JSON.stringify(payload), env });
}

export function posttool(payload: unknown, cwd: string): RunResult {
  return runCli(['hook', 'posttool'], { cwd, input: typeof payload === 'string' ? payload : JSON.stringify(payload) });
}

import type { Finding, Fragment } from '../core/types.js';
import type { ApiErrorInfo, MessagesClient } from './client.js';
import { outgoingCheck, type GuardContext } from './guards.js';
import type { CrewProgress, CrewStats } from './progress.js';
import { runTool, toolSpecs, type ToolContext } from './tools.js';

/**
 * The crew: a tool-use loop with the Messages API. Before every request the
 * new content it carries (the order, tool results with file contents or test
 * output) is secret-scanned; a finding means nothing is sent and the voyage
 * stops. A tool input that held a secret is withheld from the history too.
 */
export type CrewEnd =
  | { outcome: 'completed'; summary: string }
  | { outcome: 'blocked'; reason: string; findings: Finding[] }
  | { outcome: 'failed'; reason: string }
  | { outcome: 'interrupted'; reason: string };

export interface CrewOptions {
  voyageId: string;
  order: string;
  /** How the order is named in findings ("order", or the order file's path). */
  orderLabel: string;
  /** The caller already secret-scanned the order (it must have). */
  orderChecked?: boolean;
  model: string;
  maxTurns: number;
  maxTokens: number;
  client: MessagesClient;
  classify: (err: unknown) => ApiErrorInfo;
  tools: ToolContext;
  stats: CrewStats;
  progress: CrewProgress;
  signal: AbortSignal;
}

const MAX_OUTPUT_TOKENS = 8192;

function systemPrompt(hasTests: boolean): string {
  return [
    'You are an mso dispatch crew: a software engineer carrying out one order in a git repository.',
    'You work only through the tools given. Paths are relative to the repository root; you cannot leave it.',
    'Read the relevant files before changing them. Keep changes small and focused on the order.',
    'Never write credentials, API keys, tokens or passwords into files or tool inputs: read them from the environment.',
    'Write safe code: parameterised SQL queries, no shell injection, no eval of input, no disabled TLS checks.',
    'Every file you write is security-scanned; when findings are reported, fix them.',
    hasTests ? 'Run run_tests to check your work before finishing.' : '',
    'When the order is done, reply with a short summary of what you changed and no tool call.',
  ]
    .filter(Boolean)
    .join('\n');
}

interface ContentBlock {
  type: string;
  id?: string;
  name?: string;
  input?: unknown;
  text?: string;
}

/** Replaces every string of a withheld tool input, keeping its shape. */
function withhold(value: unknown): unknown {
  if (typeof value === 'string') return '[withheld by mso: held a secret]';
  if (Array.isArray(value)) return value.map(withhold);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === 'path' ? v : withhold(v)]));
  return value;
}

export async function runCrew(o: CrewOptions): Promise<CrewEnd> {
  const guard: GuardContext = o.tools;
  const tools = toolSpecs(o.tools.testCommand);
  const system = systemPrompt(!!o.tools.testCommand);

  // The tool descriptions carry the configured test command: scanned like everything else that leaves.
  const setup = o.tools.testCommand ? await outgoingCheck(guard, [{ path: '.mso/workspace.json (test command)', text: o.tools.testCommand }]) : { findings: [] };
  if (setup.findings.length) return { outcome: 'blocked', reason: 'the test command in .mso/workspace.json holds a secret; nothing was sent', findings: setup.findings };
  const first = o.orderChecked ? { findings: [] } : await outgoingCheck(guard, [{ path: o.orderLabel, text: o.order }]);
  if (first.findings.length) return { outcome: 'blocked', reason: `the order holds a secret; nothing was sent`, findings: first.findings };

  const messages: Array<{ role: 'user' | 'assistant'; content: unknown }> = [{ role: 'user', content: o.order }];
  for (;;) {
    if (o.signal.aborted) return { outcome: 'interrupted', reason: 'interrupted (Ctrl-C)' };
    if (o.stats.turns >= o.maxTurns) return { outcome: 'failed', reason: `turn limit reached (${o.maxTurns}) before the crew finished` };
    const used = o.stats.inputTokens + o.stats.outputTokens;
    if (used >= o.maxTokens) return { outcome: 'failed', reason: `token budget exhausted (${used} of ${o.maxTokens})` };

    o.stats.turns++;
    o.progress.update('waiting for the model');
    let response: { content?: ContentBlock[]; stop_reason?: string; usage?: { input_tokens?: number; output_tokens?: number } };
    try {
      response = (await o.client.messages.create(
        { model: o.model, max_tokens: Math.min(MAX_OUTPUT_TOKENS, Math.max(1, o.maxTokens - used)), system, tools, messages },
        { signal: o.signal },
      )) as typeof response;
    } catch (err) {
      const info = o.classify(err);
      if (info.kind === 'aborted' || o.signal.aborted) return { outcome: 'interrupted', reason: 'interrupted (Ctrl-C)' };
      return { outcome: 'failed', reason: info.message };
    }
    o.stats.inputTokens += Number(response.usage?.input_tokens ?? 0) || 0;
    o.stats.outputTokens += Number(response.usage?.output_tokens ?? 0) || 0;
    const content = Array.isArray(response.content) ? response.content : [];
    messages.push({ role: 'assistant', content });
    if (response.stop_reason === 'refusal') return { outcome: 'failed', reason: 'the model refused the order' };

    const uses = content.filter((b) => b.type === 'tool_use');
    if (uses.length === 0) {
      const summary = content
        .filter((b) => b.type === 'text')
        .map((b) => b.text ?? '')
        .join('\n')
        .trim();
      return { outcome: 'completed', summary };
    }

    const results: Array<{ type: 'tool_result'; tool_use_id: string; content: string; is_error?: boolean }> = [];
    const outgoing: Fragment[] = [];
    for (const use of uses) {
      if (o.signal.aborted) return { outcome: 'interrupted', reason: 'interrupted (Ctrl-C)' };
      o.stats.toolCalls++;
      const target = use.input && typeof use.input === 'object' && typeof (use.input as { path?: unknown }).path === 'string' ? ` ${(use.input as { path: string }).path}` : '';
      o.progress.update(`${use.name}${target}`);
      const res = await runTool(o.tools, String(use.name), use.input);
      if (res.withheld) {
        o.stats.refusals++;
        use.input = withhold(use.input);
      }
      if (res.wrote && !o.stats.filesWritten.includes(res.wrote)) o.stats.filesWritten.push(res.wrote);
      results.push({ type: 'tool_result', tool_use_id: String(use.id), content: res.content, ...(res.isError ? { is_error: true } : {}) });
      // File contents are scanned under the file's own name, so the user is told which file and line.
      const label = use.name === 'read_file' && target ? target.trim() : `${use.name} result`;
      outgoing.push({ path: label, text: res.content });
    }
    const check = await outgoingCheck(guard, outgoing);
    if (check.findings.length) {
      return { outcome: 'blocked', reason: 'a tool result about to be sent to the model holds a secret; nothing was sent', findings: check.findings };
    }
    messages.push({ role: 'user', content: results });
  }
}

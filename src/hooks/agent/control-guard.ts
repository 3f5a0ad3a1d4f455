import type { WorkspaceConfig } from '../../config/workspace.js';
import { bashRefusal } from './bash-control.js';
import { buildControlPlane, protectedHit, type ControlPlane } from './control-plane.js';

/**
 * The control-plane check of one tool call: does it create, edit, move,
 * delete, link or chmod what decides mso's protection, or switch a guard off?
 * Returns the block message, or undefined when the call may go ahead.
 */
export const CONTROL_PLANE_REASON = "changes mso's own protection; a person must make this change";

/** Claude Code tools that only read or talk: their inputs name no file they change. */
const READ_TOOLS = new Set(['Read', 'Grep', 'Glob', 'LS', 'NotebookRead', 'WebFetch', 'WebSearch', 'TodoWrite', 'TodoRead', 'Task', 'ExitPlanMode', 'BashOutput', 'KillShell', 'KillBash', 'ListMcpResourcesTool', 'ReadMcpResourceTool', 'SlashCommand', 'Skill', 'AskUserQuestion']);
/** Input fields that name a file a tool writes (Claude Code's own tools, MCP file servers, the dispatch crew). */
const PATH_KEYS = /^(file_?path|notebook_?path|path|paths|filename|file|files|destination|dest|target|source|new_?path|old_?path|to|from|directory|dir)$/i;

export interface ControlCheckContext {
  root: string;
  cwd: string;
  config: WorkspaceConfig;
}

export function controlPlaneRefusal(tool: string, input: Record<string, unknown>, ctx: ControlCheckContext): string | undefined {
  if (READ_TOOLS.has(tool)) return undefined;
  const plane = buildControlPlane(ctx.root, ctx.config);
  const what = tool === 'Bash' ? bashWhat(plane, input, ctx.cwd) : pathWhat(plane, input, ctx.cwd);
  return what === undefined ? undefined : controlPlaneMessage(tool, what);
}

export function controlPlaneMessage(tool: string, what: string): string {
  return (
    `mso pretool: blocked ${tool}: this call ${CONTROL_PLANE_REASON}.\n` +
    `  It ${what}.\n` +
    "  mso's configuration, rules, baseline, MCP pins and the git and Claude Code hooks are out of the agent's reach.\n" +
    '  Ask the user to make this change themselves, in their own editor or terminal (docs/agent-hooks.md, "Control plane").\n'
  );
}

function bashWhat(plane: ControlPlane, input: Record<string, unknown>, cwd: string): string | undefined {
  const command = input.command;
  if (typeof command !== 'string') return undefined;
  return bashRefusal(plane, command, cwd);
}

/** Every path-like field of the input (nested too), checked as a file the tool writes. */
function pathWhat(plane: ControlPlane, input: unknown, cwd: string): string | undefined {
  const found: string[] = [];
  const walk = (v: unknown, key: string, depth: number) => {
    if (depth > 6 || found.length > 200) return;
    if (typeof v === 'string') {
      if (PATH_KEYS.test(key)) found.push(v);
    } else if (Array.isArray(v)) for (const x of v) walk(x, key, depth + 1);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k, depth + 1);
  };
  walk(input, '', 0);
  for (const p of found) {
    const hit = protectedHit(plane, p, cwd);
    if (hit?.how === 'inside') return `writes ${hit.target}${p !== hit.target ? ` (given as ${p})` : ''}`;
    if (hit) return `changes ${hit.target}, a folder that holds ${hit.entry.shown}`;
  }
  return undefined;
}

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MsoError, errorMessage } from '../core/errors.js';
import { writeFileAtomic } from '../core/atomic-write.js';
import { POSTTOOL_TIMEOUT_SECONDS, PRETOOL_TIMEOUT_SECONDS } from '../hooks/agent/limits.js';

/**
 * `mso init --claude`: writes mso's agent hooks into the project's
 * .claude/settings.json. It merges: every other setting and every hook that is
 * not mso's stays as it was, in place; running it again changes nothing;
 * `--uninstall` removes mso's hooks and nothing else.
 *
 * mso's hooks are recognised by their command (`mso hook pretool|posttool`).
 * The command ends in `|| exit 2`: if `mso` is not on the PATH the shell
 * exits 127, which Claude Code would treat as a non-blocking error; turning
 * every failure into 2 keeps the hook failing closed.
 */
export const SETTINGS_FILE = join('.claude', 'settings.json');

export const PRETOOL_COMMAND = 'mso hook pretool || exit 2';
export const POSTTOOL_COMMAND = 'mso hook posttool || exit 2';

/** Tools whose input can carry a secret out or onto disk; MCP tools are all `mcp__<server>__<tool>`. */
export const PRETOOL_MATCHER = 'Bash|Write|Edit|MultiEdit|NotebookEdit|WebFetch|WebSearch|mcp__.*';
/** Tools that write files mso can then scan whole. */
export const POSTTOOL_MATCHER = 'Write|Edit|MultiEdit|NotebookEdit|Bash';

interface HookCommand {
  type: string;
  command?: string;
  timeout?: number;
  [k: string]: unknown;
}
interface MatcherGroup {
  matcher?: string;
  hooks?: HookCommand[];
  [k: string]: unknown;
}
type HookMap = Record<string, MatcherGroup[]>;

/** The groups mso owns, per event. UserPromptSubmit takes no matcher. */
function msoGroups(): Record<string, MatcherGroup> {
  return {
    PreToolUse: { matcher: PRETOOL_MATCHER, hooks: [{ type: 'command', command: PRETOOL_COMMAND, timeout: PRETOOL_TIMEOUT_SECONDS }] },
    PostToolUse: { matcher: POSTTOOL_MATCHER, hooks: [{ type: 'command', command: POSTTOOL_COMMAND, timeout: POSTTOOL_TIMEOUT_SECONDS }] },
    UserPromptSubmit: { hooks: [{ type: 'command', command: PRETOOL_COMMAND, timeout: PRETOOL_TIMEOUT_SECONDS }] },
  };
}

const MSO_COMMAND = /(^|[\s/;&|'"])mso(\.js)?['"]?\s+hook\s+(pretool|posttool)\b/;

export function isMsoHook(h: unknown): boolean {
  return !!h && typeof h === 'object' && typeof (h as HookCommand).command === 'string' && MSO_COMMAND.test((h as HookCommand).command!);
}

function readSettings(path: string): Record<string, unknown> | undefined {
  if (!existsSync(path)) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new MsoError(`init --claude: ${path} is not valid JSON (${errorMessage(err)}); fix it first, mso will not overwrite it`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new MsoError(`init --claude: ${path} does not hold a JSON object; fix it first, mso will not overwrite it`);
  }
  return data as Record<string, unknown>;
}

function hookMap(settings: Record<string, unknown>, path: string): HookMap {
  const hooks = settings.hooks;
  if (hooks === undefined) return {};
  if (typeof hooks !== 'object' || hooks === null || Array.isArray(hooks)) {
    throw new MsoError(`init --claude: ${path}: "hooks" is not an object; fix it first, mso will not overwrite it`);
  }
  for (const [event, groups] of Object.entries(hooks)) {
    if (!Array.isArray(groups)) throw new MsoError(`init --claude: ${path}: hooks.${event} is not a list; fix it first`);
  }
  return hooks as HookMap;
}

/**
 * Removes mso's hook commands from an event's groups. Returns the new list
 * and the index where mso's first group was (to put the fresh one back in
 * the same place). A group left empty by the removal goes; other groups and
 * other hooks in a shared group stay untouched.
 */
function withoutMso(groups: MatcherGroup[]): { groups: MatcherGroup[]; at: number } {
  const out: MatcherGroup[] = [];
  let at = -1;
  for (const g of groups) {
    const hooks = Array.isArray(g?.hooks) ? g.hooks : undefined;
    if (!hooks || !hooks.some(isMsoHook)) {
      out.push(g);
      continue;
    }
    if (at === -1) at = out.length;
    const rest = hooks.filter((h) => !isMsoHook(h));
    if (rest.length) out.push({ ...g, hooks: rest });
  }
  return { groups: out, at };
}

export async function installClaudeHooks(root: string, opts: { uninstall?: boolean }): Promise<string[]> {
  const path = join(root, SETTINGS_FILE);
  const existing = readSettings(path);
  if (!existing && opts.uninstall) return [`claude: no ${SETTINGS_FILE}; nothing to remove`];
  const settings: Record<string, unknown> = existing ? { ...existing } : {};
  const hooks: HookMap = { ...hookMap(settings, path) };
  const lines: string[] = [];

  for (const [event, group] of Object.entries(msoGroups())) {
    const { groups, at } = withoutMso(hooks[event] ?? []);
    if (opts.uninstall) {
      if (at !== -1) lines.push(`claude: removed mso's ${event} hook`);
      if (groups.length) hooks[event] = groups;
      else delete hooks[event];
    } else {
      groups.splice(at === -1 ? groups.length : at, 0, group);
      hooks[event] = groups;
    }
  }
  if (Object.keys(hooks).length) settings.hooks = hooks;
  else delete settings.hooks;

  const before = existing ? JSON.stringify(existing) : undefined;
  if (before === JSON.stringify(settings)) {
    return [opts.uninstall ? `claude: ${SETTINGS_FILE} has no mso hooks; unchanged` : `claude: ${SETTINGS_FILE} already has mso's hooks; unchanged`];
  }
  writeFileAtomic(path, JSON.stringify(settings, null, 2) + '\n');
  if (!opts.uninstall) {
    lines.push(
      `claude: ${existing ? 'updated' : 'created'} ${SETTINGS_FILE}: PreToolUse (${PRETOOL_MATCHER}) and UserPromptSubmit run 'mso hook pretool', ` +
        `PostToolUse (${POSTTOOL_MATCHER}) runs 'mso hook posttool'`,
    );
    lines.push(`claude: check it: echo '{"hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":{"command":"true"}}' | mso hook pretool; echo $?   # 0 = active and allowing`);
  }
  return lines;
}

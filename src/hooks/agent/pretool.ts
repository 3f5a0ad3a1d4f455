import { MsoError, errorMessage } from '../../core/errors.js';
import { runUnderDeadline } from './deadline.js';
import { PRETOOL_DEADLINE_MS, STDIN_HARD_LIMIT_BYTES } from './limits.js';
import { readHookStdin } from './read-stdin.js';

/**
 * `mso hook pretool`: Claude Code's PreToolUse (and UserPromptSubmit) hook.
 * Reads the call from stdin and scans every string it would send or write
 * with the secret scanner. Exit 0 allows, silently; exit 2 blocks, with the
 * reason on stderr (Claude Code shows it to the model, or for a prompt to the
 * user). Every failure blocks: Claude Code lets a call through on any exit
 * code other than 2, so mso never exits any other way with a doubt.
 *
 * Heavy modules (zod, the engine, the rules) are imported inside, so that the
 * timing below covers them and `mso hook` stays lean for the other hooks.
 */
export function runPreTool(): Promise<number> {
  return runUnderDeadline('pretool', PRETOOL_DEADLINE_MS, 'pretool: blocked: ', preTool);
}

async function preTool(): Promise<number> {
  const text = await readHookStdin(STDIN_HARD_LIMIT_BYTES);
  const { parseHookPayload } = await import('./payload.js');
  const payload = parseHookPayload(text, ['PreToolUse', 'UserPromptSubmit']);

  const { hookCwd, workspaceRoot } = await import('./workspace-root.js');
  const cwd = hookCwd(payload.cwd);
  const root = workspaceRoot(cwd);
  const { loadWorkspaceConfig } = await import('../../config/workspace.js');
  const config = loadWorkspaceConfig(root);
  const { parseSize } = await import('../../sources/content.js');
  const maxInput = sizeSetting(parseSize, config.agentHooks.maxInputSize);
  const bytes = Buffer.byteLength(text);
  if (bytes > maxInput) {
    throw new MsoError(
      `the ${payload.hook_event_name} payload is ${bytes} bytes, over agentHooks.maxInputSize (${maxInput} bytes) in .mso/workspace.json; ` +
        'it was not scanned. Split the content into smaller writes, or raise the limit.',
    );
  }

  // mso's own protection first: no scan result can make a change to it acceptable.
  if (payload.hook_event_name === 'PreToolUse') {
    const { controlPlaneRefusal } = await import('./control-guard.js');
    const refusal = controlPlaneRefusal(payload.tool_name, payload.tool_input, { root, cwd, config });
    if (refusal) {
      process.stderr.write(refusal);
      return 2;
    }
  }

  const { toolCallFragments, promptFragments } = await import('./tool-fragments.js');
  let subject: string;
  let set;
  if (payload.hook_event_name === 'UserPromptSubmit') {
    subject = 'this prompt';
    set = promptFragments(payload.prompt);
  } else {
    subject = payload.tool_name;
    set = toolCallFragments(payload.tool_name, payload.tool_input, { root, cwd, maxReadBytes: maxInput });
  }
  // The MCP risk registry's word on the tool itself; the secret scan below runs either way.
  let refused: string | undefined;
  if (payload.hook_event_name === 'PreToolUse' && payload.tool_name.startsWith('mcp__')) {
    const { checkMcpTool } = await import('./mcp-registry.js');
    const decision = await checkMcpTool(root, payload.tool_name);
    if (!decision.allowed) refused = `mso pretool: blocked ${payload.tool_name}: ${decision.reason ?? 'the MCP risk registry does not allow this tool'}\n`;
  }
  if (set.size === 0) {
    if (refused) process.stderr.write(refused);
    return refused ? 2 : 0;
  }

  const { scanFragments } = await import('../../engine/api.js');
  const result = await scanFragments(set.fragments(), { root, config, scanners: ['secrets'], jobs: 1 });
  const found = [];
  const seen = new Set<string>();
  // Findings under a real file name first: they say more than the synthetic `<bash-command>.sh`.
  const ordered = [...result.findings].sort((a, b) => Number(a.file.startsWith('<')) - Number(b.file.startsWith('<')));
  for (const finding of ordered) {
    // A finding mso cannot place still blocks: fail closed.
    const where = set.locate(finding) ?? { label: finding.file, line: finding.line, counts: true };
    if (!where.counts) continue;
    // The same value seen twice (a leaf and the JSON rendering, a heredoc and its command) is one secret.
    const key = `${finding.ruleId}\0${finding.preview}`;
    if (seen.has(key)) continue;
    seen.add(key);
    found.push({ finding, where });
  }
  if (found.length === 0) {
    if (refused) process.stderr.write(refused);
    return refused ? 2 : 0;
  }
  const { secretBlockMessage } = await import('./block-message.js');
  process.stderr.write(secretBlockMessage(subject, found, payload.hook_event_name === 'UserPromptSubmit') + (refused ?? ''));
  return 2;
}

function sizeSetting(parse: (v: string | number) => number, value: string | number): number {
  try {
    return parse(value);
  } catch (err) {
    throw new MsoError(`.mso/workspace.json: agentHooks.maxInputSize: ${errorMessage(err)}`);
  }
}

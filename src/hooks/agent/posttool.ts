import { runUnderDeadline } from './deadline.js';
import { POSTTOOL_DEADLINE_MS, STDIN_HARD_LIMIT_BYTES } from './limits.js';
import { readHookStdin } from './read-stdin.js';

/**
 * `mso hook posttool`: Claude Code's PostToolUse hook. The tool has already
 * run; mso scans the files it wrote, whole, with every scanner that applies
 * (secrets for every file, the code scanners for their languages) and hands the
 * findings back to the model with exit 2 so it fixes them. Clean: exit 0,
 * silent. A malformed payload or any error: exit 2 with the reason. A file
 * outside the workspace, or gone, is skipped with a note on stdout (which
 * Claude Code shows in the transcript, not to the model).
 */
export function runPostTool(): Promise<number> {
  return runUnderDeadline('posttool', POSTTOOL_DEADLINE_MS, 'posttool: ', postTool);
}

async function postTool(): Promise<number> {
  const text = await readHookStdin(STDIN_HARD_LIMIT_BYTES);
  const { parseHookPayload } = await import('./payload.js');
  const payload = parseHookPayload(text, ['PostToolUse']);
  const { hookCwd, workspaceRoot } = await import('./workspace-root.js');
  const cwd = hookCwd(payload.cwd);
  const root = workspaceRoot(cwd);

  const { writtenFiles, checkWritten, editedTexts } = await import('./written-files.js');
  const { scan, notes } = checkWritten(writtenFiles(payload.tool_name, payload.tool_input, cwd), root);
  for (const n of notes) process.stdout.write(`mso posttool: ${n.file}: ${n.reason}\n`);
  if (scan.length === 0) return 0;

  const { loadWorkspaceConfig } = await import('../../config/workspace.js');
  const config = loadWorkspaceConfig(root);
  const { scanFiles } = await import('../../engine/api.js');
  // Only the scanners these files need, unless the workspace adds rule files: then every scanner
  // loads, so that a broken one blocks as it always has (the built-in rules cannot be: the build checked them).
  const { scannersForFiles } = await import('../../scanners/registry.js');
  const scanners = config.scan.rules.length ? 'all' : scannersForFiles(scan);
  // What an Edit wrote: a finding reached through a call on those lines is reported at the call (Fragment.changedLines).
  const written = editedTexts(payload.tool_name, payload.tool_input, scan);
  const result = await scanFiles(scan, { root, config, scanners, jobs: 1, written });
  for (const s of result.skipped) {
    process.stdout.write(`mso posttool: ${s.path}: not scanned (${s.reason}${s.detail ? `: ${s.detail}` : ''})\n`);
  }
  if (result.findings.length === 0) return 0;
  const { codeFindingsMessage } = await import('./block-message.js');
  process.stderr.write(codeFindingsMessage(result.findings));
  return 2;
}

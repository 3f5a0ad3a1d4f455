import type { Severity } from '../../core/types.js';
import { loadWorkspaceConfig } from '../../config/workspace.js';
import { scanStaged } from '../../engine/api.js';
import { failingFindings } from '../../engine/verdict.js';
import { couldNotCheck, hookRoot } from './fail-closed.js';
import { chalkFor, findingsTable, skippedNote, waysOut } from './render.js';
import { countStaged } from './staged-count.js';
import { PROJECT_CONFIG_FILES } from '../../mcp/config-paths.js';
import { LAUNCHER_CONFIG_FILES } from '../../mcp/launch-project.js';

/**
 * `mso hook pre-commit`: scans what is staged (the index, added lines) with
 * the shared engine and blocks the commit on findings. Fails closed: any
 * error, or a scan that saw less than was staged, blocks with the reason.
 * Read-only: it never touches the index, the working tree or the stash.
 */
export async function runPreCommit(): Promise<number> {
  const err = process.stderr;
  const c = chalkFor(err);
  try {
    const root = await hookRoot();
    const config = loadWorkspaceConfig(root);
    // The count's path list feeds the MCP check: one git call for both, beside the scan's own.
    const counted = countStaged(root);
    const [count, result, mcp] = await Promise.all([counted, scanStaged({ root, config, jobs: 1 }), counted.then((c) => stagedMcpCheck(root, c.paths))]);
    const seen = result.stats.fragments + result.skipped.filter((s) => s.reason !== 'submodule').length;
    if (count.withContent > 0 && (seen < count.withContent || (result.stats.bytes === 0 && result.skipped.length === 0))) {
      throw new Error(`${count.withContent} staged file(s) add content but the scan read only ${seen} (${result.stats.bytes} bytes); refusing to pass an incomplete scan`);
    }
    const failOn = config.scan.failOn as Severity;
    const blocking = failingFindings(result, failOn);
    // MCP servers added to a staged config must be classified and within policy (docs/mcp-registry.md).
    const mcpBlock = mcp.ok
      ? []
      : [
          c.red.bold('mso: commit blocked: the staged MCP configuration has servers the MCP registry does not allow'),
          ...mcp.problems.map((p) => `  - ${p}`),
          '  Review each server, then `mso mcp classify <name> --level <level> --reason "..."` (or `mso mcp approve <name>`).',
          '',
        ];
    if (blocking.length === 0) {
      if (mcpBlock.length > 0) {
        err.write(mcpBlock.join('\n'));
        return 1;
      }
      const below = result.findings.length ? `, ${result.findings.length} below fail-on ${failOn}` : '';
      if (result.stats.files === 0 && result.skipped.length === 0) {
        err.write('mso: nothing staged adds content, nothing to scan\n');
        return 0;
      }
      err.write(`mso: no findings in ${result.stats.files} staged file${result.stats.files === 1 ? '' : 's'}${below}${skippedNote(result)}\n`);
      return 0;
    }
    const files = new Set(blocking.map((f) => f.file)).size;
    err.write(
      [
        c.red.bold(`mso: commit blocked: ${blocking.length} finding${blocking.length === 1 ? '' : 's'} in ${files} staged file${files === 1 ? '' : 's'}`),
        '',
        ...findingsTable(blocking, false),
        '',
        ...waysOut('commit'),
        '',
        ...mcpBlock,
      ].join('\n'),
    );
    return 1;
  } catch (e) {
    return couldNotCheck(e, { action: 'commit', check: 'pre-commit scan', reproduce: '`mso scan`' });
  }
}

/** Staged paths that make the MCP check look at the staged configs (mcp/policy.ts checkStagedMcpConfigs). */
const MCP_PATHS = new Set<string>([...PROJECT_CONFIG_FILES.map((c) => c.path), ...LAUNCHER_CONFIG_FILES]);

/**
 * The MCP registry's check of staged MCP configs (it never throws: problems block). Loaded only
 * when the commit touches an MCP config or a launcher's project file: the check would return at
 * once otherwise, and loading it (config parser, registry: zod and the YAML parser) is a tenth of
 * the hook.
 */
async function stagedMcpCheck(root: string, paths: string[]): Promise<{ ok: boolean; problems: string[] }> {
  if (!paths.some((p) => MCP_PATHS.has(p))) return { ok: true, problems: [] };
  const { checkStagedMcpConfigs } = await import('../../mcp/policy.js');
  return checkStagedMcpConfigs(root, paths);
}

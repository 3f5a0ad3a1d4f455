import { errorMessage } from '../core/errors.js';
import { git, readBlobs } from '../sources/git.js';
import { PROJECT_CONFIG_FILES, loadConfiguredServers, parseProjectConfig, type ConfiguredServer } from './config-files.js';
import { evaluateServer, loadClassifier } from './evaluate.js';
import { LAUNCHER_CONFIG_FILES } from './launch-project.js';
import { serversForTool } from './resolve.js';

/**
 * The enforcement entry points used by the hooks. Both fail closed: an
 * unreadable or malformed config refuses rather than allows.
 */

/**
 * PreToolUse: may the agent call this tool? Tools other than `mcp__…` are not
 * this module's business. An MCP tool is refused when its server (resolved by
 * its configured name to what it runs) is unclassified, above the policy
 * level without approval, or not configured for the project at all.
 */
export async function checkMcpTool(root: string, toolName: string): Promise<{ allowed: boolean; reason?: string }> {
  if (!toolName.startsWith('mcp__')) return { allowed: true };
  try {
    const servers = loadConfiguredServers(root);
    const matched = serversForTool(toolName, servers);
    if (matched.length === 0) {
      const guess = toolName.slice('mcp__'.length).split('__')[0] ?? '';
      return {
        allowed: false,
        reason: `MCP server '${guess}' is not configured for this project (.mcp.json, .claude/settings.json, ~/.claude.json), so mso cannot classify it; tool ${toolName} refused`,
      };
    }
    const classifier = loadClassifier(root);
    for (const server of matched) {
      const status = evaluateServer(server, root, classifier);
      const blocking = status.problems.filter((p) => p.code === 'unclassified' || p.code === 'above-policy');
      if (blocking.length > 0) {
        return {
          allowed: false,
          reason: `MCP server '${server.name}' (${status.identity.full}, ${server.file}) is refused: ${blocking.map((p) => p.message).join('; ')}`,
        };
      }
    }
    return { allowed: true };
  } catch (err) {
    return { allowed: false, reason: `cannot check MCP tool ${toolName}, refusing: ${errorMessage(err)}` };
  }
}

/** The staged content of a path, or undefined when the index does not hold it. */
async function stagedText(root: string, path: string): Promise<string | undefined> {
  const { stdout } = await git(['ls-files', '--stage', '-z', '--', path], { cwd: root });
  const line = stdout.toString('utf8').split('\0').find((l) => l.endsWith(`\t${path}`));
  if (!line) return undefined;
  const oid = line.split(' ')[1]!;
  const blobs = await readBlobs([oid], root);
  return blobs.get(oid)!.toString('utf8');
}

/**
 * Pre-commit: when the commit touches an MCP config, check the servers in the
 * STAGED version of each touched config (read from the index, not the working
 * tree) against the workspace registry and policy in `.mso/mcp.json`. A
 * commit touching a launcher's project configuration (.npmrc, uv.toml…)
 * checks every staged MCP config, since those files change what the
 * configured servers run; the launcher files are read from the index too.
 * `stagedPaths`: every path the commit changes, when the caller has them.
 */
export async function checkStagedMcpConfigs(root: string, stagedPaths?: Iterable<string>): Promise<{ ok: boolean; problems: string[] }> {
  const problems: string[] = [];
  try {
    // stagedPaths: the caller already listed them (the pre-commit hook's count), one git call fewer.
    const touched = new Set(
      stagedPaths ?? (await git(['diff', '--cached', '--name-only', '--no-renames', '-z'], { cwd: root })).stdout.toString('utf8').split('\0').filter(Boolean),
    );
    const launcherTouched = LAUNCHER_CONFIG_FILES.some((f) => touched.has(f));
    const configs = PROJECT_CONFIG_FILES.filter((c) => touched.has(c.path) || launcherTouched);
    if (configs.length === 0) return { ok: true, problems };
    const launcherFiles = new Map<string, string | undefined>();
    for (const f of LAUNCHER_CONFIG_FILES) launcherFiles.set(f, await stagedText(root, f));
    const read = (path: string) => launcherFiles.get(path);
    const servers: ConfiguredServer[] = [];
    for (const c of configs) {
      const text = await stagedText(root, c.path);
      if (text === undefined) continue; // deleted: removing servers is always allowed
      try {
        servers.push(...parseProjectConfig(text, `${c.path} (staged)`, c.scope));
      } catch (err) {
        problems.push(errorMessage(err).replace(/^mcp: /, ''));
      }
    }
    const classifier = loadClassifier(root);
    for (const server of servers) {
      const status = evaluateServer(server, root, classifier, read);
      for (const p of status.problems) problems.push(`${server.file}: server '${server.name}' (${status.identity.full}): ${p.message}`);
    }
  } catch (err) {
    problems.push(`cannot check staged MCP configs: ${errorMessage(err)}`);
  }
  return { ok: problems.length === 0, problems };
}

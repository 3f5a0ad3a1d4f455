import type { ConfiguredServer } from './config-files.js';
import { serverIdentity, type ServerIdentity } from './identity.js';
import type { ProjectFileReader } from './launch-project.js';
import { levelRank, raisedLevel, type RiskLevel } from './levels.js';
import { loadBuiltinRegistry, type Classification, type Registry } from './registry.js';
import { approvalsByIdentity, loadMcpPolicy, workspaceRegistry, type McpPolicy } from './workspace-policy.js';

/**
 * Puts it together: each configured server's identity, its classification
 * (the workspace's first, then the built-in one) and what is wrong with it
 * under the policy.
 */
export type ProblemCode = 'unclassified' | 'above-policy' | 'unpinned';

export interface Problem {
  code: ProblemCode;
  message: string;
}

export interface ServerStatus {
  server: ConfiguredServer;
  transport: 'stdio' | 'network';
  identity: ServerIdentity;
  classification?: Classification;
  /** The classified level, raised by risky launch options (levels.ts); undefined when unclassified. */
  level?: RiskLevel;
  approved: boolean;
  problems: Problem[];
}

export interface Classifier {
  policy: McpPolicy;
  classify(identity: ServerIdentity): Classification | undefined;
  /** The approval of this exact identity: the level it was approved at (null when not recorded), or undefined. */
  approval(identity: ServerIdentity): RiskLevel | null | undefined;
}

/** An approval covers the level it was given at (or, when none is recorded, the classified level): raised risk needs a new one. */
export function approvalCovers(approval: RiskLevel | null | undefined, level: RiskLevel, classified: RiskLevel): boolean {
  if (approval === undefined) return false;
  return levelRank(level) <= levelRank(approval ?? classified);
}

export function makeClassifier(policy: McpPolicy, builtin: Registry<Classification> = loadBuiltinRegistry()): Classifier {
  const workspace = workspaceRegistry(policy);
  const approvals = approvalsByIdentity(policy);
  return {
    policy,
    // An identity mso could not read is never classified, whatever a registry holds.
    classify: (identity) => (identity.kind === 'unresolved' ? undefined : (workspace.lookup(identity) ?? builtin.lookup(identity))),
    approval: (identity) => (identity.kind === 'unresolved' ? undefined : approvals.get(identity.full)),
  };
}

export function loadClassifier(root: string): Classifier {
  return makeClassifier(loadMcpPolicy(root));
}

/** `read` supplies the project's launcher configuration (.npmrc, uv.toml…); the working tree when not given. */
export function evaluateServer(server: ConfiguredServer, root: string, classifier: Classifier, read?: ProjectFileReader): ServerStatus {
  let identity = serverIdentity(server.config, root, read);
  let classification = classifier.classify(identity);
  const problems: Problem[] = [];
  const { maxLevel, requirePinned } = classifier.policy.policy;
  const binProblem = identity.bin !== undefined ? unrelatedBin(identity, classification, classifier) : undefined;
  if (binProblem) {
    // Not the package's server: shown as what it is, a launch mso cannot read.
    const runner = identity.runner ?? identity.kind;
    identity = { kind: 'unresolved', name: runner, key: `unresolved:${runner}`, full: `unresolved:${runner}`, runner, unresolved: binProblem };
    classification = undefined;
  }
  const level = classification ? raisedLevel(classification.level, identity.raises ?? []) : undefined;
  const approved = !!classification && approvalCovers(classifier.approval(identity), level!, classification.level);
  if (identity.kind === 'unresolved') {
    problems.push({
      code: 'unclassified',
      message: `unclassified: mso cannot tell what this server runs: ${identity.unresolved}; launch it in a form mso reads exactly (docs/mcp-registry.md), or wrap it in a script in the project and classify that`,
    });
  } else if (!classification) {
    problems.push({
      code: 'unclassified',
      message: `unclassified: ${identity.key} is in no registry; review it, then \`mso mcp classify ${server.name} --level <level> --reason "..."\``,
    });
  } else if (levelRank(level!) > levelRank(maxLevel) && !approved) {
    const raised = level !== classification.level ? ` (${classification.level}, raised by ${identity.raises!.map((r) => r.detail).join(', ')})` : '';
    problems.push({
      code: 'above-policy',
      message: `above policy: level ${level}${raised} > allowed ${maxLevel}: ${classification.reason.replace(/\.$/, '')}; if the risk is accepted, approve this exact version with \`mso mcp approve ${server.name}\``,
    });
  }
  if (requirePinned && identity.pinned === false) {
    problems.push({ code: 'unpinned', message: `unpinned: ${identity.pinProblem ?? 'no exact version'} (${identity.runner ?? identity.kind} ${identity.name})` });
  }
  return { server, transport: server.config.url !== undefined ? 'network' : 'stdio', identity, classification, level, approved, problems };
}

/**
 * `npx -p pkg bin`, `uvx --from pkg bin`: a command name other than the
 * package's own must be one the same classification lists (`command: bin`),
 * or mso cannot tell that the command comes from that package.
 */
function unrelatedBin(identity: ServerIdentity, classification: Classification | undefined, classifier: Classifier): string | undefined {
  const byCommand = classifier.classify({ kind: 'command', name: identity.bin!, key: `command:${identity.bin}`, full: `command:${identity.bin}` });
  if (classification && byCommand && byCommand.id === classification.id && byCommand.origin === classification.origin) return undefined;
  return `runs the command '${identity.bin}', which mso cannot tie to the package ${identity.full} (it may come from another package or from PATH)`;
}

export function evaluateServers(servers: ConfiguredServer[], root: string, classifier: Classifier): ServerStatus[] {
  return servers.map((s) => evaluateServer(s, root, classifier));
}

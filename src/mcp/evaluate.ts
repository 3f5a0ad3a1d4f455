import type { ConfiguredServer } from './config-files.js';
import { serverIdentity, type ServerIdentity } from './identity.js';
import { levelRank } from './levels.js';
import { loadBuiltinRegistry, type Classification, type Registry } from './registry.js';
import { approvedIdentities, loadMcpPolicy, workspaceRegistry, type McpPolicy } from './workspace-policy.js';

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
  approved: boolean;
  problems: Problem[];
}

export interface Classifier {
  policy: McpPolicy;
  classify(identity: ServerIdentity): Classification | undefined;
  approved(identity: ServerIdentity): boolean;
}

export function makeClassifier(policy: McpPolicy, builtin: Registry<Classification> = loadBuiltinRegistry()): Classifier {
  const workspace = workspaceRegistry(policy);
  const approvals = approvedIdentities(policy);
  return {
    policy,
    classify: (identity) => workspace.lookup(identity) ?? builtin.lookup(identity),
    approved: (identity) => approvals.has(identity.full),
  };
}

export function loadClassifier(root: string): Classifier {
  return makeClassifier(loadMcpPolicy(root));
}

export function evaluateServer(server: ConfiguredServer, root: string, classifier: Classifier): ServerStatus {
  const identity = serverIdentity(server.config, root);
  const classification = classifier.classify(identity);
  const approved = classifier.approved(identity);
  const problems: Problem[] = [];
  const { maxLevel, requirePinned } = classifier.policy.policy;
  if (!classification) {
    problems.push({
      code: 'unclassified',
      message: `unclassified: ${identity.key} is in no registry; review it, then \`mso mcp classify ${server.name} --level <level> --reason "..."\``,
    });
  } else if (levelRank(classification.level) > levelRank(maxLevel) && !approved) {
    problems.push({
      code: 'above-policy',
      message: `above policy: level ${classification.level} > allowed ${maxLevel}: ${classification.reason.replace(/\.$/, '')}; if the risk is accepted, approve this exact version with \`mso mcp approve ${server.name}\``,
    });
  }
  if (requirePinned && identity.pinned === false) {
    problems.push({ code: 'unpinned', message: `unpinned: ${identity.pinProblem ?? 'no exact version'} (${identity.runner ?? identity.kind} ${identity.name})` });
  }
  return { server, transport: server.config.url !== undefined ? 'network' : 'stdio', identity, classification, approved, problems };
}

export function evaluateServers(servers: ConfiguredServer[], root: string, classifier: Classifier): ServerStatus[] {
  return servers.map((s) => evaluateServer(s, root, classifier));
}

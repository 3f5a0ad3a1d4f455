/**
 * Risk levels and capabilities of MCP servers. Levels are ordered: a policy
 * allows every level up to and including its `maxLevel`.
 */
export const RISK_LEVELS = ['low', 'medium', 'high', 'critical'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export function levelRank(level: RiskLevel): number {
  return RISK_LEVELS.indexOf(level);
}

export function isRiskLevel(value: string): value is RiskLevel {
  return (RISK_LEVELS as readonly string[]).includes(value);
}

/** What a server can do; a fixed list so that typos in rule files are errors. */
export const CAPABILITIES = [
  'reads-files',
  'writes-files',
  'network-egress',
  'runs-code',
  'holds-credentials',
  'browser',
  'database',
  'persistent-state',
  'messaging',
  'remote-service',
] as const;
export type Capability = (typeof CAPABILITIES)[number];

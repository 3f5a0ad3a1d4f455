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

/**
 * Launch options that reach outside the container or sandbox raise a server's
 * classified level. The rule: each category present (host mounts, host
 * namespaces, extra privileges) raises the level by one, capped at critical;
 * an option that hands over the host outright (`--privileged`, mounting `/`,
 * the home folder, system folders or the container engine's socket, adding
 * ALL or SYS_ADMIN capabilities, disabling seccomp/AppArmor/SELinux) makes it
 * critical at once.
 */
export type RaiseCategory = 'host-mount' | 'host-namespace' | 'privilege';

export interface RiskRaise {
  category: RaiseCategory;
  /** What in the launch raised it, for reports (an option and its value, never an env value). */
  detail: string;
  /** Straight to critical. */
  critical?: boolean;
}

export function raisedLevel(base: RiskLevel, raises: readonly RiskRaise[]): RiskLevel {
  if (raises.length === 0) return base;
  if (raises.some((r) => r.critical)) return 'critical';
  const steps = new Set(raises.map((r) => r.category)).size;
  return RISK_LEVELS[Math.min(RISK_LEVELS.length - 1, levelRank(base) + steps)]!;
}

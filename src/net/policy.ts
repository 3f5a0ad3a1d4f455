import { loadWorkspaceConfig } from '../config/workspace.js';
import { errorMessage } from '../core/errors.js';
import { isLoopbackHost } from './hosts.js';

/**
 * The egress decision for one destination: allowed unless the workspace is
 * air-gapped and the host is not loopback. A workspace configuration that
 * cannot be read refuses everything but loopback (fail closed), and says why.
 */
export type ResidencyMode = 'standard' | 'air-gapped' | 'unknown';

export interface EgressDecision {
  allowed: boolean;
  mode: ResidencyMode;
  /** Why the mode is unknown (bad workspace.json), for the refusal message. */
  problem?: string;
}

export function residencyMode(root: string): { mode: ResidencyMode; problem?: string } {
  try {
    return { mode: loadWorkspaceConfig(root).dataResidency.mode };
  } catch (err) {
    return { mode: 'unknown', problem: errorMessage(err) };
  }
}

export function decideEgress(root: string, host: string): EgressDecision {
  const { mode, problem } = residencyMode(root);
  if (mode === 'standard') return { allowed: true, mode };
  return { allowed: isLoopbackHost(host), mode, problem };
}

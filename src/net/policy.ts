import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isLoopbackHost } from './hosts.js';

/**
 * The egress decision for one destination: allowed unless the workspace is
 * air-gapped and the host is not loopback. A residency setting that cannot
 * be read refuses everything but loopback (fail closed), and says why.
 *
 * Reads only `dataResidency` from `.mso/workspace.json`, without zod: this
 * runs inside the process guard, which loads on every mso start. The
 * `dataResidency` section is checked as strictly as the full schema does
 * (src/config/workspace.ts), which still validates the whole file for every
 * command that loads it.
 */
export type ResidencyMode = 'standard' | 'air-gapped' | 'unknown';

export interface EgressDecision {
  allowed: boolean;
  mode: ResidencyMode;
  /** Why the mode is unknown (bad workspace.json), for the refusal message. */
  problem?: string;
}

export function residencyMode(root: string): { mode: ResidencyMode; problem?: string } {
  const path = join(root, '.mso', 'workspace.json');
  if (!existsSync(path)) return { mode: 'standard' };
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    return { mode: 'unknown', problem: `${path}: not valid JSON: ${(err as Error).message}` };
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return { mode: 'unknown', problem: `${path}: not a JSON object` };
  const section = (data as Record<string, unknown>).dataResidency;
  if (section === undefined) return { mode: 'standard' };
  if (!section || typeof section !== 'object' || Array.isArray(section)) return { mode: 'unknown', problem: `${path}: dataResidency must be an object` };
  const keys = Object.keys(section);
  if (keys.some((k) => k !== 'mode')) return { mode: 'unknown', problem: `${path}: dataResidency has an unknown setting` };
  const mode = (section as Record<string, unknown>).mode;
  if (mode === undefined || mode === 'standard') return { mode: 'standard' };
  if (mode === 'air-gapped') return { mode: 'air-gapped' };
  return { mode: 'unknown', problem: `${path}: dataResidency.mode must be "standard" or "air-gapped"` };
}

export function decideEgress(root: string, host: string): EgressDecision {
  const { mode, problem } = residencyMode(root);
  if (mode === 'standard') return { allowed: true, mode };
  return { allowed: isLoopbackHost(host), mode, problem };
}

import { join, type TaintValue } from './value.js';

/** What each variable (or dotted path, `self.x`) holds at one point of a function. */
export type Env = Map<string, TaintValue>;

/**
 * The environment after branches that may each have run: a variable carries
 * what it carries on any path (one value object kept when all paths agree).
 */
export function mergeEnvs(envs: Env[]): Env {
  const keys = new Set<string>();
  for (const e of envs) for (const k of e.keys()) keys.add(k);
  const out: Env = new Map();
  for (const k of keys) {
    // Most variables hold the same value object on every path: no array for those.
    const first = envs[0]!.get(k);
    let same = first !== undefined;
    for (let i = 1; same && i < envs.length; i++) same = envs[i]!.get(k) === first;
    out.set(k, same ? first! : join(...envs.map((e) => e.get(k))));
  }
  return out;
}

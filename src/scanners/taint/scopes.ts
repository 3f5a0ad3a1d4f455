import { join, type TaintValue } from './value.js';

/** What each variable (or dotted path, `self.x`) holds at one point of a function. */
export type Env = Map<string, TaintValue>;

/**
 * A copy of an environment, for a branch (same entries, same order). forEach, not `new Map(env)`:
 * the constructor goes through the iterator protocol, an entry array and a result object per
 * variable (~1.5-2x the time, and most of the garbage of a branch).
 */
export function copyEnv(env: Env): Env {
  const out: Env = new Map();
  env.forEach((v, k) => out.set(k, v));
  return out;
}

/**
 * The environment after branches that may each have run: a variable carries
 * what it carries on any path (one value object kept when all paths agree).
 */
export function mergeEnvs(envs: Env[]): Env {
  const out: Env = new Map();
  const n = envs.length;
  // Keys in the order the branches first hold them (as a union of the maps' keys in turn would give).
  for (let i = 0; i < n; i++) {
    envs[i]!.forEach((_, k) => {
      if (out.has(k)) return;
      // Most variables hold the same value object on every path: no array for those.
      const first = envs[0]!.get(k);
      let same = first !== undefined;
      for (let j = 1; same && j < n; j++) same = envs[j]!.get(k) === first;
      if (same) out.set(k, first!);
      else {
        const vals: Array<TaintValue | undefined> = [];
        for (let j = 0; j < n; j++) vals.push(envs[j]!.get(k));
        const v = join(...vals);
        // An object every path made (`qs = Invoice.objects.open()`, then `qs = qs.in_region(r)` on one path): still
        // named for what made it on the first path, so its methods' names keep their maker.
        const made = vals.every((x) => x?.ctor) ? vals[0]!.ctor : undefined;
        out.set(k, made ? { ...v, ctor: made } : v);
      }
    });
  }
  return out;
}

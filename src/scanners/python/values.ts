import { CATEGORIES } from './schema.js';

/**
 * What the analysis knows about a value inside one function.
 *
 * - `t`: it carries data from a source (request, argv, input()); `clean`
 *   lists the categories a sanitizer has made it safe for.
 * - `u`: it carries something that is not a constant (a parameter, an
 *   unknown call's result); same `clean`.
 * - `built`: text put together (f-string, %, +, format, join) from
 *   non-constant parts: what makes `cursor.execute(sql)` suspicious even
 *   when nobody knows where the parts come from.
 * - `prefix`: the constant text it starts with, when known (for fixed URL hosts).
 * - `ctor`: the qualified call it was made by (`requests.Session()`), so method
 *   calls on it match rules written against that call.
 * A value with neither `t` nor `u` is a constant.
 */
export interface Origin {
  src: string;
  clean: ReadonlySet<string>;
  /** Only from the local user (argv, input()): not an attacker for every rule. */
  local?: boolean;
}

export interface Val {
  t?: Origin;
  u?: Origin;
  built?: boolean;
  prefix?: string;
  ctor?: string;
}

export const CONST: Val = Object.freeze({});
const NONE: ReadonlySet<string> = new Set();

export function unknown(src: string): Val {
  return { u: { src, clean: NONE } };
}

export function tainted(src: string, local = false): Val {
  return { t: local ? { src, clean: NONE, local } : { src, clean: NONE } };
}

export function isConst(v: Val): boolean {
  return !v.t && !v.u;
}

function mergeOrigin(a: Origin | undefined, b: Origin | undefined): Origin | undefined {
  if (!a) return b;
  if (!b) return a;
  if (a.local && !b.local) [a, b] = [b, a]; // a remote source wins over a local one
  if (a.clean.size === 0 && (!a.local || b.local)) return a;
  const clean = new Set<string>();
  for (const c of a.clean) if (b.clean.has(c)) clean.add(c);
  return a.local && b.local ? { src: a.src, clean, local: true } : { src: a.src, clean };
}

/** A value made from several others: carries what any of them carries. */
export function join(...vals: Array<Val | undefined>): Val {
  let t: Origin | undefined;
  let u: Origin | undefined;
  let built = false;
  for (const v of vals) {
    if (!v) continue;
    t = mergeOrigin(t, v.t);
    u = mergeOrigin(u, v.u);
    built ||= !!v.built;
  }
  if (!t && !u) return CONST;
  const out: Val = {};
  if (t) out.t = t;
  if (u) out.u = u;
  if (built) out.built = true;
  return out;
}

function clearOrigin(o: Origin | undefined, cats: ReadonlySet<string>): Origin | undefined {
  if (!o) return undefined;
  const clean = new Set(o.clean);
  for (const c of cats) clean.add(c);
  if (CATEGORIES.every((c) => clean.has(c))) return undefined;
  return o.local ? { src: o.src, clean, local: true } : { src: o.src, clean };
}

/** The value after a sanitizer: safe for `cats` (`all` makes it a constant as far as rules care). */
export function clear(v: Val, cats: ReadonlySet<string>): Val {
  if (cats.has('all')) return CONST;
  const t = clearOrigin(v.t, cats);
  const u = clearOrigin(v.u, cats);
  if (!t && !u) return CONST;
  const out: Val = { ...v };
  if (t) out.t = t;
  else delete out.t;
  if (u) out.u = u;
  else delete out.u;
  return out;
}

export function isCleanFor(v: Val, cat: string): boolean {
  return (!v.t || v.t.clean.has(cat)) && (!v.u || v.u.clean.has(cat));
}

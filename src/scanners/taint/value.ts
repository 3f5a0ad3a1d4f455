/**
 * What the analysis knows about a value inside one function (any language).
 *
 * - `untrusted`: it carries data from a source (request, argv, input());
 *   `clean` lists the categories a sanitiser has made it safe for.
 * - `nonConstant`: it carries something that is not a constant (a parameter,
 *   an unknown call's result); same `clean`.
 * - `built`: text put together (template, %, +, format, join) from
 *   non-constant parts: what makes `db.query(sql)` suspicious even when
 *   nobody knows where the parts come from.
 * - `prefix`: the constant text it starts with, when known (for fixed URL hosts).
 * - `ctor`: the qualified call it was made by (`requests.Session()`), so method
 *   calls on it match rules written against that call.
 * - `refs`: the functions of the file it may be (`r = run`, `{"a": run}`,
 *   `partial(run, x)`): calling it calls them. Says nothing about its data.
 * A value with neither `untrusted` nor `nonConstant` is a constant.
 */
export interface Origin {
  src: string;
  clean: ReadonlySet<string>;
  /** Only from the local user (argv, input()): not an attacker for every rule. */
  local?: boolean;
  /** A parameter of a function other files call (exported), as it arrived: its callers cannot be seen. */
  exposed?: boolean;
}

export interface TaintValue {
  untrusted?: Origin;
  nonConstant?: Origin;
  built?: boolean;
  prefix?: string;
  ctor?: string;
  refs?: readonly FnRef[];
  /**
   * The result of a call the analysis cannot see into (a command's output, a response object): it
   * carries its inputs' taint, but it is no text a text sink prints as it is (JS front end).
   */
  opaque?: boolean;
  /**
   * JSON text as a serialiser made it (`json.dumps(…)`): sent alone as a response body it is data to its client;
   * text built from it (`"<script>" + … `) is markup again, so any join drops this.
   */
  json?: boolean;
}

/**
 * A function of the file a value may be: its summary name (taint/summaries.ts), whether it is a method
 * reached through an instance (Python passes the instance as `self`), and arguments bound in advance
 * (`functools.partial(run, x)`, `run.bind(null, x)`).
 */
export interface FnRef {
  name: string;
  method?: boolean;
  bound?: readonly TaintValue[];
  /** A function another project module defines (its qualified name): a call through it is one of that module's. */
  spec?: string;
}

/** At most this many functions per value: a table of handlers, not every function of the file. */
const MAX_REFS = 32;

function joinRefs(a: readonly FnRef[] | undefined, b: readonly FnRef[] | undefined): readonly FnRef[] | undefined {
  if (!a || a === b) return b ?? a;
  if (!b) return a;
  const out = [...a];
  for (const r of b) if (out.length < MAX_REFS && !out.some((o) => o === r || (o.name === r.name && o.method === r.method && o.spec === r.spec && !o.bound && !r.bound))) out.push(r);
  return out;
}

export const CONST: TaintValue = Object.freeze({});
const NONE: ReadonlySet<string> = new Set();

export function unknown(src: string): TaintValue {
  return { nonConstant: { src, clean: NONE } };
}

/** A parameter of a function other files call: not a constant, and its callers are out of sight. */
export function exposedParameter(src: string): TaintValue {
  return { nonConstant: { src, clean: NONE, exposed: true } };
}

export function tainted(src: string, local = false): TaintValue {
  return { untrusted: local ? { src, clean: NONE, local } : { src, clean: NONE } };
}

export function isConst(v: TaintValue): boolean {
  return !v.untrusted && !v.nonConstant;
}

/** A mark a value also has when it is clean of the category named: safe for all NoSQL is also no operator object. */
const IMPLIED_BY: Readonly<Record<string, string>> = { 'no-operators': 'nosql' };

function mergeOrigin(a: Origin | undefined, b: Origin | undefined): Origin | undefined {
  if (!a) return b;
  if (!b) return a;
  if (a.local && !b.local) [a, b] = [b, a]; // a remote source wins over a local one
  else if (b.exposed && !a.exposed && !b.local) [a, b] = [b, a]; // an exported function's parameter says more than a module's setting
  if (a.clean.size === 0 && (!a.local || b.local)) return a;
  const clean = new Set<string>();
  for (const c of a.clean) if (b.clean.has(c) || b.clean.has(IMPLIED_BY[c] ?? '')) clean.add(c);
  for (const c of b.clean) if (!clean.has(c) && a.clean.has(IMPLIED_BY[c] ?? '')) clean.add(c);
  const out: Origin = a.local && b.local ? { src: a.src, clean, local: true } : { src: a.src, clean };
  if (a.exposed) out.exposed = true;
  return out;
}

/** A value made from several others: carries what any of them carries. */
export function join(...vals: Array<TaintValue | undefined>): TaintValue {
  let untrusted: Origin | undefined;
  let nonConstant: Origin | undefined;
  let built = false;
  let refs: readonly FnRef[] | undefined;
  for (let i = 0; i < vals.length; i++) {
    const v = vals[i];
    if (!v) continue;
    untrusted = mergeOrigin(untrusted, v.untrusted);
    nonConstant = mergeOrigin(nonConstant, v.nonConstant);
    built ||= !!v.built;
    if (v.refs) refs = joinRefs(refs, v.refs);
  }
  if (!untrusted && !nonConstant) return refs ? { refs } : CONST;
  const out: TaintValue = {};
  if (untrusted) out.untrusted = untrusted;
  if (nonConstant) out.nonConstant = nonConstant;
  if (built) out.built = true;
  if (refs) out.refs = refs;
  return out;
}

/** `v` made by `ctor` (when one is known): `join` keeps no maker, as the joined values may have had different ones. */
export function withCtor<V extends TaintValue>(v: V, ctor: string | undefined): V {
  return ctor === undefined || v.ctor === ctor ? v : { ...v, ctor };
}

function clearOrigin(o: Origin | undefined, cats: ReadonlySet<string>, universe: readonly string[]): Origin | undefined {
  if (!o) return undefined;
  const clean = new Set(o.clean);
  for (const c of cats) clean.add(c);
  if (universe.every((c) => clean.has(c))) return undefined;
  return o.local ? { src: o.src, clean, local: true } : { src: o.src, clean };
}

/**
 * The value after a sanitiser: safe for `cats` (`all` makes it a constant as far as rules care).
 * `universe` is the front end's list of categories: a value clean for every one of them is a constant.
 */
export function clear(v: TaintValue, cats: ReadonlySet<string>, universe: readonly string[]): TaintValue {
  if (cats.has('all')) return CONST;
  const untrusted = clearOrigin(v.untrusted, cats, universe);
  const nonConstant = clearOrigin(v.nonConstant, cats, universe);
  if (!untrusted && !nonConstant) return CONST;
  const out: TaintValue = { ...v };
  if (untrusted) out.untrusted = untrusted;
  else delete out.untrusted;
  if (nonConstant) out.nonConstant = nonConstant;
  else delete out.nonConstant;
  return out;
}

export function isCleanFor(v: TaintValue, cat: string): boolean {
  return (!v.untrusted || v.untrusted.clean.has(cat)) && (!v.nonConstant || v.nonConstant.clean.has(cat));
}

/** Only what the value carries (no prefix, no constructor): an element taken out of a container (a handler out of a table). */
export function carried(v: TaintValue): TaintValue {
  if (isConst(v)) return v.refs ? { refs: v.refs } : CONST;
  const out: TaintValue = {};
  if (v.refs) out.refs = v.refs;
  if (v.untrusted) out.untrusted = v.untrusted;
  if (v.nonConstant) out.nonConstant = v.nonConstant;
  if (v.built) out.built = true;
  return out;
}

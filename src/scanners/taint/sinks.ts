import type { Severity } from '../../core/types.js';
import type { CompiledSink, Rule, TaintRule } from './compile.js';
import type { TaintValue } from './value.js';

/** A finding inside one file, before it becomes a report line. `At` is the front end's node type. */
export interface Hit<At extends { start: number; end: number } = { start: number; end: number }> {
  rule: Rule;
  node: At;
  detail?: string;
  severity?: Severity;
  cwe?: string[];
  preview: string;
  /** Value whose fingerprint identifies the finding (never shown). */
  key: string;
  /**
   * Where the data came in when the finding is inside a helper of the file: the calls that handed it
   * over. A diff scan keeps the finding when one of them is on an added line (a new call of an old helper).
   */
  via?: Array<{ start: number; end: number }>;
}

/** One severity lower: for text built from values nobody knows to be untrusted. */
export function lower(s: Severity): Severity {
  return s === 'critical' ? 'high' : s === 'high' ? 'medium' : 'low';
}

/** Whether a value reaching a sink of a taint rule is a finding, and why (a weak reason lowers the severity). */
export function fires(v: TaintValue, rule: TaintRule, sink: CompiledSink): { text: string; weak: boolean } | undefined {
  const cat = rule.category;
  const isClean = (o: { clean: ReadonlySet<string> }) => o.clean.has(cat) || (sink.cleanOfAny?.some((c) => o.clean.has(c)) ?? false);
  if (sink.safePrefix && v.prefix !== undefined && sink.safePrefix.test(v.prefix)) return undefined;
  if (sink.prefix && !(v.prefix !== undefined && sink.prefix.test(v.prefix))) return undefined;
  if (sink.jsonBody && v.json) return undefined;
  const u = v.untrusted;
  if (u && !isClean(u) && (!u.local || rule.localSources)) return { text: `untrusted data (${u.src})`, weak: false };
  const n = v.nonConstant;
  if (sink.mode === 'dynamic' && v.built && n && !isClean(n)) return { text: `text built from a non-constant value (${n.src})`, weak: true };
  if (sink.mode === 'non-constant' && n && !isClean(n)) return { text: `a non-constant value (${n.src})`, weak: true };
  // (as it is: `${BASE}/${path}` is a URL on a configured host, whatever the caller gives)
  if (sink.parameters && n?.exposed && !v.built && !isClean(n)) return { text: `the value an exported function is given (${n.src})`, weak: true };
  return undefined;
}

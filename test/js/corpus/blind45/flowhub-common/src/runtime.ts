/**
 * Runtime types shared by the server and the node packages, plus the
 * parameter expression resolver (`={{ $json.email }}` style values).
 */
import { get } from './utils';

export interface NodeItem {
  json: Record<string, any>;
  binary?: Record<string, { fileName: string; mimeType: string; path: string }>;
}

export interface ExpressionContext {
  $json: Record<string, any>;
  $node: Record<string, { json: Record<string, any> }>;
  $env: Record<string, string | undefined>;
  $now: Date;
  $workflow: { id: string; name: string; active: boolean };
}

export interface InstanceSettings {
  userFolder: string;
  codeSandbox: 'isolate' | 'legacy';
  executionTimeoutMs: number;
}

export interface NodeExecuteContext<P> {
  node: { name: string; type: string };
  workflow: { id: string; name: string };
  execution: { id: string; mode: 'manual' | 'trigger' | 'webhook' };
  items: NodeItem[];
  settings: InstanceSettings;
  logger: Pick<Console, 'info' | 'warn' | 'error' | 'debug'>;
  /** Node parameters with expressions already resolved against item `itemIndex`. */
  getParameters(itemIndex: number): P;
  getCredentials<T = Record<string, any>>(type: string): Promise<T>;
}

export interface NodeType<P> {
  name: string;
  displayName: string;
  execute(ctx: NodeExecuteContext<P>): Promise<NodeItem[]>;
}

const TEMPLATE_RE = /\{\{([\s\S]+?)\}\}/g;
const PLAIN_PATH_RE = /^\s*\$json(\.[A-Za-z_$][\w$]*)+\s*$/;

// globalThis is missing on a couple of embedded runtimes we still ship to
const root: any = typeof globalThis !== 'undefined' ? globalThis : new Function('return this')(); //@safe

export const isExpression = (v: unknown): v is string => typeof v === 'string' && v.startsWith('=');

function evaluate(snippet: string, ctx: ExpressionContext): unknown {
  // fast path: plain property lookups don't need the JS engine
  if (PLAIN_PATH_RE.test(snippet)) {
    return get(ctx.$json, snippet.trim().split('.').slice(1));
  }
  const scope = { ...ctx, Math: root.Math, JSON: root.JSON, DateTime: root.DateTime };
  const fn = new Function('scope', `with (scope) { return (${snippet}); }`); //@vuln CWE-95|CWE-94
  return fn(scope);
}

export function resolveValue(value: unknown, ctx: ExpressionContext): unknown {
  if (!isExpression(value)) return value;
  const body = value.slice(1);
  const single = body.match(/^\s*\{\{([\s\S]+)\}\}\s*$/);
  if (single && !single[1].includes('}}')) return evaluate(single[1], ctx);
  return body.replace(TEMPLATE_RE, (_m, snippet: string) => {
    const v = evaluate(snippet, ctx);
    if (v === undefined || v === null) return '';
    return typeof v === 'object' ? JSON.stringify(v) : String(v);
  });
}

export function resolveParameters<P>(params: Record<string, unknown>, ctx: ExpressionContext): P {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    if (Array.isArray(value)) out[key] = value.map((v) => resolveValue(v, ctx));
    else if (value && typeof value === 'object') out[key] = resolveParameters(value as Record<string, unknown>, ctx);
    else out[key] = resolveValue(value, ctx);
  }
  return out as P;
}

export function buildContext(item: NodeItem, workflow: ExpressionContext['$workflow'], previous: ExpressionContext['$node']): ExpressionContext {
  return { $json: item.json, $node: previous, $env: process.env, $now: new Date(), $workflow: workflow };
}

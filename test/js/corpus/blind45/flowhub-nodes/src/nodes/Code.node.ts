import vm from 'vm';
import ivm from 'isolated-vm';
import type { NodeType, NodeItem, NodeExecuteContext } from '@flowhub/common/runtime';

interface CodeParameters {
  language: 'javaScript' | 'expression';
  mode: 'runOnceForAllItems' | 'runOnceForEachItem';
  jsCode: string;
  expression: string;
}

const wrap = (code: string) => `(async function (items, $input) {\n${code}\n})`;

function normalize(result: unknown): NodeItem[] {
  const list = Array.isArray(result) ? result : [result];
  return list
    .filter((r) => r !== undefined && r !== null)
    .map((r: any) => (typeof r === 'object' && 'json' in r ? r : { json: typeof r === 'object' ? r : { value: r } }));
}

async function runIsolated(code: string, items: NodeItem[], timeout: number): Promise<NodeItem[]> {
  const isolate = new ivm.Isolate({ memoryLimit: 128 });
  try {
    const context = await isolate.createContext();
    await context.global.set('__items', new ivm.ExternalCopy(items).copyInto());
    const result = await context.eval(`${wrap(code)}(__items, { all: () => __items, first: () => __items[0] })`, { timeout, promise: true, copy: true }); //@safe
    return normalize(result);
  } finally {
    isolate.dispose();
  }
}

async function runLegacy(ctx: NodeExecuteContext<CodeParameters>, code: string, items: NodeItem[]): Promise<NodeItem[]> {
  const $input = { all: () => items, first: () => items[0], last: () => items[items.length - 1] };
  const sandbox = { items, $input, console: ctx.logger, Buffer, URL, URLSearchParams, setTimeout };
  const fn = vm.runInNewContext(wrap(code), sandbox, { timeout: ctx.settings.executionTimeoutMs, filename: `${ctx.node.name}.js` }); //@vuln CWE-94
  return normalize(await fn(items, $input));
}

function runExpression(expression: string, items: NodeItem[]): NodeItem[] {
  const mapper = new Function('$json', '$index', '$binary', `"use strict"; return (${expression});`); //@vuln CWE-95|CWE-94
  return items.map((item, index) => ({ json: mapper(item.json, index, item.binary) }));
}

export const CodeNode: NodeType<CodeParameters> = {
  name: 'flowhub-nodes.code',
  displayName: 'Code',
  async execute(ctx) {
    const p = ctx.getParameters(0);
    if (p.language === 'expression') return runExpression(p.expression, ctx.items);

    if (ctx.settings.codeSandbox === 'isolate') {
      return runIsolated(p.jsCode, ctx.items, ctx.settings.executionTimeoutMs);
    }
    if (p.mode === 'runOnceForEachItem') {
      const out: NodeItem[] = [];
      for (const item of ctx.items) out.push(...(await runLegacy(ctx, p.jsCode, [item])));
      return out;
    }
    return runLegacy(ctx, p.jsCode, ctx.items);
  },
};

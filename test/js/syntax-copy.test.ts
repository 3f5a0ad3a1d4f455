import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { dialectOf, LEAVES, OPERATORS, parseJs, type Dialect, type JsNode } from '../../src/scanners/js/syntax.js';
import { fieldlessTypes } from '../../src/scanners/taint/tree-sitter.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { CASES } from './rule-cases.js';

/**
 * The tree copy (src/scanners/js/syntax.ts) does not ask the cursor for the field names of the
 * children of node types that node-types.json lists without fields. This checks that claim on real
 * trees: a plain copy that asks for every field gives the same tree as parseJs on every file of the
 * JS corpus and every rule case, in all three dialects (with the one rewrite parseJs makes: the
 * callee `(0, ns.fn)` of compiled output is `ns.fn`).
 */
const require = createRequire(import.meta.url);
const GRAMMARS: Record<Dialect, [string, string | undefined]> = {
  js: ['tree-sitter-javascript', undefined],
  ts: ['tree-sitter-typescript', 'typescript'],
  tsx: ['tree-sitter-typescript', 'tsx'],
};

interface Plain {
  type: string;
  start: number;
  end: number;
  field: string | undefined;
  children: Plain[];
}

/** Every node with its field, as the cursor gives it; only named nodes and operators kept, as parseJs keeps them. */
function reference(text: string, d: Dialect): Plain {
  const Parser = require('tree-sitter');
  const [g, m] = GRAMMARS[d];
  const pkg = require(g);
  const parser = new Parser();
  parser.setLanguage(m ? pkg[m] : pkg);
  const cur = parser.parse(text, undefined, { bufferSize: Math.max(32 * 1024, text.length + 1) }).walk();
  const keep = () => (cur.nodeIsNamed ? cur.nodeType !== 'comment' : OPERATORS.has(cur.nodeType));
  const walk = (): Plain => {
    const node: Plain = { type: cur.nodeType, start: cur.startIndex, end: cur.endIndex, field: undefined, children: [] };
    if (cur.nodeIsNamed && !LEAVES.has(cur.nodeType) && cur.gotoFirstChild()) {
      do {
        if (!keep()) continue;
        const field = cur.currentFieldName ?? undefined;
        let child = walk();
        // parseJs reads `(0, ns.fn)(…)` (compiled output) as a call of ns.fn
        const seq = child.children[0];
        if (node.type === 'call_expression' && field === 'function' && child.type === 'parenthesized_expression' && child.children.length === 1 && seq?.type === 'sequence_expression' && seq.children.length === 2 && seq.children[0]!.type === 'number' && ['identifier', 'member_expression'].includes(seq.children[1]!.type)) child = seq.children[1]!;
        child.field = field;
        node.children.push(child);
      } while (cur.gotoNextSibling());
      cur.gotoParent();
    }
    return node;
  };
  return walk();
}

/** parseJs's tree in the same shape. */
function plain(n: JsNode): Plain {
  return { type: n.type, start: n.start, end: n.end, field: n.field, children: n.children.map(plain) };
}

function files(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...files(p));
    else if (/\.(?:[cm]?[jt]sx?)$/.test(e.name) && !/\.d\.[cm]?ts$/.test(e.name)) out.push(p);
  }
  return out;
}

describe('js syntax: the tree copy', () => {
  test('node-types.json names fieldless types in every dialect', () => {
    for (const [g, m] of Object.values(GRAMMARS)) {
      const set = fieldlessTypes(g, m);
      expect(set.has('arguments')).toBe(true);
      expect(set.has('call_expression')).toBe(false);
    }
  });

  test('the grammars load without their package entry, with the same node types (tree-sitter.ts)', () => {
    // newParser loads the native language alone and fieldlessTypes reads node-types.json itself; the
    // trees below are compared with a parser set up from the package entry, and this compares the table.
    for (const [g, m] of [...Object.values(GRAMMARS), ['tree-sitter-python', undefined] as const]) {
      const pkg = require(g);
      const info = (m ? pkg[m] : pkg).nodeTypeInfo as Array<{ type: string; named: boolean; fields?: object }>;
      const withFields = new Set(info.filter((t) => t.named && t.fields && Object.keys(t.fields).length).map((t) => t.type));
      const expected = new Set(info.filter((t) => t.named && !withFields.has(t.type)).map((t) => t.type));
      expect([...fieldlessTypes(g, m)].sort()).toEqual([...expected].sort());
      expect(expected.size).toBeGreaterThan(20);
    }
  });

  const corpus = join(REPO_ROOT, 'test', 'js', 'corpus');
  const inputs: Array<[string, string, Dialect]> = [
    ...files(corpus).map((f): [string, string, Dialect] => [f.slice(corpus.length + 1), readFileSync(f, 'utf8'), dialectOf(f)]),
    ...CASES.flatMap((c): Array<[string, string, Dialect]> => [
      [`${c.name} (js)`, c.code, 'js'],
      [`${c.name} (tsx)`, c.code, 'tsx'],
    ]),
  ];

  test.each(inputs)('%s: same tree as a copy that asks every field', (_name, text, d) => {
    const got = parseJs(text, d);
    if (!got.ok) return; // a file that does not parse is skipped before any copy
    expect(plain(got.root)).toEqual(reference(text, d));
  });
});

import { createRequire } from 'node:module';

/**
 * The part of node-tree-sitter both code front ends use (python/syntax.ts, js/syntax.ts): the native
 * types they read, one way to load a grammar, and where a failed parse went wrong. tree-sitter is
 * CommonJS and a native addon: loaded with createRequire, it works in the main thread and in the
 * worker threads of `--all` scans (the addons are context-aware).
 */
export interface TsCursor {
  nodeTypeId: number;
  nodeType: string;
  nodeIsNamed: boolean;
  startIndex: number;
  endIndex: number;
  currentFieldName: string | null | undefined;
  /** the field's id in the grammar (undefined for none): a number, where the name is a new string per call */
  currentFieldId: number | undefined;
  gotoFirstChild(): boolean;
  gotoNextSibling(): boolean;
  gotoParent(): boolean;
}
export interface TsNode {
  type: string;
  hasError: boolean;
  isMissing: boolean;
  startPosition: { row: number };
  children: TsNode[];
}
export interface TsTree {
  rootNode: TsNode;
  walk(): TsCursor;
}
export interface TsParser {
  setLanguage(l: unknown): void;
  parse(input: string | ((index: number) => string | null), old?: unknown, opts?: { bufferSize?: number }): TsTree;
}

const require = createRequire(import.meta.url);

/** A parser for the grammar package `grammar` (its export `member`, for packages holding several). */
export function newParser(grammar: string, member?: string): TsParser {
  const Parser = require('tree-sitter') as new () => TsParser;
  const parser = new Parser();
  parser.setLanguage(language(grammar, member));
  return parser;
}

function language(grammar: string, member?: string): unknown {
  const pkg = require(grammar) as Record<string, unknown>;
  return member ? pkg[member] : pkg;
}

interface NodeTypeInfo {
  type: string;
  named: boolean;
  fields?: Record<string, unknown>;
}

/**
 * The named node types whose children never have a field name, from the grammar's node-types.json
 * (which the grammar packages attach as `nodeTypeInfo`): a tree copy need not ask the cursor for
 * the field name of their children (a native call per child). Empty when the grammar does not
 * ship it, so every child is asked, as before.
 */
export function fieldlessTypes(grammar: string, member?: string): Set<string> {
  const info = (language(grammar, member) as { nodeTypeInfo?: NodeTypeInfo[] }).nodeTypeInfo;
  const out = new Set<string>();
  if (!Array.isArray(info)) return out;
  const withFields = new Set<string>();
  for (const t of info) {
    if (!t.named) continue;
    if (t.fields && Object.keys(t.fields).length > 0) withFields.add(t.type);
    else out.add(t.type);
  }
  // A type listed twice (an alias of several rules) is fieldless only if every listing is.
  for (const t of withFields) out.delete(t);
  return out;
}

/** Row of the first ERROR or MISSING node (only walked for files that failed to parse). */
export function firstErrorRow(node: TsNode): number {
  if (node.type === 'ERROR' || node.isMissing) return node.startPosition.row;
  for (const c of node.children) if (c.hasError || c.isMissing) return firstErrorRow(c);
  return node.startPosition.row;
}

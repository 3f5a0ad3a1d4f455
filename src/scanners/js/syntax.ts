import { fieldlessTypes, firstErrorRow, newParser, type TsParser } from '../taint/tree-sitter.js';

/**
 * JavaScript / TypeScript syntax trees from tree-sitter, copied once into plain
 * objects (as the Python front end does): every later read is plain JavaScript.
 * The grammar follows the file's extension: TypeScript for .ts/.mts/.cts, TSX
 * for .tsx, JavaScript (with JSX) for the rest. The native grammars load on
 * the first JS/TS file, never before, so a Python or secrets scan does not pay
 * for them (and a bundler can leave them external).
 */
export interface JsNode {
  type: string;
  named: boolean;
  start: number;
  end: number;
  /** the grammar's field name in the parent (`function`, `object`, `left`, …) */
  field?: string;
  children: JsNode[];
  parent?: JsNode;
  /** named children without comments, computed once */
  nc?: JsNode[];
}


export type Dialect = 'js' | 'ts' | 'tsx';

const parsers = new Map<Dialect, TsParser>();
/**
 * Type ids differ between grammars: one table per dialect. `fieldless[id]`: children of this type
 * never carry a field name (node-types.json), so the copy does not ask the cursor for one.
 */
interface TypeTable {
  names: string[];
  named: boolean[];
  fieldless: boolean[];
  fieldlessNames: Set<string>;
}
const typeTables = new Map<Dialect, TypeTable>();
const NO_CHILDREN: JsNode[] = [];
/** Anonymous tokens worth keeping: operators (`+`, `===`, `+=`, `!`, `typeof`), and `new`-less markers. */
export const OPERATORS: ReadonlySet<string> = new Set(['+', '-', '*', '/', '%', '**', '<', '>', '<=', '>=', '==', '!=', '===', '!==', '&&', '||', '??', '!', '=', '+=', '-=', '||=', '&&=', '??=', 'typeof', 'instanceof', 'in', 'of', '...', '?.']);
export const LEAVES: ReadonlySet<string> = new Set(['identifier', 'property_identifier', 'shorthand_property_identifier', 'shorthand_property_identifier_pattern', 'string_fragment', 'escape_sequence', 'number', 'true', 'false', 'null', 'undefined', 'comment', 'regex_pattern', 'regex_flags', 'this', 'super', 'type_identifier', 'predefined_type', 'private_property_identifier', 'statement_identifier', 'hash_bang_line', 'html_comment']);

export function dialectOf(path: string): Dialect {
  const ext = path.slice(path.lastIndexOf('.')).toLowerCase();
  if (ext === '.ts' || ext === '.mts' || ext === '.cts') return 'ts';
  if (ext === '.tsx') return 'tsx';
  return 'js';
}

const grammarOf = (d: Dialect): [string, string | undefined] => (d === 'js' ? ['tree-sitter-javascript', undefined] : ['tree-sitter-typescript', d === 'ts' ? 'typescript' : 'tsx']);

function getParser(d: Dialect): TsParser {
  let p = parsers.get(d);
  if (!p) parsers.set(d, (p = newParser(...grammarOf(d))));
  return p;
}

function typeTable(d: Dialect): TypeTable {
  let t = typeTables.get(d);
  if (!t) typeTables.set(d, (t = { names: [], named: [], fieldless: [], fieldlessNames: fieldlessTypes(...grammarOf(d)) }));
  return t;
}

export type ParseResult = { ok: true; root: JsNode } | { ok: false; reason: string };

/** Parses a source file; a tree with syntax errors is reported, not analysed. */
export function parseJs(text: string, dialect: Dialect): ParseResult {
  const p = getParser(dialect);
  // Large files: the native parser reads the text in chunks of this size.
  const tree = p.parse(text, undefined, { bufferSize: Math.max(32 * 1024, text.length + 1) });
  // The grammars lag the language here and there (`unique` as a variable name in TypeScript, new
  // syntax): a tree with a local syntax error is still analysed around it; only a file that is not
  // code at all is skipped.
  const root = tree.rootNode;
  if (root.hasError && (root.type === 'ERROR' || (root.children.length > 0 && root.children.every((c) => c.type === 'ERROR')))) {
    return { ok: false, reason: `syntax error near line ${firstErrorRow(root) + 1} (not valid ${dialect === 'js' ? 'JavaScript' : 'TypeScript'})` };
  }
  const { names: typeNames, named: typeNamed, fieldless, fieldlessNames } = typeTable(dialect);
  const cur = tree.walk();
  const copy = (parent: JsNode | undefined, id: number): JsNode => {
    let type = typeNames[id];
    if (type === undefined) {
      type = cur.nodeType;
      typeNames[id] = type;
      typeNamed[id] = cur.nodeIsNamed;
      fieldless[id] = typeNamed[id]! && fieldlessNames.has(type);
    }
    const isNamed = typeNamed[id]!;
    // Every node has the same fields in the same order (one hidden class): the analysis reads them
    // millions of times, and a field added later (`field`, `nc`) would make those reads polymorphic.
    if (!isNamed) return { type, named: false, start: cur.startIndex, end: cur.endIndex, field: undefined, children: NO_CHILDREN, parent, nc: NO_CHILDREN };
    const leaf = LEAVES.has(type);
    // `nc` (the named children) is the children array itself unless an operator token is among
    // them: most nodes' kept children are all named, and a filtered copy of each was most of what
    // the analysis allocated for `named()`. Neither array is ever changed after the copy.
    const node: JsNode = { type, named: true, start: cur.startIndex, end: cur.endIndex, field: undefined, children: leaf ? NO_CHILDREN : [], parent, nc: undefined };
    let allNamed = true;
    if (!leaf && cur.gotoFirstChild()) {
      const askField = !fieldless[id];
      do {
        const childId = cur.nodeTypeId;
        const known = typeNames[childId];
        if (known !== undefined && !typeNamed[childId] && !OPERATORS.has(known)) continue;
        if (known === 'comment') continue;
        const field = askField ? cur.currentFieldName : undefined;
        let child = copy(node, childId);
        if (child.type === 'comment' || (!child.named && !OPERATORS.has(child.type))) continue;
        if (field === 'function' && type === 'call_expression') child = indirectCallee(child, node) ?? child;
        if (field) child.field = field;
        if (!child.named) allNamed = false;
        node.children.push(child);
      } while (cur.gotoNextSibling());
      cur.gotoParent();
    }
    if (allNamed) node.nc = node.children;
    return node;
  };
  return { ok: true, root: copy(undefined, cur.nodeTypeId) };
}

/**
 * `(0, ns.fn)(…)` is how compilers and bundlers (tsc, esbuild, babel) call an imported function
 * without a `this`: it calls `ns.fn`, so the copy puts `ns.fn` where the callee is.
 */
function indirectCallee(callee: JsNode, call: JsNode): JsNode | undefined {
  if (callee.type !== 'parenthesized_expression' || callee.children.length !== 1) return undefined;
  const seq = callee.children[0]!;
  if (seq.type !== 'sequence_expression' || seq.children.length !== 2 || seq.children[0]!.type !== 'number') return undefined;
  const target = seq.children[1]!;
  if (target.type !== 'identifier' && target.type !== 'member_expression') return undefined;
  target.parent = call;
  return target;
}

export function named(n: JsNode): JsNode[] {
  return (n.nc ??= n.children.filter((c) => c.named));
}

/** The child in a grammar field (`function` of a call, `object` of a member expression). */
export function field(n: JsNode, name: string): JsNode | undefined {
  for (const c of n.children) if (c.field === name) return c;
  return undefined;
}

/** The first anonymous operator token among a node's children (`+` of a binary expression). */
export function operator(n: JsNode): string | undefined {
  for (const c of n.children) if (!c.named) return c.type;
  return undefined;
}

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
 * Type ids differ between grammars: one table per dialect, filled as the copies meet each type.
 * `kind[id]` says what the copy does with a node of that type (a table read instead of set lookups
 * by name for each of the tree's nodes); `fieldless[id]`: children of this type never carry a field
 * name (node-types.json), so the copy does not ask the cursor for one. `fields[id]`: field names by
 * id (the cursor's id is a number; its name would be a new string for every child).
 */
interface TypeTable {
  names: string[];
  kind: Kind[];
  fieldless: boolean[];
  fieldlessNames: Set<string>;
  fields: string[];
}
/** DROP: comments and punctuation; TOKEN: an operator kept as an anonymous node; LEAF / INNER: named nodes. */
const DROP = 0;
const TOKEN = 1;
const LEAF = 2;
const INNER = 3;
type Kind = typeof DROP | typeof TOKEN | typeof LEAF | typeof INNER;
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
  if (!t) typeTables.set(d, (t = { names: [], kind: [], fieldless: [], fieldlessNames: fieldlessTypes(...grammarOf(d)), fields: [] }));
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
  const { names: typeNames, kind: kinds, fieldless, fieldlessNames, fields } = typeTable(dialect);
  const cur = tree.walk();
  /** What to do with the type under the cursor, learnt the first time the copy meets it. */
  const kindOf = (id: number): Kind => {
    let k = kinds[id];
    if (k === undefined) {
      const type = internalised(cur.nodeType);
      typeNames[id] = type;
      k = cur.nodeIsNamed ? (type === 'comment' ? DROP : LEAVES.has(type) ? LEAF : INNER) : OPERATORS.has(type) ? TOKEN : DROP;
      kinds[id] = k;
      fieldless[id] = k === INNER && fieldlessNames.has(type);
    }
    return k;
  };
  // The children of the nodes being copied, kept here until each node's own list is complete: then
  // copied out at its exact length (an array grown by push holds 17 slots for one or two children).
  const stack: JsNode[] = [];
  const copy = (parent: JsNode | undefined, id: number, k: Kind): JsNode => {
    const type = typeNames[id]!;
    // Every node has the same fields in the same order (one hidden class): the analysis reads them
    // millions of times, and a field added later (`field`, `nc`) would make those reads polymorphic.
    if (k === TOKEN) return { type, named: false, start: cur.startIndex, end: cur.endIndex, field: undefined, children: NO_CHILDREN, parent, nc: NO_CHILDREN };
    // `nc` (the named children) is the children array itself unless an operator token is among
    // them: most nodes' kept children are all named, and a filtered copy of each was most of what
    // the analysis allocated for `named()`. Neither array is ever changed after the copy.
    const node: JsNode = { type, named: true, start: cur.startIndex, end: cur.endIndex, field: undefined, children: NO_CHILDREN, parent, nc: undefined };
    let allNamed = true;
    if (k === INNER && cur.gotoFirstChild()) {
      const askField = !fieldless[id];
      const mark = stack.length;
      do {
        const childId = cur.nodeTypeId;
        const known = kinds[childId];
        const ck = known === undefined ? kindOf(childId) : known;
        if (ck === DROP) continue;
        let fname: string | undefined;
        if (askField) {
          const fid = cur.currentFieldId;
          if (fid !== undefined) fname = fields[fid] ??= internalised(cur.currentFieldName!);
        }
        let child = copy(node, childId, ck);
        if (fname === 'function' && type === 'call_expression') child = indirectCallee(child, node) ?? child;
        if (fname) child.field = fname;
        if (ck === TOKEN) allNamed = false;
        stack.push(child);
      } while (cur.gotoNextSibling());
      cur.gotoParent();
      if (stack.length > mark) {
        node.children = stack.slice(mark);
        stack.length = mark;
      } else node.children = [];
    } else if (k === INNER) node.children = [];
    if (allNamed) node.nc = node.children;
    return node;
  };
  const rootId = cur.nodeTypeId;
  const rootKind = kindOf(rootId);
  return { ok: true, root: copy(undefined, rootId, rootKind === DROP ? INNER : rootKind) };
}

/**
 * The same characters as an internalised string (a property key is one). The native binding makes a
 * fresh string for each name; the analysis compares node types and field names with literals
 * (`n.type === 'call_expression'`) millions of times, and two internalised strings compare by pointer.
 */
function internalised(s: string): string {
  return Object.keys({ [s]: 0 })[0]!;
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
  // Indexed loops in these helpers: they run for most nodes, often in a short-lived process (a
  // hook) where the code is still interpreted and a for-of allocates an iterator and a result per step.
  const kids = n.children;
  for (let i = 0; i < kids.length; i++) if (kids[i]!.field === name) return kids[i];
  return undefined;
}

/** The first anonymous operator token among a node's children (`+` of a binary expression). */
export function operator(n: JsNode): string | undefined {
  const kids = n.children;
  for (let i = 0; i < kids.length; i++) if (!kids[i]!.named) return kids[i]!.type;
  return undefined;
}

/**
 * The source text of `n` without its comments: what the code says, for checks that read a body's text (a merge that
 * "guards" `__proto__` only in a comment does not). The copied tree has no comment nodes, so comments lie in the gaps
 * between a node's children, where no string, template or regex literal is (those are nodes).
 */
export function codeOf(n: JsNode, text: string): string {
  if (!n.children.length) return text.slice(n.start, n.end);
  let out = '';
  let at = n.start;
  for (const c of n.children) {
    out += blankComments(text.slice(at, c.start)) + codeOf(c, text);
    at = c.end;
  }
  return out + blankComments(text.slice(at, n.end));
}

const COMMENTS = /\/\*[\s\S]*?\*\/|\/\/[^\n]*/g;
/** Comments as spaces of the same length (line breaks kept): offsets into the code stay offsets into the text. */
const blankComments = (t: string) => t.replace(COMMENTS, (m) => m.replace(/[^\n]/g, ' '));

import { firstErrorRow, newParser, type TsParser } from '../taint/tree-sitter.js';

/**
 * Python syntax trees from tree-sitter, copied once into plain objects.
 *
 * tree-sitter's node objects cross into native code on every property read;
 * the analysis visits nodes many times, so one cursor walk copies the tree
 * (type, offsets, children) and everything after that is plain JavaScript.
 * Loading the grammar: ../taint/tree-sitter.ts.
 */
export interface PyNode {
  type: string;
  named: boolean;
  start: number;
  end: number;
  children: PyNode[];
  parent?: PyNode;
  /** named children without comments, computed once */
  nc?: PyNode[];
}


let parser: TsParser | undefined;
const NO_CHILDREN: PyNode[] = [];
const OPERATORS = new Set(['+', '-', '*', '/', '%', '**', '//', '@', '<<', '>>', '&', '|', '^', '~', '<', '>', '<=', '>=', '==', '!=', '<>', 'in', 'not in', 'is', 'is not', 'and', 'or', 'not', '+=', '-=', '*=', '/=', '%=', '**=', '//=', '@=', '&=', '|=', '^=', '>>=', '<<=']);
const LEAVES = new Set(['identifier', 'integer', 'float', 'string_content', 'escape_sequence', 'true', 'false', 'none', 'comment', 'string_start', 'string_end', 'type_conversion', 'ellipsis']);
const typeNames: string[] = [];
const typeNamed: boolean[] = [];

function getParser(): TsParser {
  return (parser ??= newParser('tree-sitter-python'));
}

export type ParseResult = { ok: true; root: PyNode } | { ok: false; reason: string };

/** Parses Python source; a tree with syntax errors is reported, not analysed. */
export function parsePython(text: string): ParseResult {
  const p = getParser();
  const tree = p.parse(text);
  if (tree.rootNode.hasError) {
    return { ok: false, reason: `syntax error near line ${firstErrorRow(tree.rootNode) + 1} (not valid Python 3)` };
  }
  const cur = tree.walk();
  // Every cursor read is a native call: anonymous tokens (punctuation, keywords, operators) keep only
  // their type, and known leaf types are not asked for children.
  const copy = (parent: PyNode | undefined, id: number): PyNode => {
    let type = typeNames[id];
    if (type === undefined) {
      type = cur.nodeType;
      typeNames[id] = type;
      typeNamed[id] = cur.nodeIsNamed;
    }
    const isNamed = typeNamed[id]!;
    // One hidden class for every node (`nc` is filled in later): the analysis's reads stay monomorphic.
    if (!isNamed) return { type, named: false, start: -1, end: -1, children: NO_CHILDREN, parent, nc: undefined };
    const leaf = LEAVES.has(type);
    const node: PyNode = { type, named: true, start: cur.startIndex, end: cur.endIndex, children: leaf ? NO_CHILDREN : [], parent, nc: undefined };
    if (!leaf && cur.gotoFirstChild()) {
      do {
        const childId = cur.nodeTypeId;
        const known = typeNames[childId];
        // Punctuation and keywords are never read: only operators among the anonymous tokens are kept.
        if (known !== undefined && !typeNamed[childId] && !OPERATORS.has(known)) continue;
        if (known === 'comment') continue;
        node.children.push(copy(node, childId));
      } while (cur.gotoNextSibling());
      cur.gotoParent();
    }
    return node;
  };
  return { ok: true, root: copy(undefined, cur.nodeTypeId) };
}

export function named(n: PyNode): PyNode[] {
  return (n.nc ??= n.children.filter((c) => c.named && c.type !== 'comment'));
}

/**
 * The source text of `n` without its comments: what the code says, for checks that read a function's text (a call
 * named only in a comment is not made). Comments lie in the gaps between a node's children (strings are nodes);
 * anonymous tokens are kept without a position and left in the gaps.
 */
export function codeOf(n: PyNode, text: string): string {
  let out = '';
  let at = n.start;
  for (const c of n.children) {
    if (c.start < 0 || c.type === 'comment') continue;
    out += blankComments(text.slice(at, c.start)) + codeOf(c, text);
    at = c.end;
  }
  return out + blankComments(text.slice(at, n.end));
}

const COMMENTS = /#[^\n]*/g;
/** Comments as spaces of the same length: offsets into the code stay offsets into the text. */
const blankComments = (t: string) => t.replace(COMMENTS, (m) => ' '.repeat(m.length));

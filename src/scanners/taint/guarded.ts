/**
 * Whether a node runs only when some enclosing condition holds whose text matches a regex (`unless-guarded`
 * of pattern rules): the body or else branch of an `if`, a branch of a conditional expression, the right side
 * of `&&` / `and`. Both front ends' trees have parents and the grammars' field-less shapes read here alike:
 * the condition is the first named child of each of those nodes.
 */
interface GuardNode {
  type: string;
  start: number;
  end: number;
  parent?: GuardNode;
  children: GuardNode[];
  named: boolean;
}

const BRANCHING = new Set(['if_statement', 'elif_clause', 'ternary_expression', 'conditional_expression', 'binary_expression', 'boolean_operator']);

export function guardedBy(node: GuardNode, text: string, re: RegExp): boolean {
  let child = node;
  for (let p = node.parent; p; child = p, p = p.parent) {
    if (!BRANCHING.has(p.type)) continue;
    const kids = p.children.filter((c) => c.named && c.type !== 'comment');
    // Python's conditional expression is `a if cond else b`: the condition is its second part.
    const cond = p.type === 'conditional_expression' ? kids[1] : kids[0];
    if (!cond || cond === child) continue;
    if (p.type === 'binary_expression' || p.type === 'boolean_operator') {
      const op = text.slice(cond.end, kids[1]?.start ?? cond.end).trim();
      if (op !== '&&' && op !== 'and') continue;
    }
    if (re.test(text.slice(cond.start, cond.end))) return true;
  }
  return false;
}

/**
 * Every string value in a JSON value, with where it sits (`a.b[0].c`), in
 * document order. Iterative, so a deeply nested input cannot overflow the
 * stack. (Object keys are not leaves; callers that care scan a JSON rendering.)
 */
export interface StringLeaf {
  at: string;
  value: string;
}

export function stringLeaves(value: unknown): { leaves: StringLeaf[]; depth: number } {
  const leaves: StringLeaf[] = [];
  let depth = 0;
  const stack: Array<{ at: string; value: unknown; depth: number }> = [{ at: '', value, depth: 0 }];
  while (stack.length) {
    const { at, value: v, depth: d } = stack.pop()!;
    if (d > depth) depth = d;
    if (typeof v === 'string') leaves.push({ at: at || '(value)', value: v });
    else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ at: `${at}[${i}]`, value: v[i], depth: d + 1 });
    } else if (v && typeof v === 'object') {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, child] = entries[i]!;
        stack.push({ at: at ? `${at}.${k}` : k, value: child, depth: d + 1 });
      }
    }
  }
  return { leaves, depth };
}

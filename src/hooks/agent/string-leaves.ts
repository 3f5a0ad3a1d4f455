/**
 * Every string value in a JSON value, with where it sits (`a.b[0].c`), in
 * document order. Iterative, so a deeply nested input cannot overflow the
 * stack. (Object keys are not leaves; callers that care scan a JSON rendering.)
 */
export interface StringLeaf {
  at: string;
  value: string;
}

export function stringLeaves(value: unknown): StringLeaf[] {
  const out: StringLeaf[] = [];
  const stack: Array<{ at: string; value: unknown }> = [{ at: '', value }];
  while (stack.length) {
    const { at, value: v } = stack.pop()!;
    if (typeof v === 'string') out.push({ at: at || '(value)', value: v });
    else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ at: `${at}[${i}]`, value: v[i] });
    } else if (v && typeof v === 'object') {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, child] = entries[i]!;
        stack.push({ at: at ? `${at}.${k}` : k, value: child });
      }
    }
  }
  return out;
}

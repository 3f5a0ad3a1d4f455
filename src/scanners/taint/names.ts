/**
 * A compiled list of rule names, matched against the candidate dotted names of
 * a call or an expression in any language (`subprocess.run`,
 * `child_process.exec`): exact qualified names, and `*.suffix` patterns that
 * match any name ending in `.suffix` (any receiver).
 */
export class NameSet {
  private readonly exact = new Set<string>();
  /** `*.suffix` patterns, indexed by their last segment so a lookup tries only the few that can match. */
  private readonly suffixes = new Map<string, string[]>();
  private all = false;
  /** first segments of the exact names, to reject most prefix lookups at once */
  private readonly heads = new Set<string>();
  constructor(readonly patterns: readonly string[]) {
    for (const p of patterns) {
      if (!p.startsWith('*')) this.heads.add(p.split('.')[0]!);
      if (p === '*') this.all = true;
      else if (p.startsWith('*.')) {
        const suffix = p.slice(1);
        const last = lastSegment(suffix);
        const list = this.suffixes.get(last) ?? [];
        list.push(suffix);
        this.suffixes.set(last, list);
      } else this.exact.add(p);
    }
  }
  /** Last segments this set can match (`*` for any), for indexing. */
  segments(): string[] {
    if (this.all) return ['*'];
    return [...new Set([...[...this.exact].map(lastSegment), ...this.suffixes.keys()])];
  }
  has(name: string): boolean {
    if (this.all || this.exact.has(name)) return true;
    if (this.suffixes.size === 0) return false; // no slice of the name to allocate
    const list = this.suffixes.get(lastSegment(name));
    if (list) for (const s of list) if (name.endsWith(s)) return true;
    return false;
  }
  any(names: readonly string[]): string | undefined {
    // Indexed loops here and in lookup(): called for most calls and assignments, often still in
    // the interpreter (a hook's single file), where for-of allocates an iterator each time.
    for (let i = 0; i < names.length; i++) if (this.has(names[i]!)) return names[i];
    return undefined;
  }
  /** Prefix match for sources: the name or anything under it (`request.args` covers `request.args.get`). */
  prefixOf(names: readonly string[]): string | undefined {
    for (let k = 0; k < names.length; k++) {
      const n = names[k]!;
      const dot = n.indexOf('.');
      if (!this.heads.has(dot === -1 ? n : n.slice(0, dot))) continue;
      for (let i = n.indexOf('.'); ; i = n.indexOf('.', i + 1)) {
        const p = i === -1 ? n : n.slice(0, i);
        if (this.exact.has(p)) return p;
        if (i === -1) break;
      }
    }
    // `*.options.getString` (any receiver): the pattern itself is the source's key.
    if (this.suffixes.size) {
      for (let k = 0; k < names.length; k++) {
        const n = names[k]!;
        for (let i = n.indexOf('.'); ; i = n.indexOf('.', i + 1)) {
          const p = i === -1 ? n : n.slice(0, i);
          const list = this.suffixes.get(lastSegment(p));
          if (list) for (const s of list) if (p.endsWith(s) && p.length > s.length) return '*' + s;
          if (i === -1) break;
        }
      }
    }
    return undefined;
  }
  get size(): number {
    return this.exact.size + this.suffixes.size;
  }
}

const NONE: readonly unknown[] = Object.freeze([]);

function lastSegment(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot === -1 ? name : name.slice(dot + 1);
}

/** Items keyed by the names they match, looked up by a call's candidate names: only a few are tested per call. */
export class NameIndex<T> {
  private readonly byLast = new Map<string, Array<{ set: NameSet; item: T }>>();
  private readonly any: Array<{ set: NameSet; item: T }> = [];
  private order = 0;
  private readonly rank = new Map<T, number>();
  add(set: NameSet, item: T): void {
    this.rank.set(item, this.order++);
    for (const seg of set.segments()) {
      if (seg === '*') this.any.push({ set, item });
      else {
        const list = this.byLast.get(seg) ?? [];
        list.push({ set, item });
        this.byLast.set(seg, list);
      }
    }
  }
  /** Every name set added, with its item (the file gate reads them). */
  entries(): Array<{ set: NameSet; item: T }> {
    const out = new Map<T, { set: NameSet; item: T }>();
    for (const list of [...this.byLast.values(), this.any]) for (const e of list) if (!out.has(e.item)) out.set(e.item, e);
    return [...out.values()];
  }

  /** Whether the items are already in the order they were added (most lookups: no sort, no copy of the array). */
  private inOrder(items: readonly T[]): boolean {
    for (let i = 1; i < items.length; i++) if (this.rank.get(items[i - 1]!)! > this.rank.get(items[i]!)!) return false;
    return true;
  }

  /** Items whose set matches one of the names, in the order they were added. */
  lookup(names: readonly string[]): T[] {
    let out: T[] | undefined;
    let prev = '';
    for (let i = 0; i < names.length; i++) {
      const seg = lastSegment(names[i]!);
      if (seg === prev) continue; // the candidates of one callee nearly always share their last segment
      prev = seg;
      const list = this.byLast.get(seg);
      if (list) for (let j = 0; j < list.length; j++) { const e = list[j]!; if (!out?.includes(e.item) && e.set.any(names)) (out ??= []).push(e.item); }
    }
    for (let j = 0; j < this.any.length; j++) { const e = this.any[j]!; if (!out?.includes(e.item) && e.set.any(names)) (out ??= []).push(e.item); }
    if (!out) return NONE as T[];
    if (out.length > 1 && !this.inOrder(out)) out.sort((a, b) => this.rank.get(a)! - this.rank.get(b)!);
    return out;
  }

}

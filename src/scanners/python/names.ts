import { named, type PyNode } from './syntax.js';

/**
 * Names: which module a local name stands for (`import subprocess as sp`,
 * `from hashlib import md5`), and matching of rule names against them.
 */
const STATEMENT_LIKE = /(_statement|_definition|_clause|^block|^module)$/;

/** `fetch` of `from . import fetch` is `.fetch`; `read` of `from .storage import read` is `.storage.read`. */
function member(mod: string, name: string): string {
  return /^\.+$/.test(mod) ? mod + name : `${mod}.${name}`;
}

export class Imports {
  /** local name → qualified name */
  readonly alias = new Map<string, string>();
  /** top-level modules the file imports (for `imports:` conditions) */
  readonly modules = new Set<string>();

  static collect(root: PyNode, text: string): Imports {
    const im = new Imports();
    const visit = (n: PyNode) => {
      if (n.type === 'import_statement') {
        for (const c of named(n)) im.addImport(c, text);
        return;
      }
      if (n.type === 'import_from_statement') {
        const kids = named(n);
        const from = kids[0];
        if (!from) return;
        const mod = text.slice(from.start, from.end).replace(/\s+/g, '');
        im.noteModule(mod);
        for (const c of kids.slice(1)) {
          if (c.type === 'dotted_name') {
            const nm = text.slice(c.start, c.end);
            im.alias.set(nm, member(mod, nm));
          } else if (c.type === 'aliased_import') {
            const [orig, as] = named(c);
            if (orig && as) im.alias.set(text.slice(as.start, as.end), member(mod, text.slice(orig.start, orig.end)));
          }
        }
        return;
      }
      // Imports are statements: expressions never need a look.
      for (const c of n.children) if (c.named && STATEMENT_LIKE.test(c.type)) visit(c);
    };
    visit(root);
    return im;
  }

  private addImport(c: PyNode, text: string): void {
    if (c.type === 'dotted_name') {
      const full = text.slice(c.start, c.end);
      this.noteModule(full);
      const head = full.split('.')[0]!;
      if (!this.alias.has(head)) this.alias.set(head, head);
    } else if (c.type === 'aliased_import') {
      const [orig, as] = named(c);
      if (!orig || !as) return;
      const full = text.slice(orig.start, orig.end);
      this.noteModule(full);
      this.alias.set(text.slice(as.start, as.end), full);
    }
  }

  private noteModule(mod: string): void {
    const parts = mod.replace(/^\.+/, '').split('.');
    for (let i = 1; i <= parts.length; i++) this.modules.add(parts.slice(0, i).join('.'));
  }

  /** Qualified form of a dotted name whose first segment may be an alias. */
  qualify(dotted: string): string | undefined {
    const dot = dotted.indexOf('.');
    const head = dot === -1 ? dotted : dotted.slice(0, dot);
    const q = this.alias.get(head);
    if (!q) return undefined;
    return dot === -1 ? q : q + dotted.slice(dot);
  }

  imports(mod: string): boolean {
    return this.modules.has(mod);
  }
}

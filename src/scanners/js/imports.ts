import { PROJECT_SPEC } from '../taint/project-calls.js';
import { field, named, type JsNode } from './syntax.js';

/**
 * Which module a local name stands for in a JavaScript / TypeScript file:
 * `import cp from 'child_process'`, `import { exec as run } from 'node:child_process'`,
 * `const { exec } = require('child_process')`, `const fs = require('fs').promises`.
 * Qualified names are the module specifier (without `node:`) followed by the
 * member path: `child_process.exec`, `fs/promises.readFile`.
 */
export class JsImports {
  /** local name → qualified name */
  readonly alias = new Map<string, string>();
  readonly modules = new Set<string>();
  /** Specifiers of the project's own modules (taint/project-calls.ts), longest first once sorted. */
  private readonly project: string[] = [];

  static collect(root: JsNode, text: string): JsImports {
    const im = new JsImports();
    const src = (n: JsNode) => text.slice(n.start, n.end);
    const visit = (n: JsNode, depth: number) => {
      if (n.type === 'import_statement') {
        im.importStatement(n, src);
        return;
      }
      if (n.type === 'variable_declarator') {
        const value = field(n, 'value');
        const target = field(n, 'name');
        // `const { exec: run } = cp` / `const fsp = fs.promises`: a module already bound by name.
        const mod = value ? (requiredModule(value, src) ?? im.boundModule(value, src)) : undefined;
        if (mod !== undefined && target) {
          im.bindRequire(target, mod, src);
          // (the specifier itself: a project module's name holds dots, `./user.service`, which the qualified name cannot tell from members)
          const spec = requireSpecifier(value!, src);
          if (spec !== undefined) im.noteProject(spec);
        }
      }
      // require() may sit inside functions (lazy loads): look a few levels down, never into expressions' depths.
      if (depth > 12) return;
      const kids = named(n);
      // A node without children is neither an import nor a declarator with a value: not visited.
      for (let i = 0; i < kids.length; i++) if (kids[i]!.children.length) visit(kids[i]!, depth + 1);
    };
    visit(root, 0);
    return im;
  }

  private importStatement(n: JsNode, src: (n: JsNode) => string): void {
    const source = field(n, 'source');
    if (!source) return;
    const mod = normalise(unquote(src(source)));
    this.modules.add(mod);
    this.noteProject(mod);
    const clause = named(n).find((c) => c.type === 'import_clause');
    if (!clause) return;
    for (const c of named(clause)) {
      if (c.type === 'identifier') this.alias.set(src(c), mod);
      else if (c.type === 'namespace_import') {
        const id = named(c)[0];
        if (id) this.alias.set(src(id), mod);
      } else if (c.type === 'named_imports') {
        for (const spec of named(c)) {
          if (spec.type !== 'import_specifier') continue;
          const name = field(spec, 'name');
          const as = field(spec, 'alias') ?? name;
          if (name && as) this.alias.set(src(as), `${mod}.${unquote(src(name))}`);
        }
      }
    }
  }

  noteProject(mod: string): void {
    if (PROJECT_SPEC.test(mod) && !this.project.includes(mod)) {
      this.project.push(mod);
      this.project.sort((a, b) => b.length - a.length);
    }
  }

  private bindRequire(target: JsNode, mod: string, src: (n: JsNode) => string): void {
    this.modules.add(mod.split('.')[0]!);
    if (target.type === 'identifier') this.alias.set(src(target), mod);
    else if (target.type === 'object_pattern') {
      for (const p of named(target)) {
        if (p.type === 'shorthand_property_identifier_pattern') this.alias.set(src(p), `${mod}.${src(p)}`);
        else if (p.type === 'pair_pattern') {
          const k = field(p, 'key');
          let v = field(p, 'value');
          if (v?.type === 'assignment_pattern') v = field(v, 'left');
          if (k && v?.type === 'identifier') this.alias.set(src(v), `${mod}.${unquote(src(k))}`);
        }
      }
    }
  }

  /** The module path a plain name or member chain of an earlier import or require stands for. */
  private boundModule(n: JsNode, src: (n: JsNode) => string): string | undefined {
    return n.type === 'identifier' || n.type === 'member_expression' ? this.qualify(src(n)) : undefined;
  }

  /** Qualified form of a dotted name whose first segment may be an alias. */
  qualify(dotted: string): string | undefined {
    const dot = dotted.indexOf('.');
    const head = dot === -1 ? dotted : dotted.slice(0, dot);
    const q = this.alias.get(head);
    if (!q) return undefined;
    return dot === -1 ? q : q + dotted.slice(dot);
  }

  /**
   * A qualified name (`../utils/storage.readMedia`, `./svc.UserService().find`) as a project module and the
   * member path inside it (`UserService`, `find`), or undefined when it names no module of the project.
   */
  projectTarget(qualified: string): { spec: string; path: string[] } | undefined {
    for (const spec of this.project) {
      if (qualified === spec || qualified === `${spec}()`) return { spec, path: [] };
      // (`./services/dir().find`: an instance of the class a module exports as a whole)
      const whole = qualified.startsWith(`${spec}().`);
      if (whole || qualified.startsWith(`${spec}.`)) {
        const path = qualified.slice(spec.length + (whole ? 3 : 1)).split('.').map((s) => s.replace(/\(\)$/, ''));
        return path.every((s) => /^[\w$]+$/.test(s)) ? { spec, path } : undefined;
      }
    }
    return undefined;
  }

  imports(mod: string): boolean {
    return this.modules.has(mod);
  }
}

/** The specifier of the `require()` or `import()` inside `require('x').y`, `await import('x')`, `require('x').setup()`. */
function requireSpecifier(n: JsNode, src: (n: JsNode) => string): string | undefined {
  if (n.type === 'await_expression' || n.type === 'member_expression') {
    const inner = n.type === 'member_expression' ? field(n, 'object') : named(n)[0];
    return inner ? requireSpecifier(inner, src) : undefined;
  }
  if (n.type !== 'call_expression') return undefined;
  const fn = field(n, 'function');
  if (fn?.type === 'member_expression') return requireSpecifier(fn, src);
  const args = field(n, 'arguments');
  if (!fn || !args || (src(fn) !== 'require' && fn.type !== 'import')) return undefined;
  const first = named(args)[0];
  return first?.type === 'string' ? normalise(unquote(src(first))) : undefined;
}

/** `require('x')`, `require('x').y`, `await import('x')`: the qualified module path, else undefined. */
export function requiredModule(n: JsNode, src: (n: JsNode) => string): string | undefined {
  if (n.type === 'await_expression') return named(n)[0] ? requiredModule(named(n)[0]!, src) : undefined;
  if (n.type === 'member_expression') {
    const obj = field(n, 'object');
    const prop = field(n, 'property');
    const base = obj ? requiredModule(obj, src) : undefined;
    return base !== undefined && prop ? `${base}.${src(prop)}` : undefined;
  }
  if (n.type !== 'call_expression') return undefined;
  const fn = field(n, 'function');
  // `require('sqlite3').verbose()`: a module's set-up call returns the module.
  if (fn?.type === 'member_expression') {
    const obj = field(fn, 'object');
    return obj ? requiredModule(obj, src) : undefined;
  }
  const args = field(n, 'arguments');
  if (!fn || !args || (src(fn) !== 'require' && fn.type !== 'import')) return undefined;
  const first = named(args)[0];
  if (first?.type !== 'string') return undefined;
  return normalise(unquote(src(first)));
}

function unquote(s: string): string {
  return s.replace(/^['"`]|['"`]$/g, '');
}

/**
 * `node:fs` is `fs`; a scoped or sub-path specifier stays as written. Deno's specifiers name the package they load,
 * without its version: `npm:jsonwebtoken@9` is `jsonwebtoken`, `jsr:@std/path@1/posix` is `@std/path/posix`,
 * `https://deno.land/x/djwt@v3.0.1/mod.ts` is `djwt`, `https://deno.land/std@0.200.0/path/mod.ts` is `std/path`,
 * `https://esm.sh/lodash@4` is `lodash`.
 */
function normalise(mod: string): string {
  if (mod.startsWith('node:')) return mod.slice(5);
  const pkg = /^(?:npm:|jsr:|https:\/\/(?:esm\.sh|cdn\.skypack\.dev|unpkg\.com|cdn\.jsdelivr\.net\/npm)\/)(@[^/@]+\/[^/@?]+|[^/@?]+)(?:@[^/?]*)?(\/[^?]*)?/.exec(mod);
  if (pkg) return pkg[1]! + entryPath(pkg[2]);
  const deno = /^https:\/\/deno\.land\/(?:x\/([^/@]+)|(std))(?:@[^/]*)?(\/.*)?$/.exec(mod);
  if (deno) return (deno[1] ?? deno[2]!) + entryPath(deno[3]);
  return mod;
}

/** A sub-path of a package as a module name: none for its entry file (`/mod.ts`), no extension otherwise. */
function entryPath(path: string | undefined): string {
  if (!path || /^\/(mod|index)\.[cm]?[jt]sx?$/.test(path)) return '';
  return path.replace(/\/(mod|index)\.[cm]?[jt]sx?$|\.[cm]?[jt]sx?$/, '');
}

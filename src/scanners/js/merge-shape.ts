import { codeOf, field, named, type JsNode } from './syntax.js';

/**
 * Recognises a file's own deep-merge / deep-copy helper by its shape, whatever it is called:
 * it walks the keys of one parameter (`for (k in src)`, `for (k of Object.keys(src))`,
 * `Object.entries(src).forEach(([k, v]) => …)`), writes `target[k] = …`, and goes deeper by
 * calling itself. Such a helper given an untrusted object writes `__proto__` properties onto
 * Object.prototype; a helper that rejects `__proto__` / `constructor` / `prototype` (or builds on
 * Object.create(null) or a Map) is left alone. Returns the index of the walked parameter and the
 * helper's polluting writes: the writes that copy a value across (`target[k] = source[k]`) if it has
 * any, else the recursive write `target[k] = merge(target[k], source[k])`.
 */
export interface MergeShape {
  param: number;
  writes: JsNode[];
}

// (a key checked against a constant list - `BLOCKED.has(key)`, `ALLOWED_KEYS.includes(k)` - is a guard either way)
const GUARD = /__proto__|['"`]constructor['"`]|['"`]prototype['"`]|Object\.create\(\s*null\s*\)|\bnew Map\b|isPrototypePolluted|isSafeKey|isUnsafeKey|UNSAFE_KEYS|FORBIDDEN_KEYS|BLOCKED_KEYS|\b[A-Z][A-Z0-9_]*\.(has|includes)\(/;
const KEY_LISTS = new Set(['Object.keys', 'Object.entries', 'Reflect.ownKeys', 'Object.getOwnPropertyNames']);

/** Whether a function's body guards the keys it writes (rejects `__proto__`, checks a key list, uses a Map). */
export function guardsKeys(fn: JsNode, text: string): boolean {
  const body = field(fn, 'body');
  return !!body && guarded(body, text.slice(body.start, body.end), text);
}

/** Whether `body` (its text `bodyText`) guards its keys in code, not only in a comment (the raw text is read first: cheaper). */
function guarded(body: JsNode, bodyText: string, text: string): boolean {
  return GUARD.test(bodyText) && GUARD.test(codeOf(body, text));
}

export function mergeSourceParam(fn: JsNode, name: string, params: string[], text: string): MergeShape | undefined {
  const body = field(fn, 'body');
  if (!body || !name || params.length < 2) return undefined;
  const src = (n: JsNode) => text.slice(n.start, n.end);
  const bodyText = src(body);
  if (guarded(body, bodyText, text)) return undefined;
  // A helper calls itself, so its body names itself: most functions are ruled out without a walk.
  if (!bodyText.includes(name)) return pathSetterShape(body, params, text);
  const self = `this.${name}`;
  const member = `.${name}`;
  let recursive = false;
  const keyOf = new Map<string, string>(); // loop key variable -> parameter walked
  const writes: JsNode[] = [];
  const paramOf = (e: JsNode | undefined): string | undefined => {
    if (!e) return undefined;
    // `source ?? {}`, `(source || {})`, `source as Record<string, unknown>`, `source!`: still the parameter's keys
    if (e.type === 'parenthesized_expression' || e.type === 'as_expression' || e.type === 'satisfies_expression' || e.type === 'non_null_expression') return paramOf(named(e)[0]);
    if (e.type === 'binary_expression') {
      const l = field(e, 'left');
      const r = field(e, 'right');
      return l && r && /^\s*(\?\?|\|\|)\s*$/.test(text.slice(l.end, r.start)) ? paramOf(l) : undefined;
    }
    if (e.type === 'identifier' && params.includes(src(e))) return src(e);
    if (e.type === 'call_expression') {
      const f = field(e, 'function');
      const a = field(e, 'arguments');
      const first = a ? named(a)[0] : undefined;
      if (f && KEY_LISTS.has(src(f)) && first) return paramOf(first);
    }
    return undefined;
  };
  const firstName = (p: JsNode | undefined): string | undefined => {
    if (!p) return undefined;
    if (p.type === 'identifier') return src(p);
    if (p.type === 'array_pattern') return firstName(named(p)[0]);
    if (p.type === 'formal_parameters' || p.type === 'required_parameter' || p.type === 'optional_parameter') return firstName(named(p)[0]);
    const pat = field(p, 'pattern');
    return pat ? firstName(pat) : undefined;
  };
  const walk = (n: JsNode): void => {
    if (n.type === 'for_in_statement') {
      const p = paramOf(field(n, 'right'));
      const k = firstName(field(n, 'left'));
      if (p && k) keyOf.set(k, p);
    } else if (n.type === 'call_expression') {
      const f = field(n, 'function');
      const t = f ? src(f) : '';
      if (t === name || t === self || t.endsWith(member)) recursive = true;
      // Object.keys(src).forEach((k) => …)
      if (f?.type === 'member_expression' && /^(forEach|map|reduce)$/.test(src(field(f, 'property') ?? f))) {
        const p = paramOf(field(f, 'object'));
        const a = field(n, 'arguments');
        const cb = a ? named(a)[0] : undefined;
        if (p && cb) {
          const ps = field(cb, 'parameters') ?? field(cb, 'parameter');
          const k = ps ? (ps.type === 'identifier' ? src(ps) : firstName(named(ps)[src(field(f, 'property')!) === 'reduce' ? 1 : 0])) : undefined;
          if (k) keyOf.set(k, p);
        }
      }
    } else if (n.type === 'assignment_expression') {
      const left = field(n, 'left');
      if (left?.type === 'subscript_expression') writes.push(left);
    }
    const kids = named(n);
    for (let i = 0; i < kids.length; i++) walk(kids[i]!);
  };
  walk(body);
  if (!recursive) return undefined;
  let param: number | undefined;
  const copies: JsNode[] = [];
  const recursions: JsNode[] = [];
  const callsSelf = (e: JsNode): boolean => {
    const f = field(e, 'function');
    const t = f ? src(f) : '';
    return t === name || t === self || t.endsWith(member);
  };
  // Objects the helper makes itself (`const out = {}`): a copy into them (`out[k] = clone(v)`) gives `__proto__` to
  // that new object alone, never to Object.prototype (a deep clone, not a merge into a caller's object).
  const fresh = new Set<string>();
  for (const m of bodyText.matchAll(/\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::[^=;\n]*)?=\s*(?:\{\s*\}|\[\s*\])\s*(?:as\b[^;\n]*)?[;\n]/g)) {
    if (!params.includes(m[1]!)) fresh.add(m[1]!);
  }
  for (const w of writes) {
    const idx = field(w, 'index');
    const k = idx?.type === 'identifier' ? keyOf.get(src(idx)) : undefined;
    if (!k) continue;
    const target = field(w, 'object');
    if (target?.type === 'identifier' && fresh.has(src(target)) && !reassigned(bodyText, src(target))) continue;
    param ??= params.indexOf(k);
    // `target[k] = source[k]` / `= value`: a copied value, not a fresh `{}` or the recursion's result.
    const right = w.parent ? field(w.parent, 'right') : undefined;
    if (right?.type === 'call_expression' && callsSelf(right)) recursions.push(w.parent!);
    else if (right && right.type !== 'object' && right.type !== 'array' && right.type !== 'call_expression' && right.type !== 'binary_expression') copies.push(w.parent!);
  }
  // One line per helper: the plain copy (`target[k] = src[k]`) is where a polluting value lands (what
  // reviewers and most corpora's authors point at); without one, the recursive write
  // `target[k] = merge(target[k] || {}, src[k])` that walks into `target.__proto__`.
  return param === undefined ? undefined : { param, writes: copies.length ? copies : recursions };
}

/** Whether `name` is given another value after its declaration (`out = target`): then it is not the helper's own object. */
function reassigned(bodyText: string, name: string): boolean {
  return new RegExp(`(?<![\\w$.])${name.replace(/\$/g, '\\$')}\\s*=(?!=)`).test(bodyText.replace(new RegExp(`\\b(?:const|let|var)\\s+${name.replace(/\$/g, '\\$')}\\b`), ''));
}

/**
 * A path setter (`setByPath(obj, 'a.b.c', v)`, lodash.set's shape): it splits a parameter on dots, walks an
 * object down the parts (`cur = cur[part]`, creating `{}` on the way) and writes the last part. Given
 * `__proto__.polluted` it writes onto Object.prototype. Returns the path parameter and the final write.
 */
function pathSetterShape(body: JsNode, params: string[], text: string): MergeShape | undefined {
  const bodyText = text.slice(body.start, body.end);
  const split = /(?:String\(\s*)?([A-Za-z_$][\w$]*)\s*\)?\s*\.split\(\s*(['"`])\.\2\s*\)/.exec(bodyText);
  let param = split ? params.indexOf(split[1]!) : -1;
  // (`const segs = toSegments(path)` with a helper of the file that splits on dots)
  if (param < 0) {
    for (const m of bodyText.matchAll(/\b(?:const|let|var)\s+[A-Za-z_$][\w$]*\s*=\s*([A-Za-z_$][\w$]*)\(\s*([A-Za-z_$][\w$]*)\s*\)/g)) {
      if (params.includes(m[2]!) && splitsOnDots(text, m[1]!)) {
        param = params.indexOf(m[2]!);
        break;
      }
    }
  }
  if (param < 0) return undefined;
  // the walk: `cur = cur[part]` (or `cur = cur[part] ??= {}`, `cur = cur[p] || (cur[p] = {})`)
  const walk = /\b([A-Za-z_$][\w$]*)\s*=\s*\1\s*\[/.exec(bodyText);
  if (!walk) return undefined;
  const cursor = walk[1]!;
  const writes: JsNode[] = [];
  const visit = (n: JsNode): void => {
    if (n.type === 'assignment_expression') {
      const left = field(n, 'left');
      const right = field(n, 'right');
      const obj = left?.type === 'subscript_expression' ? field(left, 'object') : undefined;
      // the final write: `cur[last] = value`, not the `{}` made on the way
      if (obj && text.slice(obj.start, obj.end) === cursor && right && right.type !== 'object' && right.type !== 'array') writes.push(n);
    }
    for (const k of named(n)) visit(k);
  };
  visit(body);
  return writes.length ? { param, writes: writes.slice(-1) } : undefined;
}

/** Whether the file defines `name` as a function that splits text on dots (a path's segments). */
function splitsOnDots(text: string, fnName: string): boolean {
  const name = fnName.replace(/\$/g, '\\$');
  const def = new RegExp(`\\b(?:function\\s+${name}\\b|(?:const|let|var)\\s+${name}\\s*(?::[^=\\n]*)?=)`).exec(text);
  return !!def && /\.split\(\s*(['"`])\.\1\s*\)/.test(text.slice(def.index, def.index + 400));
}

/**
 * What the detector needs to know about a rule's regex to run it only around
 * its keyword hits instead of over the whole text:
 *
 * - containment: every match contains one of the rule's keywords (so every
 *   match sits near a keyword hit), and
 * - span: how many line breaks a match (and what its lookarounds look at) can
 *   cover, so a window of the keyword's line plus that many lines either side
 *   holds every match.
 *
 * When the rule's keywords are not in every match, literals the pattern itself
 * requires (`<add`, `networkcredential`…) can serve instead.
 *
 * The analysis is conservative: anything it does not understand makes the rule
 * run over the whole text, exactly as before. A small parser of JavaScript
 * regex syntax (non-Unicode mode) is enough: rule regexes are plain patterns.
 */

type Node =
  | { t: 'alt'; alts: Node[] }
  | { t: 'seq'; items: Node[] }
  | { t: 'group'; kind: 'cap' | 'plain' | 'look'; body: Node }
  | { t: 'quant'; node: Node; min: number; max: number }
  | { t: 'char'; nl: boolean; lits?: string[] }
  | { t: 'assert' }
  | { t: 'backref' };

class Unsupported extends Error {}

const CLASS_ESCAPES_WITH_NL = new Set(['s', 'D', 'W']);
const CLASS_ESCAPES = new Set(['s', 'S', 'd', 'D', 'w', 'W']);
const CONTROL: Record<string, string> = { n: '\n', r: '\r', t: '\t', v: '\v', f: '\f', '0': '\0' };

class Parser {
  private i = 0;
  constructor(
    private readonly src: string,
    private readonly dotAll: boolean,
  ) {}

  parse(): Node {
    const n = this.alt();
    if (this.i !== this.src.length) throw new Unsupported('unbalanced )');
    return n;
  }

  private alt(): Node {
    const alts: Node[] = [this.seq()];
    while (this.src[this.i] === '|') {
      this.i++;
      alts.push(this.seq());
    }
    return alts.length === 1 ? alts[0]! : { t: 'alt', alts };
  }

  private seq(): Node {
    const items: Node[] = [];
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      const atom = this.atom();
      items.push(this.quantified(atom));
    }
    return { t: 'seq', items };
  }

  private quantified(atom: Node): Node {
    const s = this.src;
    const c = s[this.i];
    let min: number;
    let max: number;
    if (c === '*' || c === '+' || c === '?') {
      this.i++;
      [min, max] = c === '*' ? [0, Infinity] : c === '+' ? [1, Infinity] : [0, 1];
    } else if (c === '{') {
      const m = /^\{(\d+)(?:(,)(\d*))?\}/.exec(s.slice(this.i));
      if (!m) return atom; // a literal "{" in non-Unicode mode; the atom is followed by it
      this.i += m[0].length;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
    } else return atom;
    if (s[this.i] === '?') this.i++; // lazy: same language
    if (atom.t === 'assert') throw new Unsupported('quantified assertion');
    return { t: 'quant', node: atom, min, max };
  }

  private atom(): Node {
    const s = this.src;
    const c = s[this.i]!;
    if (c === '(') {
      this.i++;
      let kind: 'cap' | 'plain' | 'look' = 'cap';
      if (s.startsWith('?:', this.i)) {
        kind = 'plain';
        this.i += 2;
      } else if (s.startsWith('?=', this.i) || s.startsWith('?!', this.i)) {
        kind = 'look';
        this.i += 2;
      } else if (s.startsWith('?<=', this.i) || s.startsWith('?<!', this.i)) {
        kind = 'look';
        this.i += 3;
      } else if (s.startsWith('?<', this.i)) {
        const end = s.indexOf('>', this.i);
        if (end === -1) throw new Unsupported('group name');
        this.i = end + 1;
      } else if (s[this.i] === '?') throw new Unsupported('group kind');
      const body = this.alt();
      if (s[this.i] !== ')') throw new Unsupported('unclosed group');
      this.i++;
      return { t: 'group', kind, body };
    }
    if (c === '[') return this.charClass();
    if (c === '.') {
      this.i++;
      return { t: 'char', nl: this.dotAll };
    }
    if (c === '^' || c === '$') {
      this.i++;
      return { t: 'assert' };
    }
    if (c === '\\') return this.escape();
    if (c === '*' || c === '+' || c === '?') throw new Unsupported('nothing to repeat');
    this.i++;
    return { t: 'char', nl: c === '\n', lits: [c] };
  }

  private escape(): Node {
    const s = this.src;
    const e = s[this.i + 1];
    if (e === undefined) throw new Unsupported('trailing backslash');
    this.i += 2;
    if (e === 'b' || e === 'B') return { t: 'assert' };
    if (CLASS_ESCAPES.has(e)) return { t: 'char', nl: CLASS_ESCAPES_WITH_NL.has(e) };
    if (e === 'k' && s[this.i] === '<') {
      const end = s.indexOf('>', this.i);
      if (end === -1) throw new Unsupported('backreference');
      this.i = end + 1;
      return { t: 'backref' };
    }
    if (/[1-9]/.test(e)) {
      while (/[0-9]/.test(s[this.i] ?? '')) this.i++;
      return { t: 'backref' };
    }
    if (e in CONTROL) return { t: 'char', nl: e === 'n', lits: [CONTROL[e]!] };
    if (e === 'x' || e === 'u' || e === 'c') {
      // Code escapes: this parser does not evaluate them; a line feed among them would be missed, so refuse.
      throw new Unsupported('code escape');
    }
    return { t: 'char', nl: false, lits: [e] };
  }

  private charClass(): Node {
    const s = this.src;
    this.i++;
    const negated = s[this.i] === '^';
    if (negated) this.i++;
    let hasNl = false;
    let enumerable = true;
    const chars: string[] = [];
    let first = true;
    while (this.i < s.length && (s[this.i] !== ']' || first)) {
      first = false;
      let lo: string;
      if (s[this.i] === '\\') {
        const e = s[this.i + 1];
        if (e === undefined) throw new Unsupported('trailing backslash');
        this.i += 2;
        if (CLASS_ESCAPES.has(e)) {
          if (CLASS_ESCAPES_WITH_NL.has(e)) hasNl = true;
          enumerable = false;
          continue;
        }
        if (e === 'x' || e === 'u' || e === 'c') throw new Unsupported('code escape in class');
        lo = e === 'b' ? '\b' : (CONTROL[e] ?? e);
      } else {
        lo = s[this.i]!;
        this.i++;
      }
      if (s[this.i] === '-' && s[this.i + 1] !== ']' && s[this.i + 1] !== undefined) {
        this.i++;
        let hi: string;
        if (s[this.i] === '\\') {
          const e = s[this.i + 1]!;
          if (CLASS_ESCAPES.has(e) || e === 'x' || e === 'u' || e === 'c') throw new Unsupported('class range escape');
          hi = CONTROL[e] ?? e;
          this.i += 2;
        } else {
          hi = s[this.i]!;
          this.i++;
        }
        if (lo.charCodeAt(0) <= 10 && hi.charCodeAt(0) >= 10) hasNl = true;
        enumerable = false;
        continue;
      }
      if (lo === '\n') hasNl = true;
      chars.push(lo);
    }
    if (s[this.i] !== ']') throw new Unsupported('unclosed class');
    this.i++;
    if (negated) return { t: 'char', nl: !hasNl };
    return { t: 'char', nl: hasNl, lits: enumerable && chars.length > 0 && chars.length <= 8 ? chars : undefined };
  }
}

const MAX_LITS = 256;

/** Max line feeds a node can consume (Infinity when unbounded). */
function lineFeeds(n: Node): number {
  switch (n.t) {
    case 'char':
      return n.nl ? 1 : 0;
    case 'assert':
      return 0;
    case 'backref':
      return Infinity; // resolved by the caller: only when no group can hold a line feed
    case 'group':
      return n.kind === 'look' ? 0 : lineFeeds(n.body);
    case 'quant': {
      const inner = lineFeeds(n.node);
      return inner === 0 ? 0 : n.max === Infinity ? Infinity : inner * n.max;
    }
    case 'seq':
      return n.items.reduce((a, x) => a + lineFeeds(x), 0);
    case 'alt':
      return Math.max(...n.alts.map(lineFeeds));
  }
}

/** Whether some path through a node consumes exactly one character or none (a one-character peek). */
function atMostOneChar(n: Node): boolean {
  switch (n.t) {
    case 'char':
    case 'assert':
      return true;
    case 'backref':
      return false;
    case 'group':
      return n.kind === 'look' ? true : atMostOneChar(n.body);
    case 'quant':
      return n.max <= 1 && atMostOneChar(n.node);
    case 'seq':
      return n.items.filter((x) => !(x.t === 'assert' || (x.t === 'group' && x.kind === 'look'))).length <= 1 && n.items.every(atMostOneChar);
    case 'alt':
      return n.alts.every(atMostOneChar);
  }
}

/** Line feeds a lookaround can look across: a one-character peek at the line feed ending the window costs none. */
function lookaroundReach(n: Node): number {
  switch (n.t) {
    case 'group':
      if (n.kind === 'look') {
        const own = atMostOneChar(n.body) ? 0 : lineFeeds(n.body);
        return Math.max(own, lookaroundReach(n.body));
      }
      return lookaroundReach(n.body);
    case 'quant':
      return lookaroundReach(n.node);
    case 'seq':
      return n.items.reduce((a, x) => Math.max(a, lookaroundReach(x)), 0);
    case 'alt':
      return n.alts.reduce((a, x) => Math.max(a, lookaroundReach(x)), 0);
    default:
      return 0;
  }
}

function hasBackref(n: Node): boolean {
  switch (n.t) {
    case 'backref':
      return true;
    case 'group':
      return hasBackref(n.body);
    case 'quant':
      return hasBackref(n.node);
    case 'seq':
      return n.items.some(hasBackref);
    case 'alt':
      return n.alts.some(hasBackref);
    default:
      return false;
  }
}

function product(a: string[], b: string[]): string[] | undefined {
  if (a.length * b.length > MAX_LITS) return undefined;
  const out: string[] = [];
  for (const x of a) for (const y of b) out.push(x + y);
  return out;
}

const literalMemo = new WeakMap<Node, string[] | undefined>();

/** The finite set of strings a node matches, when it is small and made of literals only. */
function literals(n: Node): string[] | undefined {
  if (literalMemo.has(n)) return literalMemo.get(n);
  const out = computeLiterals(n);
  literalMemo.set(n, out);
  return out;
}

function computeLiterals(n: Node): string[] | undefined {
  switch (n.t) {
    case 'char':
      return n.lits;
    case 'group':
      return n.kind === 'look' ? undefined : literals(n.body);
    case 'quant': {
      if (n.max === Infinity || n.max > 4) return undefined;
      const inner = literals(n.node);
      if (!inner) return undefined;
      let all: string[] = n.min === 0 ? [''] : [];
      let cur: string[] = [''];
      for (let k = 1; k <= n.max; k++) {
        const next = product(cur, inner);
        if (!next) return undefined;
        cur = next;
        if (k >= n.min) all = all.concat(cur);
        if (all.length > MAX_LITS) return undefined;
      }
      return all;
    }
    case 'seq': {
      let cur: string[] = [''];
      for (const x of n.items) {
        if (x.t === 'assert') continue;
        const l = literals(x);
        if (!l) return undefined;
        const next = product(cur, l);
        if (!next) return undefined;
        cur = next;
      }
      return cur;
    }
    case 'alt': {
      const out: string[] = [];
      for (const a of n.alts) {
        const l = literals(a);
        if (!l) return undefined;
        out.push(...l);
        if (out.length > MAX_LITS) return undefined;
      }
      return out;
    }
    default:
      return undefined;
  }
}

/** Whether every match of the node contains one of the keywords (lower-case; compared case-insensitively). */
function contains(n: Node, has: (s: string) => boolean): boolean {
  const all = literals(n);
  if (all && all.every((s) => has(s.toLowerCase()))) return true;
  switch (n.t) {
    case 'group':
      return n.kind !== 'look' && contains(n.body, has);
    case 'quant':
      return n.min >= 1 && contains(n.node, has);
    case 'alt':
      return n.alts.every((a) => contains(a, has));
    case 'seq': {
      if (n.items.some((x) => contains(x, has))) return true;
      // Runs of adjacent literal items: "sk-" + (proj|admin) + "-".
      let run: string[] | undefined;
      for (const x of n.items) {
        if (x.t === 'assert' || (x.t === 'group' && x.kind === 'look')) continue;
        const l = literals(x);
        if (!l) {
          run = undefined;
          continue;
        }
        run = run ? product(run, l) : l;
        if (!run) continue;
        if (run.every((s) => has(s.toLowerCase()))) return true;
      }
      return false;
    }
    default:
      return false;
  }
}

/** Shortest literal worth windowing on: shorter ones ("." or "dd") occur on nearly every line. */
const MIN_LITERAL = 3;

const score = (set: string[]) => Math.min(...set.map((x) => x.length));

/**
 * A set of strings one of which every match contains (lower-case), chosen to be
 * as specific as the pattern allows; undefined when there is none.
 */
function requiredLiterals(n: Node): string[] | undefined {
  const all = literals(n);
  const whole = all && all.length && all.every((x) => x.length > 0) ? all.map((x) => x.toLowerCase()) : undefined;
  let best: string[] | undefined = whole;
  const offer = (set: string[] | undefined) => {
    if (!set || set.length === 0 || set.length > 64) return;
    if (!best || score(set) > score(best) || (score(set) === score(best) && set.length < best.length)) best = set;
  };
  switch (n.t) {
    case 'group':
      if (n.kind !== 'look') offer(requiredLiterals(n.body));
      break;
    case 'quant':
      if (n.min >= 1) offer(requiredLiterals(n.node));
      break;
    case 'alt': {
      const sets = n.alts.map(requiredLiterals);
      if (sets.every((x) => x !== undefined)) offer([...new Set(sets.flat() as string[])]);
      break;
    }
    case 'seq': {
      for (const x of n.items) offer(requiredLiterals(x));
      let run: string[] | undefined;
      for (const x of n.items) {
        if (x.t === 'assert' || (x.t === 'group' && x.kind === 'look')) continue;
        const l = literals(x);
        if (!l) {
          run = undefined;
          continue;
        }
        run = run ? product(run, l) : l;
        if (run && run.every((y) => y.length > 0)) offer(run.map((y) => y.toLowerCase()));
      }
      break;
    }
    default:
      break;
  }
  return best;
}

/** A leading one-character boundary such as `(?:^|[^A-Za-z0-9_])`: its line feed is the one just before the window's first line. */
function leadingBoundaryFeeds(root: Node): number {
  const seq = root.t === 'seq' ? root : undefined;
  const first = seq?.items[0];
  if (!first) return 0;
  const single = (x: Node): boolean =>
    x.t === 'char' || (x.t === 'assert') || (x.t === 'seq' && x.items.length === 1 && single(x.items[0]!)) || (x.t === 'alt' && x.alts.every(single));
  const body = first.t === 'group' && first.kind !== 'look' ? first.body : first;
  return single(body) ? lineFeeds(body) : 0;
}

/** The most lines either side of a keyword's line a windowed rule may look at; beyond this a rule runs on the whole text. */
export const MAX_WINDOW_LINES = 8;

export interface RegexShape {
  /** Lines either side of a keyword hit's line that hold every match (0: the line itself). */
  windowLines: number;
  /**
   * When the rule's own keywords are not in every match: literals that are
   * (lower-case), to window on instead. Absent: window on the rule's keywords.
   */
  literals?: string[];
}

/**
 * Decides whether a rule can run in windows, how wide they must be, and around
 * which strings. Undefined: run it over the whole text.
 */
export function regexShape(re: RegExp, keywords: readonly string[]): RegexShape | undefined {
  if (keywords.length === 0 || re.flags.includes('u') || re.flags.includes('v')) return undefined;
  let root: Node;
  try {
    root = new Parser(re.source, re.flags.includes('s')).parse();
  } catch (err) {
    if (err instanceof Unsupported) return undefined;
    throw err;
  }
  const plain = stripBackrefs(root);
  const feeds = lineFeeds(plain) - leadingBoundaryFeeds(plain);
  // A backreference repeats a group's text: harmless only when no part of the pattern can hold a line feed.
  if (hasBackref(root) && lineFeeds(plain) > 0) return undefined;
  const span = feeds + lookaroundReach(plain);
  if (!(span <= MAX_WINDOW_LINES)) return undefined;
  const lower = keywords.map((k) => k.toLowerCase());
  if (contains(root, (s) => lower.some((k) => s.includes(k)))) return { windowLines: span };
  const lits = requiredLiterals(root);
  if (lits && score(lits) >= MIN_LITERAL) return { windowLines: span, literals: lits };
  return undefined;
}

function stripBackrefs(n: Node): Node {
  switch (n.t) {
    case 'backref':
      return { t: 'assert' };
    case 'group':
      return { ...n, body: stripBackrefs(n.body) };
    case 'quant':
      return { ...n, node: stripBackrefs(n.node) };
    case 'seq':
      return { t: 'seq', items: n.items.map(stripBackrefs) };
    case 'alt':
      return { t: 'alt', alts: n.alts.map(stripBackrefs) };
    default:
      return n;
  }
}

/**
 * Strings (lower-case; compare case-insensitively) one of which every match of `re` contains, or
 * undefined when the analysis cannot tell (the code scanners' file gate, src/scanners/taint/gate.ts).
 */
export function requiredRegexLiterals(re: RegExp): string[] | undefined {
  if (re.flags.includes('u') || re.flags.includes('v')) return undefined;
  try {
    return requiredLiterals(new Parser(re.source, re.flags.includes('s')).parse());
  } catch (err) {
    if (err instanceof Unsupported) return undefined;
    throw err;
  }
}

import { MsoError } from '../core/errors.js';

/**
 * Compiles a rule's regex, refusing patterns that can backtrack
 * catastrophically. A hook runs on every commit and tool call: a user's
 * pattern must not be able to hang it, so an unsafe pattern is rejected when
 * the rules load, before any input is read.
 *
 * The check is structural (JavaScript has no regex time-out): a group repeated
 * without bound (`*`, `+`, `{n,}`) must not itself contain an unbounded
 * quantifier, as in `(a+)+` or `(\w+\s?)*`, and must not hold alternatives
 * under an unbounded repeat that can match the same text, as in `(a|a)*`.
 * Bounded repeats (`?`, `{2}`, `{1,3}`) of such groups are allowed.
 *
 * Leading inline flags such as `(?i)` or `(?im)` (gitleaks/Go style) become RegExp flags.
 * `buildChecked`: the pattern is a built-in rule's, checked when the build compiled the rules.
 */
export function compileRuleRegex(source: string, where: string, extraFlags = '', buildChecked = false, iterated = true): RegExp {
  let pattern = source;
  // (`gd`: a regex whose matches are iterated with their spans; a tested one needs neither)
  let flags = (iterated ? 'gd' : '') + extraFlags;
  const inline = /^\(\?([ims]+)\)/.exec(pattern);
  if (inline) {
    pattern = pattern.slice(inline[0].length);
    for (const f of inline[1]!) if (!flags.includes(f)) flags += f;
  }
  let re: RegExp;
  try {
    re = new RegExp(pattern, flags); // mso:allow compiles a rule file's regex after the backtracking check above refused unsafe ones
  } catch (err) {
    throw new MsoError(`rules: ${where}: regex does not compile: ${(err as Error).message}`);
  }
  // buildChecked: a built-in rule from dist/builtin-rules.json, whose regexes the build already
  // checked (scripts/compile-rules.mjs); the check is ~5% of a hook's start-up.
  const problem = buildChecked ? undefined : catastrophicBacktracking(pattern);
  if (problem) {
    throw new MsoError(
      `rules: ${where}: regex may backtrack catastrophically (${problem}); rewrite it so no repeated group contains another unbounded repeat`,
    );
  }
  return re;
}

interface Frame {
  start: number;
  hasUnbounded: boolean;
  alternatives: string[];
  altStart: number;
}

/** Returns a description of the first nested unbounded repetition, or undefined if none. */
export function catastrophicBacktracking(pattern: string): string | undefined {
  const stack: Frame[] = [{ start: 0, hasUnbounded: false, alternatives: [], altStart: 0 }];
  let i = 0;
  // Reads a quantifier at position p; returns [length, unbounded] or undefined.
  const quantifier = (p: number): [number, boolean] | undefined => {
    const c = pattern[p];
    if (c === '*' || c === '+') return [pattern[p + 1] === '?' ? 2 : 1, true];
    if (c === '?') return [pattern[p + 1] === '?' ? 2 : 1, false];
    if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}\??/.exec(pattern.slice(p));
      if (m) return [m[0].length, m[2] !== undefined && m[3] === ''];
    }
    return undefined;
  };
  while (i < pattern.length) {
    const c = pattern[i]!;
    const top = stack[stack.length - 1]!;
    let atomEnd: number;
    if (c === '\\') {
      atomEnd = i + 2;
    } else if (c === '[') {
      let j = i + 1;
      if (pattern[j] === '^') j++;
      if (pattern[j] === ']') j++;
      while (j < pattern.length && pattern[j] !== ']') j += pattern[j] === '\\' ? 2 : 1;
      atomEnd = j + 1;
    } else if (c === '(') {
      stack.push({ start: i, hasUnbounded: false, alternatives: [], altStart: i + 1 + groupPrefixLength(pattern, i) });
      i += 1 + groupPrefixLength(pattern, i);
      continue;
    } else if (c === ')') {
      const frame = stack.pop();
      if (!frame || stack.length === 0) return undefined; // unbalanced: RegExp already accepted it
      frame.alternatives.push(pattern.slice(frame.altStart, i));
      const q = quantifier(i + 1);
      const parent = stack[stack.length - 1]!;
      if (q && q[1]) {
        if (frame.hasUnbounded) return `a repeated group contains an unbounded repeat: ${pattern.slice(frame.start, i + 1 + q[0])}`;
        const alts = frame.alternatives;
        if (alts.length > 1 && new Set(alts).size !== alts.length) {
          return `repeated alternatives that match the same text: ${pattern.slice(frame.start, i + 1 + q[0])}`;
        }
        parent.hasUnbounded = true;
      } else if (frame.hasUnbounded) parent.hasUnbounded = true;
      i += 1 + (q ? q[0] : 0);
      continue;
    } else if (c === '|') {
      top.alternatives.push(pattern.slice(top.altStart, i));
      top.altStart = i + 1;
      i++;
      continue;
    } else {
      atomEnd = i + 1;
    }
    const q = quantifier(atomEnd);
    if (q && q[1]) top.hasUnbounded = true;
    i = atomEnd + (q ? q[0] : 0);
  }
  return undefined;
}

/** Length of "?:", "?<name>", "?=", "?!", "?<=", "?<!" after an opening parenthesis. */
function groupPrefixLength(pattern: string, open: number): number {
  if (pattern[open + 1] !== '?') return 0;
  const rest = pattern.slice(open + 1);
  const m = /^\?(?::|=|!|<=|<!|<[A-Za-z_$][\w$]*>)/.exec(rest);
  return m ? m[0].length : 0;
}

/**
 * Nested unbounded repetition that can actually backtrack exponentially, for judging a program's regexes
 * (ReDoS): as catastrophicBacktracking, but a repeated group whose every pass must begin with a literal
 * the inner repeat cannot match is a delimited list (`(_[A-Z0-9]+)+`, `[a-z0-9]+(?:-[a-z0-9]+)*`), which
 * matches one way only. (Rule files keep the stricter check: their regexes run over every file.)
 */
export function exponentialBacktracking(pattern: string): string | undefined {
  const why = catastrophicBacktracking(pattern);
  const group = why ? /: (\(.*\)[*+]\??|\(.*\)\{\d+,\}\??)$/.exec(why)?.[1] : undefined;
  return group && delimitedRepeat(group) ? undefined : why;
}

/**
 * `(_[A-Z0-9]+)+`, `(\\d+\\.)+`: a group opening (or closing) with a required literal that nothing else in it
 * can match.
 */
function delimitedRepeat(group: string): boolean {
  const body = group.replace(/^\((\?:)?/, '').replace(/\)(\{\d+,\}|[*+])\??$/, '');
  if (/[|(]/.test(body.replace(/\\./g, '').replace(/\[(?:\\.|[^\]])*\]/g, ''))) return false;
  // optional white space before the delimiter (`(?:\\s*,\\s*\\w+)*`) cannot match it either
  const lead = /^(?:(?:\\s|[ ]|\[ \\t\]|\[\\t \])[*?])*/.exec(body)![0];
  const afterLead = body.slice(lead.length);
  const head = /^(\\[^A-Za-z0-9]|[^\\[\](){}.*+?^$|])/.exec(afterLead);
  // (after optional white space the delimiter must be something else: white space would be optional too)
  const rest = head ? afterLead.slice(head[0].length) : '';
  if (head && !(lead && /\s/.test(head[0])) && !/^[*+?{]/.test(rest) && onlyAt(lead + rest, head[0])) return true;
  const tail = /(\\[^A-Za-z0-9]|[^\\[\](){}.*+?^$|])$/.exec(body);
  return !!tail && body[tail.index - 1] !== '\\' && onlyAt(body.slice(0, tail.index), tail[0]);
}

/** Whether nothing in `rest` (the group without its delimiter) can match the delimiter `atom`. */
function onlyAt(restIn: string, atom: string): boolean {
  let rest = restIn;
  const lit = atom.length === 2 ? atom[1]! : atom;
  // what else in the group could match the literal: a class, an escape class, `.`, or the character itself
  for (const cls of rest.match(/\[(?:\\.|[^\]])*\]/g) ?? []) {
    if (classMatches(cls, lit)) return false;
    rest = rest.replace(cls, '');
  }
  for (const e of rest.match(/\\./g) ?? []) if (escapeMatches(e[1]!, lit) || e[1] === lit) return false;
  return !rest.replace(/\\./g, '').split('').some((c) => c === '.' || c === lit);
}

/** Whether the escape class `\\w` (and the like) matches the character. */
function escapeMatches(e: string, ch: string): boolean {
  const tests: Record<string, RegExp> = { w: /\w/, W: /\W/, s: /\s/, S: /\S/, d: /\d/, D: /\D/ };
  return tests[e]?.test(ch) ?? false;
}

/** Whether a character class (`[a-z0-9_]`, `[^/]`) matches the character. */
function classMatches(cls: string, ch: string): boolean {
  let inner = cls.slice(1, -1);
  const negated = inner.startsWith('^');
  if (negated) inner = inner.slice(1);
  let hit = false;
  for (let i = 0; i < inner.length; i++) {
    let c = inner[i]!;
    if (c === '\\' && i + 1 < inner.length) {
      const e = inner[++i]!;
      if (escapeMatches(e, ch)) hit = true;
      c = e;
    }
    if (inner[i + 1] === '-' && i + 2 < inner.length && inner[i + 2] !== ']') {
      const hi = inner[i + 2] === '\\' ? inner[i + 3]! : inner[i + 2]!;
      if (ch >= c && ch <= hi) hit = true;
      i += inner[i + 2] === '\\' ? 3 : 2;
      continue;
    }
    if (c === ch) hit = true;
  }
  return negated ? !hit : hit;
}

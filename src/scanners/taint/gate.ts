import { builtinRegexLiterals } from '../../config/builtin-rules.js';
import { KeywordMatcher } from '../secrets/keyword-matcher.js';
import { requiredRegexLiterals } from '../secrets/regex-shape.js';
import type { CompiledArgCondition, Knowledge, Rule } from './compile.js';
import type { NameSet } from './names.js';

/**
 * The per-file gate of the code scanners: which files are worth a parse at
 * all. Built from the rules when they are compiled, so a new rule widens it by
 * itself: a file is parsed only when its text holds, for at least one rule,
 * every word that rule needs to fire.
 *
 * - A call, reference or assignment is matched by name, and a name cannot be
 *   resolved (import, alias, destructuring, constructor) without its last
 *   segment written somewhere in the file: `createHash`, `innerHTML`, `exec`.
 * - A condition on an argument needs its keyword, the literal it compares with,
 *   or a string its regex requires (`md5`… for a weak-hash pattern).
 * - A taint sink in `tainted` mode fires only on data from a source, so it also
 *   needs one source of the file: a source name (its first and last segments,
 *   `req` … `query`), a framework entry point from the rule files (parameter
 *   and route decorators, message receivers), or an entry the front end
 *   derives itself (given by the scanner). Same-file helper summaries only
 *   carry taint that came from such a source. `dynamic` and `non-constant`
 *   sinks need no source (text built from any non-constant value); a sink that
 *   takes exported functions' parameters (`parameters: true`) needs `export`.
 * - A credential rule needs one of the words its name regex requires, or the
 *   literal its URL regex requires (`://`).
 *
 * Words are found in one pass (Aho–Corasick, case-insensitive); a word that is
 * a name must stand alone (no identifier character on either side) and match
 * its case. Anything the analysis of a rule cannot turn into words (a regex it
 * does not understand, a literal too short to look for) adds no requirement:
 * the gate only ever errs towards parsing.
 */

/**
 * A word: a name (a whole token: no identifier character on either side) or a fragment of text
 * (anywhere, inside longer names too); in its exact case or in any case.
 */
interface Word {
  text: string;
  name: boolean;
  exactCase: boolean;
}

/** A word as the gate looks for it: whether its first and last characters are identifier characters. */
interface GateWord extends Word {
  identStart: boolean;
  identEnd: boolean;
}

/** One of these alternatives (OR), each a set of words that must all be present (AND). */
type Clause = Word[][];

/** What one rule's sink or pattern needs: every clause (AND), and a source when `source` is set. */
export interface GateTrigger {
  rule: string;
  clauses: Clause[];
  source: boolean;
}

/** Identifier characters of the languages the taint core reads (JavaScript adds `$`). */
const IDENT = /[A-Za-z0-9_$]/;
/** Shorter words match nearly every line: a clause holding one is no requirement at all. */
const MIN_WORD = 2;

const segment = (s: string) => s.replace(/\(\)$/, '').replace(/\[.*$/, '');

/**
 * The words a name of a set needs: `*.query` its last segment; an exact name (`crypto.createHash`,
 * `jwt-decode.default`) also its first, which is written in the file as an identifier or as the
 * module an import or require names.
 */
function nameAlts(set: NameSet | undefined): string[][] | undefined {
  if (!set) return undefined;
  const alts: string[][] = [];
  for (const p of set.patterns) {
    if (p === '*') return undefined;
    const segs = p.split('.').map(segment);
    const last = segs[segs.length - 1]!;
    alts.push(p.startsWith('*.') || segs.length === 1 ? [last] : [segs[0]!, last]);
  }
  return alts;
}

function altsClause(given: string[][] | undefined): Clause | undefined {
  // A word too short to look for (`_` of `_.merge`) is left out of its alternative.
  const alts = given?.map((a) => a.filter((n) => n.length >= MIN_WORD || n === '$'));
  if (!alts || alts.length === 0 || alts.some((a) => a.length === 0)) return undefined;
  const seen = new Set<string>();
  const out: Clause = [];
  for (const a of alts) {
    const k = a.join('\0');
    if (seen.has(k)) continue;
    seen.add(k);
    out.push([...new Set(a)].map((text) => ({ text, name: true, exactCase: true })));
  }
  return out;
}

function nameClause(names: string[] | undefined): Clause | undefined {
  return names ? altsClause(names.map((n) => [n])) : undefined;
}

function textClause(texts: string[] | undefined, opts: { name?: boolean; exactCase?: boolean } = {}): Clause | undefined {
  if (!texts || texts.length === 0 || texts.some((t) => t.length < MIN_WORD)) return undefined;
  const exactCase = !!opts.exactCase;
  return [...new Set(exactCase ? texts : texts.map((t) => t.toLowerCase()))].map((text) => [{ text, name: !!opts.name, exactCase }]);
}

let recording: Map<string, string[] | null> | undefined;

/**
 * The build step (scripts/compile-rules.mjs) records the literals of every regex the built-in
 * rules' gates analyse, and stores them with the compiled rules: analysing ~200 regexes was
 * most of the cost of a gate in a fresh process (a hook that scans one file).
 */
export function recordGateLiterals(): Map<string, string[] | null> {
  return (recording = new Map());
}

/** requiredRegexLiterals, from the build's memo when it holds the regex. */
export function regexLiterals(re: RegExp): string[] | undefined {
  const key = `${re.flags}/${re.source}`;
  const memo = recording ? undefined : builtinRegexLiterals();
  if (memo && Object.hasOwn(memo, key)) return memo[key] ?? undefined;
  const literals = requiredRegexLiterals(re);
  recording?.set(key, literals ?? null);
  return literals;
}

function regexClause(re: RegExp | undefined): Clause | undefined {
  if (!re) return undefined;
  // `^(socket|ws|client)$` matches only those whole names (in any case when the regex says so).
  const whole = /^\^\((?:\?:)?([\w$]+(?:\|[\w$]+)*)\)\$$/.exec(re.source);
  if (whole) return textClause(whole[1]!.split('|'), { name: true, exactCase: !re.flags.includes('i') });
  return textClause(regexLiterals(re));
}

/**
 * A `starts-with` condition: the constant start may come from a call the front end reads (`path.join(os.tmpdir(), …)`
 * starts with "/tmp/" where no "/tmp/" is written; Python's `tempfile.gettempdir()`), so only the words of the path
 * are required, anywhere in the text, and a temporary folder's either spelling (`tmp`, `temp`).
 */
function startClause(re: RegExp | undefined): Clause | undefined {
  const literals = re ? regexLiterals(re) : undefined;
  if (!literals?.length) return undefined;
  // (the path's last word: `/dev/shm/` is `shm`)
  const words = literals.map((l) => l.match(/[a-z0-9]{3,}/gi)?.pop());
  if (words.some((w) => !w)) return undefined;
  return textClause([...new Set(words.flatMap((w) => (/^tmp$/i.test(w!) ? [w!, 'temp'] : [w!])))]);
}

/** What an argument condition needs in the text; none for a negated or "absent" one. */
function conditionClauses(c: CompiledArgCondition): Clause[] {
  if (c.negate || c.absent) return [];
  const out: Array<Clause | undefined> = [];
  // A keyword missing from the call falls back to its index: only a keyword alone is required.
  if (c.keyword !== undefined && c.index === undefined && !c.any && !c.receiver) out.push(nameClause([c.keyword]));
  // Strings are compared as written (escapes kept): the value is in the text. Other literals have
  // spellings a gate would have to guess (`!0`, `True`, `0x0`): no requirement.
  if (typeof c.equals === 'string') out.push(textClause([c.equals]));
  out.push(regexClause(c.matches), regexClause(c.listHead), startClause(c.startsWith));
  if (c.reference) out.push(altsClause(nameAlts(c.reference)));
  return out.filter((x): x is Clause => !!x);
}

/** The triggers of every rule (see the module comment). */
export function ruleTriggers(rules: readonly Rule[]): GateTrigger[] {
  const out: GateTrigger[] = [];
  const push = (rule: string, clauses: Array<Clause | undefined>, source: boolean) =>
    out.push({ rule, clauses: clauses.filter((x): x is Clause => !!x), source });
  for (const rule of rules) {
    if (rule.kind === 'taint') {
      for (const sink of rule.sinks) {
        const clauses: Array<Clause | undefined> = [sink.returnOf ? nameClause([...sink.returnOf]) : altsClause(nameAlts(sink.call ?? sink.assign))];
        for (const c of sink.when) clauses.push(...conditionClauses(c));
        push(rule.id, clauses, sink.mode === 'tainted');
        // `parameters: true`: an exported function's parameter fires it without a source in the file
        if (sink.parameters && sink.mode === 'tainted') push(rule.id, [...clauses, textClause(['export'])], false);
      }
    } else if (rule.kind === 'pattern') {
      for (const p of rule.patterns) {
        const clauses: Array<Clause | undefined> = [altsClause(nameAlts(p.call ?? p.reference ?? p.assign ?? p.callbackOf?.call)), regexClause(p.callbackOf?.event)];
        if (typeof p.value === 'string') clauses.push(textClause([p.value]));
        for (const c of p.args) clauses.push(...conditionClauses(c));
        clauses.push(regexClause(p.context), regexClause(p.mentions));
        if (p.imports) clauses.push(nameClause(p.imports));
        push(rule.id, clauses, false);
      }
    } else {
      // Names are read in snake_case (`dbPassword` → db_password, `privateKey` → private_key): the
      // pieces between underscores are in the name as written, in any case.
      const names = regexLiterals(rule.names);
      const alts = names?.map((n) => n.split(/[_\W]+/).filter(Boolean));
      const ok = alts && alts.length > 0 && alts.every((a) => a.length > 0 && a.every((x) => x.length >= MIN_WORD));
      push(rule.id, [ok ? alts.map((a) => [...new Set(a)].map((text) => ({ text, name: false, exactCase: false }))) : undefined], false);
      if (rule.urlCredentials) push(rule.id, [regexClause(rule.urlCredentials)], false);
      for (const c of rule.calls) push(rule.id, [altsClause(nameAlts(c.call))], false);
    }
  }
  return out;
}

/**
 * What can make data untrusted in a file: every source name (first and last segment, `req` and
 * `query`; one segment for `input`), the framework entry points of the rule files, and the front
 * end's own entries (each a list of clauses, all needed).
 */
export function sourceTriggers(sources: readonly string[], knowledge: Knowledge, entries: ReadonlyArray<ReadonlyArray<readonly string[]>>): Clause[][] {
  const out: Clause[][] = [];
  const seen = new Set<string>();
  for (const s of sources) {
    const segs = s.split('.').map((x) => x.replace(/\(\)$/, ''));
    const first = segs[0]!;
    const last = segs[segs.length - 1]!;
    const key = `${first}\0${last}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const c = altsClause([[first, last]]);
    if (c) out.push([c]);
  }
  const decorators = [...knowledge.parameterDecorators, ...knowledge.routeDecorators, ...knowledge.eventDecorators.flatMap((e) => [...e.names])];
  if (decorators.length) out.push([nameClause(decorators)].filter((x): x is Clause => !!x));
  // A parameter typed as a request (`c: Context`), and callbacks registered with a call whose
  // parameters are untrusted (`ipcMain.on('ch', (e, msg) => …)`, `contents.on('will-navigate', …)`).
  if (knowledge.requestParameterTypes) out.push([regexClause(knowledge.requestParameterTypes)].filter((x): x is Clause => !!x));
  for (const { set, item } of knowledge.callbackSources.entries()) out.push([altsClause(nameAlts(set)), regexClause(item.event)].filter((x): x is Clause => !!x));
  // Task-queue message handlers (`@shared_task`), and the HTTP-verb methods of handler classes.
  if (knowledge.messageDecorators.size) out.push([nameClause([...knowledge.messageDecorators])].filter((x): x is Clause => !!x));
  for (const r of knowledge.handlerRegistrations) out.push([nameClause(r.imports)].filter((x): x is Clause => !!x));
  if (knowledge.commandDecorators.size) out.push([nameClause([...knowledge.commandDecorators])].filter((x): x is Clause => !!x));
  if (knowledge.toolDecorators.size) out.push([nameClause([...knowledge.toolDecorators])].filter((x): x is Clause => !!x));
  for (const h of knowledge.handlerMethods) out.push([regexClause(h.methods), regexClause(h.bases)].filter((x): x is Clause => !!x));
  // A message receiver's handlers are those of its `.on(event, …)` / `.once(event, …)`.
  if (knowledge.messageReceivers) out.push([regexClause(knowledge.messageReceivers), nameClause(['on', 'once'])].filter((x): x is Clause => !!x));
  // An entry's word written `*word` is a fragment (any case, inside a longer name: `*request` in NextApiRequest).
  const entryClause = (words: readonly string[]): Clause | undefined => {
    const names = nameClause(words.filter((w) => !w.startsWith('*')));
    const texts = textClause(words.filter((w) => w.startsWith('*')).map((w) => w.slice(1)), { exactCase: true });
    if (!names && words.some((w) => !w.startsWith('*'))) return undefined;
    if (!texts && words.some((w) => w.startsWith('*'))) return undefined;
    return [...(names ?? []), ...(texts ?? [])];
  };
  for (const e of entries) out.push(e.map(entryClause).filter((x): x is Clause => !!x));
  return out;
}

/** A FileGate's tables, words by id (what the build stores for the built-in rules: GateTables). */
export interface GateTables {
  words: GateWord[];
  triggers: Array<{ rule: string; clauses: number[][][]; source: boolean }>;
  sources: number[][][][];
}

export class FileGate {
  private readonly matcher: KeywordMatcher;
  /** word id → its spellings' indexes into `words` */
  private readonly words: GateWord[] = [];
  private longest?: number;
  private readonly triggers: Array<{ rule: string; clauses: number[][][]; source: boolean }>;
  private readonly sources: number[][][][];

  /** A gate from tables the build computed for the built-in rules (taint/scanner.ts), or from the triggers. */
  static fromTables(tables: GateTables): FileGate {
    return new FileGate([], [], tables);
  }

  /** The keyword list of the gate's matcher (the build computes its automaton: secrets/automaton-file.ts). */
  matcherKeywords(): readonly string[] {
    return this.matcher.keywords;
  }

  /** The tables, for the build to store (scripts/compile-rules.mjs). */
  tables(): GateTables {
    return { words: this.words, triggers: this.triggers, sources: this.sources };
  }

  constructor(triggers: GateTrigger[], sources: Clause[][], tables?: GateTables) {
    if (tables) {
      this.words = tables.words;
      this.triggers = tables.triggers;
      this.sources = tables.sources;
      this.matcher = new KeywordMatcher(this.words.map((w) => w.text.toLowerCase()));
      return;
    }
    const ids = new Map<string, number>();
    const id = (w: Word): number => {
      const k = `${w.name ? 'n' : 't'}${w.exactCase ? 'c' : 'i'}:${w.text}`;
      let i = ids.get(k);
      if (i === undefined) {
        i = this.words.length;
        ids.set(k, i);
        this.words.push({ ...w, identStart: IDENT.test(w.text[0]!), identEnd: IDENT.test(w.text[w.text.length - 1]!) });
      }
      return i;
    };
    const clauseIds = (clauses: Clause[]) => clauses.map((c) => c.map((alt) => alt.map(id)));
    this.triggers = triggers.map((t) => ({ rule: t.rule, clauses: clauseIds(t.clauses), source: t.source }));
    this.sources = sources.map(clauseIds);
    this.matcher = new KeywordMatcher(this.words.map((w) => w.text.toLowerCase()));
  }

  /** Marks in `seen` the words (by id) that occur in text[from, to) (a word may start before `from`: see `opens`). */
  private mark(text: string, seen: Uint8Array, from = 0, to = text.length): void {
    const hits = this.matcher.hits(text, from, to);
    const words = this.words;
    for (let i = 0; i < hits.count; i++) {
      const k = hits.keywords[i]!;
      if (seen[k]) continue;
      const w = words[k]!;
      const at = hits.starts[i]!;
      const end = at + w.text.length;
      if (w.exactCase && !text.startsWith(w.text, at)) continue;
      if (w.name) {
        if (w.identStart && at > 0 && isIdent(text.charCodeAt(at - 1))) continue;
        if (w.identEnd && end < text.length && isIdent(text.charCodeAt(end))) continue;
        // `$` the name (jQuery) is called or read as an object; `${`, `$/` and `$'` are template and regex syntax.
        if (w.text === '$' && !/^\s*[(.]/.test(text.slice(end, end + 8))) continue;
      }
      seen[k] = 1;
    }
  }

  /** The first trigger (in rule order) that holds for the words seen, or undefined. */
  private decide(seen: Uint8Array): string | undefined {
    let source: boolean | undefined;
    for (const t of this.triggers) {
      if (!holds(t.clauses, seen)) continue;
      if (t.source && !(source ??= this.holdsSource(seen))) continue;
      return t.rule;
    }
    return undefined;
  }

  /** Whether the words seen make up some source of untrusted data (one of the sources' clauses). */
  private holdsSource(seen: Uint8Array): boolean {
    return this.sources.some((clauses) => holds(clauses, seen));
  }

  /** The rule that makes the file worth parsing, or undefined when no rule can fire in it. */
  why(text: string): string | undefined {
    const seen = new Uint8Array(this.words.length);
    this.mark(text, seen);
    return this.decide(seen);
  }

  /**
   * Whether some rule can fire in the text: `why(text) !== undefined`, decided piece by piece, so a
   * large file that holds a rule's words early is not read to its end. Words only ever get added,
   * so a rule that holds on a prefix holds on the whole text. Each piece's matcher starts
   * `longest - 1` characters early, so a word across the boundary is still found (words wholly
   * before the boundary are found twice, which changes nothing).
   *
   * `orSource`: a text no rule can fire in still opens when it holds a source of untrusted data (a file that may
   * hand such data to another module: scanners/taint/project-calls.ts), decided on the words the pass saw.
   */
  opens(text: string, orSource = false): boolean {
    const seen = new Uint8Array(this.words.length);
    if (text.length <= 2 * FIRST_PIECE) {
      this.mark(text, seen);
      return this.decide(seen) !== undefined || (orSource && this.holdsSource(seen));
    }
    const back = (this.longest ??= this.words.reduce((m, w) => Math.max(m, w.text.length), 1)) - 1;
    for (let from = 0, size = FIRST_PIECE; from < text.length; from += size, size = GATE_PIECE) {
      this.mark(text, seen, Math.max(0, from - back), Math.min(text.length, from + size));
      if (this.decide(seen) !== undefined) return true;
    }
    return orSource && this.holdsSource(seen);
  }
}

/** Whether every clause has some alternative whose words were all seen. */
function holds(clauses: number[][][], seen: Uint8Array): boolean {
  return clauses.every((c) => c.some((alt) => alt.every((w) => seen[w] === 1)));
}

/**
 * Characters in the first piece of a text in `FileGate.opens`, and in each later one. Most
 * hand-written modules open within their first lines (a credential word, `req` and `query`), so a
 * short first piece spares a fresh process the matcher's slow first pass (not yet compiled) over the
 * rest; a file that stays closed costs one more `decide`.
 */
const FIRST_PIECE = 2 * 1024;
const GATE_PIECE = 16 * 1024;

/** IDENT as a table over char codes (the regex tests one-character strings). */
const IDENT_CODES = new Uint8Array(128);
for (let c = 0; c < 128; c++) IDENT_CODES[c] = IDENT.test(String.fromCharCode(c)) ? 1 : 0;
const isIdent = (code: number): boolean => code < 128 && IDENT_CODES[code] === 1;

import { guardedBy } from '../taint/guarded.js';
import { exponentialBacktracking } from '../../config/regex-safety.js';
import { redact } from '../../core/redact.js';
import { suppressedAt } from '../../suppress/inline.js';
import type { CompiledArgCondition, CompiledSink, CredentialRule, PatternRule, Rule, RuleSet, TaintRule } from '../taint/compile.js';
import { credentialValue, isCredentialName, urlPassword } from '../taint/credentials.js';
import { copyEnv, mergeEnvs, type Env } from '../taint/scopes.js';
import { fires, lower, type Hit } from '../taint/sinks.js';
import { NameIndex } from '../taint/names.js';
import { prefixFixesHost } from '../taint/url-prefix.js';
import { HelperSummaries, type FnDef } from '../taint/summaries.js';
import { carriedArg, factFor, noteSafeParts, PROJECT_SPEC, seedValue, type CarriedArg, type KnownReturn, type ModuleCall, type ReturnFact, type Seed } from '../taint/project-calls.js';
import { CONST, exposedParameter, carried as carriedCore, clear as clearFor, isConst, join, tainted, unknown, withCtor, type FnRef, type Origin, type TaintValue } from '../taint/value.js';
import { requiredModule, type JsImports } from './imports.js';
import { guardsKeys, mergeSourceParam, type MergeShape } from './merge-shape.js';
import { codeOf, field, named, operator, type JsNode } from './syntax.js';
import { TypeFacts } from './type-facts.js';

/**
 * The JavaScript / TypeScript front end's analysis of one parsed file: a walk
 * over the module body and every function in statement order, keeping what
 * each variable holds, checking calls, assignments, object properties and JSX
 * attributes against the rules. Scopes, values, helper summaries, sink and
 * credential decisions are the shared taint core (src/scanners/taint);
 * sources, sanitisers and framework knowledge come from rules/js/*.yaml.
 */
/** A value; `resolves` marks a Promise executor's `resolve`, whose argument becomes the promise's value. */
/**
 * `safePaths`: fields of the value a schema made safe (`input.column` of a tRPC procedure whose zod input declares
 * `column: z.enum([...])`): a name bound to the value sees those fields as constants.
 */
type Val = TaintValue & { resolves?: { value: TaintValue }; safePaths?: readonly string[] };

/** The categories JS rules use: a value clean for all of them is a constant. */
const JS_CATEGORIES = ['sql', 'xss', 'path', 'cmd', 'code', 'ssrf', 'nosql', 'redirect', 'prototype', 'regex', 'deserialization', 'cors'] as const;
const clear = (v: Val, cats: ReadonlySet<string>): Val => clearFor(v, cats, JS_CATEGORIES);
/** What a value stripped to name characters is safe for: every sink but SQL, where a bare name is an identifier the caller chose. */
const ALL_BUT_SQL: ReadonlySet<string> = new Set(JS_CATEGORIES.filter((c) => c !== 'sql'));
const ALL = new Set(['all']);
/** Untrusted for these categories only (a source or callback source limited by `categories`), clean for the rest. */
const SSRF_ONLY: ReadonlySet<string> = new Set(['ssrf']);
const PATH_ONLY: ReadonlySet<string> = new Set(['path']);
/** What a check of a URL's host or scheme vouches for: a rewrite of the URL undoes it. */
const URL_CHECK_MARKS: ReadonlySet<string> = new Set(['ssrf', 'redirect', 'scheme']);
/** `v` without the clean marks `marks` (its origins untrusted for them again). */
function withoutMarks(v: Val, marks: ReadonlySet<string>): Val {
  const strip = <O extends { clean: ReadonlySet<string> }>(o: O | undefined): O | undefined => (o && [...marks].some((m) => o.clean.has(m)) ? { ...o, clean: new Set([...o.clean].filter((c) => !marks.has(c))) } : o);
  const untrusted = strip(v.untrusted);
  const nonConstant = strip(v.nonConstant);
  return untrusted === v.untrusted && nonConstant === v.nonConstant ? v : { ...v, ...(untrusted ? { untrusted } : {}), ...(nonConstant ? { nonConstant } : {}) };
}
/** Rules for which a row fetched by a request's key may hold what an earlier request stored. */
const STORED_CONTENT: ReadonlySet<string> = new Set(['xss', 'ssrf', 'redirect']);
const onlyFor = (v: Val, only: ReadonlySet<string> | undefined): Val => (only ? clear(v, new Set(JS_CATEGORIES.filter((c) => !only.has(c)))) : v);
/** A part of a value (an element, a property, a destructured name): carries what it carries, opaque stays opaque. */
const carried = (v: Val): Val => (v.opaque && !isConst(v) ? { ...carriedCore(v), opaque: true } : carriedCore(v));

/** What the cross-file pass learnt about another module's function (see JsAnalyzer.knownFacts). */
interface KnownFact {
  clean: ReadonlySet<string>;
  drops?: ReadonlySet<number>;
  guards?: ReadonlySet<string>;
  safeParts?: { parts: string[]; args: number[] };
}

interface Frame {
  env: Env;
  /** the enclosing function's frame (closures read its variables) */
  outer?: Frame;
  fnName: string;
  fnDef?: FnDef;
  /** `const u = new URL(x)`: u → x, so a check on u.hostname vouches for x */
  derived?: Map<string, string>;
  /** class fields, seen as `this.X` */
  classEnv?: Env;
  /** values of the function's return statements */
  returns?: Val[];
  /** a route handler method (`@Get() greet()`): what it returns is the response */
  route?: boolean;
}

interface Arg {
  node: JsNode;
  val: Val;
}

interface CallArgs {
  positional: Arg[];
  /** properties of an object-literal argument (`{ shell: true }`): the keyword arguments of JS */
  keywords: ReadonlyMap<string, Arg>;
  extra: Val[];
  /** what an inline callback argument returned (by position), when it ran at the call */
  callbackReturns: Array<Val | undefined>;
  /** the object of a method call (`Item.query()` of `Item.query().findOne(…)`), for `receiver: true` conditions */
  receiver?: Arg;
  /** the object literal of a `const` given by name whose properties are among `keywords` (`cors(corsOptions)`) */
  optionsFrom?: JsNode;
}

const ALL_CATEGORIES: ReadonlySet<string> = new Set(['all']);
/** Methods that register a route handler (Express, Fastify, Koa routers, Hono). */
const ROUTE_METHOD = /^(get|post|put|patch|delete|del|all|head|options|route)$/;
/** h3 / Nuxt / Nitro: calls that make a route handler of the function they are given. */
const EVENT_HANDLER_MAKERS = /^(?:h3\.)?(?:defineEventHandler|eventHandler|defineCachedEventHandler|cachedEventHandler|defineLazyEventHandler)$/;
/** Return expressions that make their value there (a call's result, a literal), not hand back a variable's or a field's. */
const RETURNS_MADE = new Set(['call_expression', 'new_expression', 'string', 'number', 'true', 'false', 'null', 'undefined']);
function unwrapped(n: JsNode): JsNode {
  while (UNWRAP.has(n.type) && named(n)[0]) n = named(n)[0]!;
  return n;
}

/** String methods whose result is still the text they were called on. */
const STR_METHODS = new Set(['concat', 'join', 'trim', 'trimStart', 'trimEnd', 'toLowerCase', 'toUpperCase', 'replace', 'replaceAll', 'slice', 'substring', 'substr', 'padStart', 'padEnd', 'repeat', 'toString', 'normalize', 'split', 'map', 'filter', 'flat', 'reduce', 'at', 'get', 'getAll', 'valueOf', 'format', 'String']);
const FORMAT_METHODS = new Set(['concat', 'join', 'format']);
const MUTATORS = new Set(['push', 'unshift', 'add', 'set', 'append', 'assign', 'splice']);
/** Results that never carry text from their inputs. */
const PURE = new Set(['length', 'indexOf', 'lastIndexOf', 'includes', 'has', 'startsWith', 'endsWith', 'test', 'isArray', 'isInteger', 'some', 'every', 'findIndex', 'localeCompare', 'size', 'keys',
  // (a Date's or a number's own text: `m.createdAt.toISOString()`, `total.toFixed(2)` - no one's characters)
  'toISOString', 'toUTCString', 'toDateString', 'toTimeString', 'getTime', 'toFixed', 'toPrecision', 'toExponential']);
/** Calls that parse or decode text and give back the same text: not an opaque result. */
const TRANSPARENT = new Set(['URLSearchParams', 'decodeURIComponent', 'decodeURI', 'unescape', 'atob', 'from', 'parse', 'stringify', 'String', 'toString', 'trim', 'fromEntries', 'entries', 'values', 'structuredClone']);
/** Methods of an object, array or map that are no entry of it (`handlers.hasOwnProperty(k)` calls no handler). */
const TABLE_METHODS = new Set(['hasOwnProperty', 'has', 'get', 'set', 'delete', 'clear', 'add', 'forEach', 'map', 'flatMap', 'filter', 'find', 'findIndex', 'findLast', 'some', 'every', 'reduce', 'includes', 'indexOf', 'keys', 'values', 'entries', 'push', 'pop', 'shift', 'unshift', 'splice', 'slice', 'concat', 'join', 'sort', 'at', 'call', 'apply', 'bind', 'toString', 'valueOf', 'then', 'catch', 'finally', 'length', 'size', 'constructor', 'prototype', 'name']);
/** Reads of an entry out of a table (`handlers.get(k)`, `Object.values(h)`): the entry is one of its functions. */
const TABLE_READS = new Set(['get', 'at', 'find', 'findLast', 'pop', 'shift', 'values', 'slice', 'filter', 'concat', 'valueOf']);
/** Calls whose result holds the functions given to them (`new Map([['ls', run]])`, `Object.fromEntries(...)`). */
const REF_CONTAINERS = new Set(['Map', 'Set', 'WeakMap', 'fromEntries', 'assign', 'freeze', 'from', 'of']);
const ITERATORS = new Set(['forEach', 'map', 'flatMap', 'filter', 'some', 'every', 'find', 'findIndex', 'reduce']);
/** Template text that prints a value unescaped: EJS `<%-`, Handlebars/Mustache `{{{` / `{{&`, Pug `!{`. */
const RAW_TEMPLATE = /<%-|\{\{\{|\{\{&|!\{/;
/** `$().find().first()` is a jQuery object as `$()` is: its `.append(html)` is `$().append`. */
function jqueryChain(name: string): string {
  const m = /^(\$|jQuery)\(\)\.([\w$]+)\(\)$/.exec(name);
  return m && JQUERY_CHAIN.has(m[2]!) ? `${m[1]}()` : name;
}

/** jQuery methods that give back a jQuery object (of the same or other elements). */
const JQUERY_CHAIN = new Set(['empty', 'find', 'children', 'parent', 'parents', 'closest', 'first', 'last', 'eq', 'filter', 'not', 'siblings', 'next', 'prev', 'addClass', 'removeClass', 'toggleClass', 'show', 'hide', 'clone', 'end', 'add', 'contents', 'off']);
/** Reads of a cache or key-value store: the value stored under a key (`redis.get(k)`, `ioredis().hgetall(k)`). */
const STORE_READ = /(^|\.)(redis|ioredis|cache|kv|memcached|keyv|createClient|createCluster|Redis)(\(\))?\.(get|hget|hgetall|mget|lrange|smembers|getdel|getex)$/i;
/** Rows read through a prepared statement (`db.prepare(sql).all()`, `.get()`, `.iterate()`). */
const PREPARED_READ = /\.prepare\(\)\.(all|get|iterate)$/;
/** ORM reads named only so (Prisma, Sequelize, TypeORM, Mongoose; not `find`/`findOne`, which arrays and others have too). */
const ORM_READ = /\.(findMany|findUnique|findUniqueOrThrow|findFirst|findFirstOrThrow|findAll|findByPk|findAndCountAll|findOneBy|findBy|findAndCount|findOneByOrFail|findOneOrFail|findById)$/;
/**
 * A method called on an instance of a service class (`…/readings.service.ReadingsService().aggregate`): a NestJS-style
 * service is the project's own plain class, not a subclass of a library's (a `…Repository` may extend TypeORM's).
 */
const OWN_SERVICE_METHOD = /^[^()]*\.[A-Z][\w$]*Service\(\)\.[\w$]+$/;
/** `a || b || c` as [a, b, c] (parentheses looked through); any other expression as itself. */
function orOperands(e: JsNode): JsNode[] {
  while (e.type === 'parenthesized_expression' && named(e)[0]) e = named(e)[0]!;
  if (e.type === 'binary_expression' && operator(e) === '||') {
    const l = field(e, 'left');
    const r = field(e, 'right');
    if (l && r) return [...orOperands(l), ...orOperands(r)];
  }
  return [e];
}

/** `a === b` / `a == b`. */
function isEquality(e: JsNode): boolean {
  return e.type === 'binary_expression' && /^={2,3}$/.test(operator(e) ?? '');
}

/** What a URL's host decides: where a request goes, where a redirect sends the browser. */
const HOST_CATEGORIES: ReadonlySet<string> = new Set(['ssrf', 'redirect']);
/** The prefix standing for a base URL of the program's own (its host fixed, unknown here): see configuredBase. */
const CONFIGURED_ORIGIN = '//configured-origin';
/** The last segment of a name for a base URL (`API_URL`, `apiBase`, `INVENTORY_URL`, `baseUrl`, `origin`). */
const CONFIGURED_BASE = /^(?:[A-Z][A-Z0-9]*_)*(?:URL|URI|BASE|BASE_URL|ORIGIN|ENDPOINT|HOST)$|^(?:[a-z][a-zA-Z0-9]*)?(?:Url|Uri|URL|Base|BaseUrl|Origin|Endpoint)$|^(?:url|uri|base|baseUrl|baseURL|origin|endpoint)$/;

/** A call's arguments with `cats` cleared: what a wrapper reported at its call hands its body. */
function withoutCategories(args: CallArgs, cats: ReadonlySet<string>): CallArgs {
  const strip = (a: Arg): Arg => ({ ...a, val: clear(a.val, cats) });
  return { ...args, positional: args.positional.map(strip), keywords: new Map([...args.keywords].map(([k, a]) => [k, strip(a)])), extra: args.extra.map((v) => clear(v, cats)) };
}

/** Query methods of a database handle (pg, mysql2, better-sqlite3, pg-promise). */
const DB_READ_METHOD = /^(query|execute|all|get|many|one|oneOrNone|manyOrNone|any)$/;
/** The statement holding `x` (the first `*_statement` above it, not crossing a function). */
function ancestorStatement(x: JsNode): JsNode | undefined {
  for (let p = x.parent; p; p = p.parent) {
    if (FUNCTION_TYPES.has(p.type)) return undefined;
    if (p.type.endsWith('_statement')) return p;
  }
  return undefined;
}

/** The name of the function declaring, or the variable holding, the function around `x`. */
function enclosingFunctionName(x: JsNode, src: (n: JsNode) => string, throughCallbacks = false): string | undefined {
  for (let p = x.parent; p; p = p.parent) {
    if (p.type === 'function_declaration' || p.type === 'method_definition') {
      const nm = field(p, 'name');
      return nm ? src(nm) : undefined;
    }
    if (FUNCTION_TYPES.has(p.type)) {
      const d = p.parent;
      // (`Array.from({ length: 32 }, () => Math.random()…)` in `generateInviteToken`: the callback builds its value)
      if (throughCallbacks && d?.type === 'arguments') continue;
      const nm = d?.type === 'variable_declarator' ? field(d, 'name') : undefined;
      return nm ? src(nm) : undefined;
    }
  }
  return undefined;
}

/** Matches any name: the names around a call, whatever they are (for an `exclude-context` alone). */
const ANY_NAME = /[\s\S]/;
/** `exclude-context` reads the names (not the calls around) as snake_case words: `elementId` -> element_id. */
const excludedBy = (names: string[], exclude: RegExp): boolean => names.some((x) => !x.includes('(') && exclude.test(snakeCase(x)));
/** A global regex removing every character outside a class with no path separator: `/[^a-z0-9._-]/g`. */
const STRIP_TO_ALLOWED = /^\/\[\^(?:[^\]\/\\]|\\[wd.\-_ ])*\]\+?\/[a-z]*g[a-z]*$/;
/**
 * This app's own origin, the trusted side of an origin check: the page's (`location.origin`), the one the request
 * came in on (`req.nextUrl.origin`, Koa `ctx.origin`, `new URL(req.url).origin`), or one from configuration.
 */
const OWN_ORIGIN = /^(?:(?:window|self|globalThis|document)\.)?location\.origin$|(?:^|\.)nextUrl\.origin$|^(?:ctx|context)(?:\.request)?\.origin$|^new URL\(\s*(?:req|request)\.url\s*\)\.origin$|^process\.env\.[A-Z0-9_]+$|^(?:config|settings|env)\.[A-Za-z0-9_.]*(?:origin|Origin|ORIGIN|baseUrl|BASE_URL)$/;
const HOST_CHECK = /\.(hostname|host|origin)\b/;
const GLOBALS = new Set(['undefined', 'NaN', 'Infinity', 'console', 'process', 'globalThis', 'JSON', 'Math', 'Object', 'Array', 'Number', 'String', 'Boolean', 'Date', 'Promise', 'Error', 'Symbol', 'Map', 'Set', 'RegExp', 'Buffer', 'module', 'exports', 'require', '__dirname', '__filename']);
/** Calls whose value is what their first (callback) argument returns: React/Preact/Solid/Vue memos. */
const MEMO_HOOKS = new Set(['useMemo', 'createMemo', 'computed', 'useComputed']);
const FUNCTION_TYPES = new Set(['arrow_function', 'function_expression', 'function', 'generator_function']);
/** React hooks that hand back the function they are given (a memoised callback). */
const CALLBACK_HOOKS = /^(?:React\.)?(?:useCallback|useEvent|useEffectEvent)$/;
const UNWRAP = new Set(['parenthesized_expression', 'as_expression', 'satisfies_expression', 'non_null_expression', 'type_assertion', 'await_expression']);

export class JsAnalyzer {
  readonly hits: Hit[] = [];
  /** Calls of other project modules' functions with untrusted arguments (noteModuleCall). */
  readonly moduleCalls: ModuleCall[] = [];
  /** The rules' `assign` patterns by the names they match (one index per rule set): what checkAssignPatterns tries. */
  private readonly assignPatterns: NameIndex<AssignPattern>;
  private readonly credRules: CredentialRule[];
  private readonly assignSinks: Array<{ rule: TaintRule; sink: CompiledSink }> = [];
  private readonly pending: Array<() => void> = [];
  private readonly helpers = new HelperSummaries();
  private readonly refCache = new Map<string, FnRef>();
  /** functions of the file that return functions of the file: name → those */
  private readonly returnedRefs = new Map<string, readonly FnRef[]>();
  /** Anonymous functions kept as values, by position (their summaries are `<callback@start>`). */
  private readonly anonymous = new Map<number, FnDef>();
  /** The file's own recursive merge helpers (name -> index of the parameter whose keys they walk). */
  private readonly mergeHelpers = new Map<string, MergeShape>();
  private readonly mergeWritesReported = new Map<JsNode, Hit>();
  private root?: JsNode;
  /** While a `x.indexOf(y) … n` comparison is read as the call it stands for (see guards). */
  private indexOfMeans?: 'includes' | 'startsWith';
  private exported?: Set<string>;
  private exportedNames(): Set<string> {
    return (this.exported ??= exportedNamesOf(this.text));
  }
  private identifierCounts?: Map<string, number>;
  /** For each function of the file called by name: per parameter, whether every call passed a constant. */
  private readonly constantOnlyParams = new Map<string, { calls: Set<number>; constant: Map<string, boolean> }>();
  /** Merge helpers called from elsewhere in the file, and each helper's function node. */
  private readonly mergeHelpersCalled = new Set<string>();
  private readonly mergeHelperNodes = new Map<string, JsNode>();
  private readonly classes = new Set<string>();
  /** The methods each of this file's classes defines itself (not what it inherits). */
  private readonly classMethods = new Map<string, Set<string>>();
  /** Constructor-declared fields and their type names (`this.service` -> `SearchService`). */
  private readonly fieldTypes = new Map<string, string>();
  /** `const BLOCKED = new Set(['__proto__', …])`, `const OK = ['a', 'b']`: constant string lists by name. */
  private readonly constLists = new Map<string, string[]>();
  /** The file's own escaping helpers (`function escapeHtml(s) { return s.replace(/</g, '&lt;')… }`) -> what they clear. */
  private readonly escapers = new Map<string, Set<string>>();
  /** Categories every value a function of the file returns was cleared of (see defineFunction). */
  private readonly returnClean = new Map<string, Set<string>>();
  /** Functions every return of which is a constant or a value cleared of everything (a digest, a number): nothing of their parameters comes back. */
  private readonly returnsConstant = new Set<string>();
  /** functions of the file every return of which makes a constant value there (`return jwt.verify(token, key)`, a literal) */
  private readonly returnsMadeClean = new Set<string>();
  /** functions with a return that hands back a variable or a field (an object whose fields are written apart from it) */
  private readonly heldReturns = new WeakSet<FnDef>();
  /** Functions of the file whose every return is rows of a parameterised query (`return rows[0]`): the table's data. */
  private readonly returnsRows = new Set<string>();
  /** Factories of the file: functions every return of which one constructor made (`() => container.resolve(Svc)`). */
  private readonly returnMade = new Map<string, string>();
  /** Promise executors being analysed (their listeners run inline: see callbackParams). */
  private promiseDepth = 0;
  /** `const ok = ALLOWED.has(host)`: conditions bound to constant names, read as the condition where the name is tested. */
  private readonly conditionBindings = new Map<string, JsNode>();
  private conditionDepth = 0;
  /** `const SAFE_REDIRECT = /^\/[a-z]+$/`: regex literals bound to names, noted as their declarations are read. */
  private readonly regexBindings = new Map<string, JsNode>();
  private readonly active: Set<Rule>;
  private inline = 0;
  /** TypeScript: the compiler holds the file's own calls to its parameters' types (declared or inferred) */
  private readonly typeChecked: boolean;
  /** the file's enums, aliases, interfaces and classes: what a parameter's type says it can hold */
  private types!: TypeFacts;

  /**
   * What the cross-file pass learnt about calls of other modules' functions, by `spec\0member.path`: the categories
   * their results are clean of, the arguments their results owe nothing to (`drops`), the categories they are no sink
   * of though their names are (`guards`), the parts of what they return that hold nothing of some arguments.
   */
  private readonly knownFacts = new Map<string, KnownFact>();
  /** Values of other modules made by a library's constructor: `spec\0name` → its name (`axios.create()`). */
  private readonly knownCtors = new Map<string, string>();
  /** Functions returning object literals, run with callers' data: the properties no return filled with untrusted data. */
  private readonly returnSafeProps = new Map<string, Set<string> | null>();
  /** Functions of the file whose body guards the keys it writes (`deepMerge` skipping `__proto__`). */
  private readonly keyGuards = new Set<string>();
  /** Parameters the cross-file pass seeded: function name → parameter → its position. */
  private readonly seededParams = new Map<string, Map<string, number>>();
  /** Recursive merges of this file another module hands untrusted data to merge, with where it came from. */
  private readonly mergeSeeds = new Map<string, string>();
  /** The module's own variables after its body ran (what returnFacts reads for values it makes). */
  private moduleEnv?: Map<string, Val>;

  constructor(
    private readonly text: string,
    private readonly set: RuleSet,
    private readonly imports: JsImports,
    path: string,
    known?: readonly KnownReturn[],
  ) {
    for (const k of known ?? []) {
      if (k.ctor) this.knownCtors.set(`${k.spec}\0${k.path.join('.')}`, k.ctor);
      else {
        this.knownFacts.set(`${k.spec}\0${k.path.join('.')}`, {
          clean: new Set(k.clean),
          ...(k.drops?.length ? { drops: new Set(k.drops.map((d) => d.index)) } : {}),
          ...(k.guards?.length ? { guards: new Set(k.guards) } : {}),
          ...(k.safeParts ? { safeParts: k.safeParts } : {}),
        });
      }
    }
    const active = set.rules.filter((r) => !r.pathFilter || r.pathFilter(path));
    this.typeChecked = /\.(ts|mts|cts|tsx)$/i.test(path);
    this.active = new Set(active);
    this.assignPatterns = assignPatternIndex(set);
    this.credRules = active.filter((r): r is CredentialRule => r.kind === 'credentials');
    for (const r of active) if (r.kind === 'taint') for (const sink of r.sinks) if (sink.assign || sink.computedMember) this.assignSinks.push({ rule: r, sink });
  }

  /** `seeds`: parameters of exported functions another file of the project passes untrusted data (taint/project-calls.ts). */
  run(root: JsNode, seeds?: readonly Seed[]): Hit[] {
    this.root = root;
    const module: Frame = { env: new Map(), fnName: '' };
    this.types = new TypeFacts(root, this.text, this.set.knowledge.safeParameterTypes);
    this.moduleEnv = module.env;
    this.hoist(named(root), module);
    this.block(named(root), module);
    // (a top-level `if` merges its branches into a new map: the module's values are in the last one)
    this.moduleEnv = module.env;
    // Functions run after the module body, seeing its final variables.
    while (this.pending.length) this.pending.shift()!();
    if (seeds) this.seed(seeds);
    this.helpers.follow();
    this.reportMergeUtilities();
    this.dropConstantOnlyHelperHits();
    return this.hits;
  }

  /**
   * Hands each seed to the function it names as a call of the file would: `readMedia` (a function, or a method of an
   * exported class or object, by its name), `UserService.find` (the method), the module's default export for an
   * empty path. Names are the summaries' (bare function and method names).
   */
  private seed(seeds: readonly Seed[]): void {
    for (const s of seeds) {
      const name = s.path.length ? s.path[s.path.length - 1]! : defaultExportOf(this.text);
      if (!name) continue;
      const val: Val = s.safe ? { ...seedValue(s), safePaths: s.safe } : seedValue(s);
      // (a recursive merge handed a request's data by another module: its write is that caller's finding)
      if (this.mergeHelpers.get(name)?.param === s.index && !s.local && !s.clean.includes('prototype')) this.mergeSeeds.set(name, s.src);
      for (const def of this.helpers.defs(name) ?? []) {
        if (s.index >= def.params.length) continue;
        const param = paramKey(def.params[s.index]!, s.index);
        this.helpers.seed(name, param, val);
        const m = this.seededParams.get(name) ?? new Map<string, number>();
        m.set(param, s.index);
        this.seededParams.set(name, m);
      }
    }
  }

  /**
   * A call of a function another module of the project exports, with untrusted data in some argument
   * (`readMedia(req.body.path)`, `this.users.find(q)` with `users: UsersService` imported): recorded for the
   * engine's cross-file pass, which analyses that module with the parameter untrusted.
   */
  private noteModuleCall(n: JsNode, names: string[], args: CallArgs): void {
    const given: CarriedArg[] = [];
    args.positional.forEach((a, index) => {
      const c = carriedArg(index, a.val);
      if (c) given.push(c);
    });
    if (!given.length) return;
    const target = this.moduleTarget(names);
    if (!target) return;
    if (this.moduleCalls.some((c) => c.at === n.start && c.spec === target.spec)) return; // the same call in a rerun
    // A call that is itself the finding (`runQuery(\`… ${id}\`)`): reported here, not again inside. (A merge named as
    // a sink is still handed on: its body, read there, may guard - see `guards` in checkSinks.)
    if (this.hits.some((h) => h.node === n && !(h.rule.kind === 'taint' && h.rule.category === 'prototype'))) return;
    this.moduleCalls.push({ at: n.start, spec: target.spec, path: target.path, args: given });
  }

  /** The project module and member a call's names stand for (an import, or a constructor-typed field: `this.users.find`). */
  private moduleTarget(names: string[]): { spec: string; path: string[] } | undefined {
    let target: { spec: string; path: string[] } | undefined;
    for (const name of names) if ((target = this.imports.projectTarget(name))) return target;
    const parts = names[0]?.startsWith('this.') ? names[0].split('.') : [];
    const type = parts.length === 3 ? this.fieldTypes.get(parts[1]!) : undefined;
    const q = type && /^[\w$]+$/.test(type) ? this.imports.qualify(type) : undefined;
    return q ? this.imports.projectTarget(`${q}.${parts[2]}`) : undefined;
  }

  /**
   * The class a container lookup hands out, as the file names it (qualified when imported): `container.resolve(
   * InvoiceService)` (tsyringe, awilix `asClass`), Nest's `moduleRef.get(UsersService)`, inversify's
   * `container.get<ProductService>(TYPES.ProductService)`, awilix's `scope.resolve('authService')` with
   * `authService: asClass(AuthService)` registered in the file, also through a wrapper (`svc(req, 'authService')`
   * with `const svc = (req, name) => req.container.resolve(name)`).
   */
  private injectedClass(n: JsNode, fn: JsNode, args: CallArgs): string | undefined {
    const asClass = (x: string) => (/^[A-Z][\w$]*$/.test(x) && (this.classes.has(x) || this.imports.alias.has(x)) ? this.imports.qualify(x) ?? x : undefined);
    const typeArg = named(field(n, 'type_arguments') ?? n).find((t) => t.type === 'type_identifier');
    if (typeArg && fn.type === 'member_expression') return asClass(this.src(typeArg));
    const first = args.positional[0]?.node;
    if (first?.type === 'identifier' && fn.type === 'member_expression') return asClass(this.src(first));
    const name = first?.type === 'string' ? stringValue(first, this.text) : undefined;
    // (a wrapper: a function of the file whose body resolves its parameter)
    const wrapped = fn.type === 'identifier' && this.helpers.has(this.src(fn)) ? args.positional.map((a) => (a.node.type === 'string' ? stringValue(a.node, this.text) : undefined)).find((x) => x !== undefined && this.registrations().has(x)) : undefined;
    const key = fn.type === 'member_expression' ? name : wrapped;
    const cls = key !== undefined ? this.registrations().get(key) : undefined;
    return cls ? asClass(cls) : undefined;
  }

  private registered?: Map<string, string>;
  /** awilix registrations of the file: `name: asClass(Cls)`, `register('name', asClass(Cls))`. */
  private registrations(): Map<string, string> {
    if (!this.registered) {
      this.registered = new Map();
      if (this.text.includes('asClass(')) {
        for (const m of this.text.matchAll(/([\w$]+)['"]?\s*[:,]\s*asClass\(\s*([A-Z][\w$]*)/g)) this.registered.set(m[1]!, m[2]!);
      }
    }
    return this.registered;
  }

  /** What made another module's value a name stands for (`./lib/partners.http` → `axios.create()`), if the pass knows. */
  private knownCtor(name: string): string | undefined {
    if (!this.knownCtors.size) return undefined;
    const t = this.imports.projectTarget(name);
    return t ? this.knownCtors.get(`${t.spec}\0${t.path.join('.')}`) : undefined;
  }

  /** What the cross-file pass learnt about the function of another module a call's names stand for (engine/cross-file.ts). */
  private knownFact(names: string[]): KnownFact | undefined {
    const target = this.moduleTarget(names);
    return target ? this.knownFacts.get(`${target.spec}\0${target.path.join('.')}`) : undefined;
  }

  /**
   * A return of `fn` (`return { text: \`${col} IN (${ph})\`, values: items }`): while it runs with its callers' data, the
   * properties every such return fills with none of that untrusted data. Any other return ends the record.
   */
  private noteReturnedProps(fn: string, props: ReadonlyMap<string, Arg> | undefined): void {
    if (!this.helpers.rerunningNow().includes(fn) || this.returnSafeProps.get(fn) === null) return;
    const clean = props ? new Set([...props].filter(([k, a]) => !k.includes('.') && !a.val.untrusted && !a.val.refs).map(([k]) => k)) : undefined;
    noteSafeParts(this.returnSafeProps, fn, clean);
  }

  /** Functions of the file whose every return is clean of some categories: what calls from other files get back. */
  returnFacts(): ReturnFact[] {
    const out = new Map<string, Set<string>>();
    for (const [name, cats] of this.returnClean) out.set(name, new Set(cats));
    for (const [name, cats] of this.escapers) out.set(name, new Set([...(out.get(name) ?? []), ...cats]));
    // (`legacyHash(pw)` returning a hex digest: a caller in another file gets a constant back)
    for (const name of this.returnsConstant) out.set(name, new Set(['all']));
    const facts: ReturnFact[] = [...out].map(([name, cats]) => ({ name, clean: [...cats] }));
    // `export function deepMerge(target, source)` whose body skips `__proto__`: the name another file's call of it is a
    // sink by (`*.deepMerge`) meets a body that guards.
    // ...or whose body is itself a recursive merge without a guard: the pass runs it with the caller's data and reports
    // it at its own write (`target[key] = incoming`), so the call is not reported again by its name.
    for (const name of new Set([...this.keyGuards, ...this.mergeHelpers.keys()])) {
      const cats = new Set(this.set.sinkIndex.lookup([`module.${name}`]).filter(({ rule, sink }) => rule.category === 'prototype' && sink.call).map(({ rule }) => rule.category));
      if (cats.size) factFor(facts, name).guards = [...cats];
    }
    // `inList(col, items)` returning `{ text, values: items }`: the text holds none of the items
    for (const [name, props] of this.returnSafeProps) {
      const seeded = this.seededParams.get(name);
      if (props?.size && seeded) factFor(facts, name).safeParts = { parts: [...props], args: [...seeded.values()] };
    }
    // `findById(tenant, id)` returning the row a query found: the id it was given untrusted never comes back, so the
    // callers' results owe nothing to that argument.
    for (const [name, params] of this.seededParams) {
      if (!this.helpers.ranWithCallersData(name)) continue;
      const back = this.helpers.returnedParams(name);
      const drops = [...params].filter(([p]) => !back?.has(p)).map(([, index]) => ({ index }));
      if (drops.length) factFor(facts, name).drops = drops;
    }
    // `const http = axios.create(…)` (exported, or in `module.exports = { http }`), `exports.db = new Pool()`: a
    // library's object, which importers call by its name.
    // (a package's object: `new Map()` or one of the project's own classes is nothing a rule names)
    const packages = new Set([...this.imports.alias.values()].map((q) => q.split('.')[0]));
    for (const [k, v] of this.moduleEnv ?? []) {
      const name = k.replace(/^(module\.)?exports\./, '');
      if (!v.ctor || name.includes('.') || out.has(name) || !packages.has(v.ctor.split('.')[0]!) || this.imports.projectTarget(v.ctor.replace(/\(\)$/, ''))) continue;
      facts.push({ name, clean: [], ctor: v.ctor });
    }
    return facts;
  }

  /**
   * A weak finding inside a helper, made only because a parameter is not a constant (`new RegExp(\`^${src}$\`)`
   * in `route(method, pattern)`), is dropped when the helper is not exported and every use of it in the file is a
   * call passing a constant there: the file shows all it is ever given.
   */
  private dropConstantOnlyHelperHits(): void {
    if (!this.constantOnlyParams.size) return;
    for (let i = this.hits.length - 1; i >= 0; i--) {
      const h = this.hits[i]!;
      const param = h.detail && h.severity !== h.rule.severity ? /\(parameter '([\w$]+)'\)/.exec(h.detail)?.[1] : undefined;
      const fn = param && 'type' in h.node ? enclosingFunction(h.node as JsNode) : undefined;
      const name = fn ? functionName(fn, this.text) : '';
      const calls = name ? this.constantOnlyParams.get(name) : undefined;
      if (!fn || !calls || calls.constant.get(param!) !== true || this.isExposed(fn, name)) continue;
      // every mention of the name is the declaration or one of the calls seen (it is never passed around)
      if (this.identifierCount(name) === calls.calls.size + 1) this.hits.splice(i, 1);
    }
  }

  /** How many times an identifier is written in the file (declarations and uses, not properties or strings). */
  private identifierCount(name: string): number {
    if (!this.identifierCounts) {
      const counts = new Map<string, number>();
      const walk = (n: JsNode): void => {
        if (n.type === 'identifier') {
          const t = this.src(n);
          if (this.constantOnlyParams.has(t)) counts.set(t, (counts.get(t) ?? 0) + 1);
        }
        const kids = named(n);
        for (let i = 0; i < kids.length; i++) walk(kids[i]!);
      };
      if (this.root) walk(this.root);
      this.identifierCounts = counts;
    }
    return this.identifierCounts.get(name) ?? 0;
  }

  /**
   * A recursive merge of this file that copies every key and is exported or never called here: what it is
   * given is decided in other files, and a merge utility that copies `__proto__` is the flaw itself (as
   * lodash.merge's was). Reported at its polluting write, at the lower severity - or, when the cross-file pass runs
   * it with another module's request data, at full severity naming that caller (whose call is then no finding: the
   * `guards` fact of returnFacts).
   */
  private reportMergeUtilities(): void {
    const rule = this.assignSinks.find(({ rule, sink }) => sink.computedMember && this.active.has(rule))?.rule;
    if (!rule) return;
    for (const [name, shape] of this.mergeHelpers) {
      const fn = this.mergeHelperNodes.get(name);
      if (!fn || shape.writes.some((w) => this.mergeWritesReported.has(w))) continue;
      const seeded = this.mergeSeeds.get(name);
      const exposed = this.isExposed(fn, name);
      if (!seeded && !exposed && this.mergeHelpersCalled.has(name)) continue;
      const why = exposed ? 'is exported' : 'is not called in this file';
      for (const w of shape.writes) {
        const preview = `${this.src(field(w, 'left') ?? w).replace(/\s+/g, '').slice(0, 40)} = …`;
        const detail = seeded ? `${name}() copies keys of untrusted data (${seeded}) without rejecting __proto__ / constructor` : `${name}() copies every key of its argument, __proto__ and constructor included, and ${why}: given untrusted data it pollutes Object.prototype`;
        this.mergeWritesReported.set(w, this.hit(rule, w, detail, preview, !seeded));
      }
    }
  }

  /**
   * A function imported from the project's own modules (a relative or aliased path: `./views`, `~/lib`,
   * `App/Helpers/html`) whose name says it builds markup (`contactCard`, `receiptPage`, `renderTicketEmail`).
   */
  private projectHtmlBuilder(fn: JsNode): boolean {
    const name = fn.type === 'identifier' ? this.src(fn) : fn.type === 'member_expression' ? this.src(fn) : '';
    if (!name || !HTML_BUILDER.test(name.slice(name.lastIndexOf('.') + 1))) return false;
    const q = this.imports.qualify(name);
    return !!q && PROJECT_SPEC.test(q);
  }

  /**
   * The value a source gives: untrusted, or for a source limited to some categories, clean for the rest; a constant
   * for a property the framework sets (`req.file.path`: where multer stored the upload) when `names` reads one, in a
   * file that shows the framework setting it (a multer storage out of sight may name files after the client's name).
   */
  private sourceVal(s: string, names?: readonly string[]): Val {
    const safe = names ? this.set.sourceSafeProperties.get(s) : undefined;
    const applies = () => (!safe!.if || this.textMatches(safe!.if)) && !(safe!.unless && this.textMatches(safe!.unless));
    if (safe && names!.some((x) => x.startsWith(`${s}.`) && safe.props.has(x.slice(s.length + 1).split('.')[0]!)) && applies()) return CONST;
    // (a source written for any receiver, `*.options.getString`, is named as the code reads it: `i.options.getString`)
    const written = s.startsWith('*.') ? names?.find((x) => x.includes(s.slice(1))) : undefined;
    const label = written ? written.slice(0, written.indexOf(s.slice(1)) + s.length - 1) : s;
    const val: Val = onlyFor(tainted(label, this.set.localSources.has(s)), this.set.sourceCategories.get(s));
    // (the whole object, or a list of them, kept in a variable: `for (const file of req.files) … file.path`)
    return safe && names!.includes(s) && applies() ? { ...val, safePaths: [...safe.props] } : val;
  }

  /**
   * Whether the file's code matches `re` (a rule's file-wide condition), asked once per file and regex. Comments are
   * left out: a comment naming `multer({ dest })` configures no storage.
   */
  private textMatches(re: RegExp): boolean {
    let m = this.textMatched.get(re);
    if (m === undefined) {
      this.codeText ??= this.root ? codeOf(this.root, this.text) : this.text;
      this.textMatched.set(re, (m = re.test(this.codeText)));
    }
    return m;
  }
  private readonly textMatched = new Map<RegExp, boolean>();
  private codeText?: string;

  private src(n: { start: number; end: number }): string {
    return this.text.slice(n.start, n.end);
  }

  // ---------------------------------------------------------------- statements

  /** Function declarations are visible before their statement (hoisting): define them first. */
  private hoist(stmts: JsNode[], f: Frame): void {
    for (let s of stmts) {
      if (s.type === 'export_statement') s = field(s, 'declaration') ?? s;
      if (s.type === 'function_declaration' || s.type === 'generator_function_declaration') this.defineFunction(s, f, nameOf(s, this.text), undefined, true);
    }
  }

  private block(stmts: JsNode[], f: Frame): void {
    for (let i = 0; i < stmts.length; i++) this.stmt(stmts[i]!, f);
  }

  private body(n: JsNode | undefined, f: Frame): void {
    if (!n) return;
    if (n.type === 'statement_block') {
      this.hoist(named(n), f);
      this.block(named(n), f);
    } else this.stmt(n, f);
  }

  private stmt(s: JsNode, f: Frame): void {
    switch (s.type) {
      case 'expression_statement':
        for (const k of named(s)) this.expr(k, f);
        this.assertion(named(s)[0], f);
        return;
      case 'lexical_declaration':
      case 'variable_declaration':
        for (const d of named(s)) if (d.type === 'variable_declarator') this.declarator(d, f);
        return;
      case 'return_statement': {
        const e = named(s)[0];
        if (!e) return;
        const obj = e.type === 'object' && !named(e).some((p) => p.type === 'spread_element') ? this.objectVal(e, f) : undefined;
        // `return u.origin === location.origin ? u.pathname : fallback`: two returns, each with what its branch knows
        // (joined, the checked one's cleanliness would be lost to the other's).
        const inner = e.type === 'parenthesized_expression' ? named(e)[0] : e;
        const branches = inner?.type === 'ternary_expression' ? this.ternary(inner, f) : undefined;
        const v = obj ? obj.val : branches ? branches.val : this.expr(e, f);
        if (f.fnDef) this.noteReturnedProps(f.fnDef.name, obj?.props);
        if (f.fnDef && !RETURNS_MADE.has(unwrapped(e).type)) this.heldReturns.add(f.fnDef);
        f.returns?.push(...(branches ? branches.parts : [v]));
        this.helpers.noteReturn(f.fnDef, v);
        if (v.refs && f.fnDef) this.returnedRefs.set(f.fnDef.name, join({ refs: this.returnedRefs.get(f.fnDef.name) }, v).refs!);
        if (f.route) this.checkReturnSinks(s, e, v);
        return;
      }
      case 'if_statement':
        return this.ifStmt(s, f);
      case 'for_in_statement': {
        const left = field(s, 'left');
        const right = field(s, 'right');
        const iv: Val = right ? this.expr(right, f) : CONST;
        const inner = this.fork(f);
        // `for (k in obj)` and `for (x of list)`: keys and items of untrusted data are untrusted.
        // (an item of a list keeps what is known of its fields: `for (const file of req.files) … file.path`)
        if (left) this.bind(left, iv.safePaths ? { ...carried(iv), safePaths: iv.safePaths } : carried(iv), inner);
        this.body(field(s, 'body'), inner);
        this.mergeInto(f, [f.env, inner.env]);
        return;
      }
      case 'for_statement':
      case 'while_statement':
      case 'do_statement': {
        for (const k of named(s)) if (k !== field(s, 'body')) this.stmtOrExpr(k, f);
        const inner = this.fork(f);
        this.body(field(s, 'body'), inner);
        this.mergeInto(f, [f.env, inner.env]);
        return;
      }
      case 'try_statement': {
        const bodyNode = field(s, 'body');
        this.body(bodyNode, f);
        const handler = field(s, 'handler');
        if (handler) {
          const inner = this.fork(f);
          const param = field(handler, 'parameter');
          if (param) this.bind(param, unknown('caught error'), inner);
          this.body(field(handler, 'body'), inner);
          this.mergeInto(f, [f.env, inner.env]);
        }
        const fin = field(s, 'finalizer');
        if (fin) this.body(named(fin)[0], f);
        return;
      }
      case 'switch_statement': {
        const value = field(s, 'value');
        if (value) this.expr(value, f);
        const outcomes: Env[] = [f.env];
        for (const c of named(field(s, 'body') ?? s)) {
          const inner = this.fork(f);
          for (const k of named(c)) {
            if (k === field(c, 'value')) this.expr(k, inner);
            else this.stmt(k, inner);
          }
          outcomes.push(inner.env);
        }
        this.mergeInto(f, outcomes);
        return;
      }
      case 'statement_block':
        return this.body(s, f);
      case 'labeled_statement':
        return this.body(field(s, 'body'), f);
      case 'function_declaration':
      case 'generator_function_declaration':
        return; // hoisted
      case 'class_declaration':
      case 'abstract_class_declaration':
        return this.classDef(s, f);
      case 'export_statement': {
        for (const k of named(s)) {
          if (k.type === 'decorator') continue;
          if (k.type.endsWith('declaration') || k.type === 'class') this.stmt(k, f);
          else if (k.type !== 'export_clause' && k.type !== 'string') this.expr(k, f);
        }
        return;
      }
      case 'import_statement':
      case 'empty_statement':
      case 'break_statement':
      case 'continue_statement':
      case 'debugger_statement':
      case 'type_alias_declaration':
      case 'interface_declaration':
      case 'enum_declaration':
      case 'ambient_declaration':
      case 'module':
      case 'internal_module':
      case 'import_alias':
        return;
      default:
        for (const k of named(s)) this.stmtOrExpr(k, f);
    }
  }

  private stmtOrExpr(k: JsNode, f: Frame): void {
    if (k.type.endsWith('_statement') || k.type.endsWith('declaration') || k.type === 'statement_block') this.stmt(k, f);
    else this.expr(k, f);
  }

  /** `ctx.assert(target.protocol === 'https:' && HOSTS.includes(target.hostname), 400)`: past it, the condition holds. */
  private assertion(e: JsNode | undefined, f: Frame): void {
    if (e?.type === 'await_expression') e = named(e)[0];
    if (e?.type !== 'call_expression') return;
    const fn = field(e, 'function');
    const cond = named(field(e, 'arguments') ?? e)[0];
    if (!fn || !cond || !this.set.knowledge.assertCalls.has(this.src(fn).replace(/\s+/g, ''))) return;
    this.applyGuards(this.guards(cond, true, f), f);
  }

  private ifStmt(s: JsNode, f: Frame): void {
    const cond = field(s, 'condition');
    const then = field(s, 'consequence');
    const alt = field(s, 'alternative');
    if (!cond || !then) return;
    this.expr(cond, f);
    const outcomes: Env[] = [];
    const thenFrame = this.fork(f);
    this.applyGuards(this.guards(cond, true, f), thenFrame);
    this.body(then, thenFrame);
    if (!this.exits(then)) outcomes.push(thenFrame.env);
    const elseFrame = this.fork(f);
    this.applyGuards(this.guards(cond, false, f), elseFrame);
    const altBody = alt ? named(alt)[0] : undefined;
    if (!altBody) outcomes.push(elseFrame.env);
    else {
      this.body(altBody, elseFrame);
      if (!this.exits(altBody)) outcomes.push(elseFrame.env);
    }
    this.mergeInto(f, outcomes.length ? outcomes : [f.env]);
  }

  /** Whether a statement always leaves (return, throw, continue, break, or an exit call such as process.exit()). */
  private exits(s: JsNode): boolean {
    let last: JsNode | undefined = s;
    if (s.type === 'statement_block') {
      const stmts = named(s);
      last = stmts[stmts.length - 1];
    }
    if (!last) return false;
    if (['return_statement', 'throw_statement', 'continue_statement', 'break_statement'].includes(last.type)) return true;
    if (last.type === 'if_statement') {
      const then = field(last, 'consequence');
      const alt = field(last, 'alternative');
      const altBody = alt ? named(alt)[0] : undefined;
      return !!then && !!altBody && this.exits(then) && this.exits(altBody);
    }
    if (last.type === 'expression_statement') {
      const e = named(last)[0];
      if (e?.type === 'call_expression') {
        const fn = field(e, 'function');
        const t = fn ? this.src(fn) : '';
        return this.set.knowledge.exitCalls.has(t) || this.set.knowledge.exitCalls.has(t.slice(t.lastIndexOf('.') + 1));
      }
    }
    return false;
  }

  private fork(f: Frame): Frame {
    return { ...f, env: copyEnv(f.env) };
  }

  private mergeInto(f: Frame, envs: Env[]): void {
    f.env = mergeEnvs(envs);
  }

  private declarator(d: JsNode, f: Frame): void {
    const target = field(d, 'name');
    const value = field(d, 'value');
    if (!target) return;
    if (!value) {
      if (target.type === 'identifier') f.env.set(this.src(target), CONST);
      return;
    }
    const name = target.type === 'identifier' ? this.src(target) : '';
    // `const handleUrl = useCallback(async (url) => …, [])`: React keeps the function it is given, so the name is it.
    const hooked = name && value.type === 'call_expression' && CALLBACK_HOOKS.test(this.src(field(value, 'function') ?? value)) ? named(field(value, 'arguments') ?? value)[0] : undefined;
    const fnValue = FUNCTION_TYPES.has(value.type) ? value : hooked && FUNCTION_TYPES.has(hooked.type) ? hooked : undefined;
    if (name && fnValue) {
      // `const helper = (x) => …`: a function of this file, like a declaration.
      this.defineFunction(fnValue, f, name, undefined, true);
      f.env.set(name, { refs: [this.ref(name)] });
      return;
    }
    const val = this.expr(value, f);
    if (target.type === 'identifier') {
      const list = constStrings(value, this.text);
      if (list) this.constLists.set(name, list);
      this.checkAssignPatterns(d, [name], value, f);
      this.checkCredential(d, name, value);
      this.noteDerived(name, value, f);
      if (value.type === 'regex') this.regexBindings.set(name, value);
      // `const allowed = back && TRUSTED.some((o) => back.startsWith(o + '/'))`: a check kept for a later `if` or `?:`
      if (CONDITION_NODES.has(value.type) && d.parent?.type === 'lexical_declaration' && /^\s*const\b/.test(this.src(d.parent))) this.conditionBindings.set(name, value);
    } else if (target.type === 'object_pattern' && value.type === 'new_expression' && /^(?:globalThis\.)?URL$/.test(this.src(field(value, 'constructor') ?? value))) {
      // `const { protocol, hostname } = new URL(url)`: a check of `protocol` is a check of url's scheme (see guards)
      const of = named(field(value, 'arguments') ?? value)[0];
      const k = of ? this.key(of) : undefined;
      for (const part of k ? named(target) : []) {
        if (part.type === 'shorthand_property_identifier_pattern' && this.src(part) === 'protocol') (f.derived ??= new Map()).set('protocol', `${k}.protocol`);
      }
    }
    this.bind(target, val, f);
  }

  /**
   * `const u = new URL(x)`, `const p = path.resolve(x)`: checks on u vouch for x. `host = u.hostname`:
   * a check of host is a check of u's host.
   */
  private noteDerived(name: string, value: JsNode, f: Frame): void {
    let v = value;
    while (UNWRAP.has(v.type) && named(v)[0]) v = named(v)[0]!;
    if (v.type === 'member_expression' && HOST_CHECK.test(this.src(v))) {
      const k = this.key(v);
      if (k) (f.derived ??= new Map()).set(name, k);
      return;
    }
    if (v.type !== 'call_expression' && v.type !== 'new_expression') return;
    const args = named(field(v, 'arguments') ?? v).filter((x) => x.type === 'identifier' || x.type === 'member_expression');
    const k = args[0] ? this.key(args[0]) : undefined;
    if (k) (f.derived ??= new Map()).set(name, k);
  }

  /** A stable variable key for `x`, `this.x`, `a.b.c`; undefined for anything else. */
  private key(n: JsNode): string | undefined {
    if (n.type === 'identifier' || n.type === 'this' || n.type === 'shorthand_property_identifier') return this.src(n);
    if (n.type === 'member_expression') {
      const obj = field(n, 'object');
      const prop = field(n, 'property');
      if (!obj || !prop) return undefined;
      const base = this.key(obj);
      return base ? `${base}.${this.src(prop)}` : undefined;
    }
    if (UNWRAP.has(n.type) && n.type !== 'await_expression') {
      const inner = named(n)[0];
      return inner ? this.key(inner) : undefined;
    }
    return undefined;
  }

  private lookup(name: string, f: Frame): Val | undefined {
    for (let fr: Frame | undefined = f; fr; fr = fr.outer) {
      const v = fr.env.get(name);
      if (v) return v;
    }
    return undefined;
  }

  /**
   * `k = v` where k may be a variable of an enclosing function: a callback writing it
   * (`req.on('data', (c) => { body += c; chunks.push(c) })`) writes the enclosing one's, which a later
   * callback (`on('end', …)`) reads; joined there, since the callback may run or not.
   */
  private setShared(k: string, v: Val, f: Frame): void {
    const own = f.env.has(k);
    f.env.set(k, v);
    if (own || !f.fnDef) return;
    for (let fr = f.outer; fr; fr = fr.outer) {
      const held = fr.env.get(k);
      if (held) {
        fr.env.set(k, join(held, v));
        return;
      }
    }
  }

  private bind(target: JsNode, val: Val, f: Frame): void {
    switch (target.type) {
      case 'identifier':
      case 'member_expression':
      case 'shorthand_property_identifier_pattern': {
        const k = target.type === 'shorthand_property_identifier_pattern' ? this.src(target) : this.key(target);
        if (k) f.env.set(k, val);
        if (k && val.safePaths) for (const path of val.safePaths) f.env.set(`${k}.${path}`, CONST);
        // `filter.customerId = req.query.customer` then `Order.find(filter)`: the object holds request data now
        // (as a whole it is no text: opaque, so only object sinks such as a query filter see it).
        const dot = k ? k.indexOf('.') : -1;
        if (k && dot > 0 && !k.startsWith('this.') && val.untrusted) {
          const base = k.slice(0, dot);
          const held = f.env.get(base);
          // (an object assigned to on some paths only holds the join of them, no longer marked opaque: not text either;
          // a URL object whose path is set is still the URL: `u.pathname = …; res.redirect(u.toString())`)
          if (held && (isConst(held) || held.opaque || (!held.built && !held.ctor))) f.env.set(base, { ...join(held, { untrusted: val.untrusted }), opaque: true });
        }
        // `this.returnUrl = query.get('returnUrl')` in ngOnInit, read by done(): the class's other methods see it
        // (those that run later; methods run in the order they are written).
        // `this.client = axios.create({ baseURL })` in the constructor: the other methods' `this.client.get(url)` is axios's.
        if (k?.startsWith('this.') && !k.includes('.', 5) && (val.untrusted || val.ctor)) {
          let m: Frame | undefined = f;
          while (m && !m.classEnv) m = m.outer;
          if (m?.classEnv) {
            const held = m.classEnv.get(k.slice(5));
            const merged: Val = val.untrusted ? join(held, { untrusted: val.untrusted }) : (held ?? CONST);
            m.classEnv.set(k.slice(5), val.ctor ? { ...merged, ctor: val.ctor } : merged);
          }
        }
        return;
      }
      case 'subscript_expression': {
        const obj = field(target, 'object');
        const k = obj ? this.key(obj) : undefined;
        if (k) f.env.set(k, join(this.lookup(k, f), val));
        return;
      }
      case 'object_pattern':
      case 'array_pattern': {
        const parts = (val as Val & { requestParts?: Map<string, Val> }).requestParts;
        if (parts && target.type === 'object_pattern') {
          for (const p of named(target)) {
            const key = p.type === 'shorthand_property_identifier_pattern' ? this.src(p) : p.type === 'pair_pattern' ? propertyName(field(p, 'key') ?? p, this.text) : undefined;
            const v = p.type === 'pair_pattern' ? field(p, 'value') : p;
            if (v) this.bind(v, (key && parts.get(key)) || CONST, f);
          }
          return;
        }
        // Destructuring: every part carries what the whole carries (less what a schema made safe in it).
        const part = carried(val);
        const partFor = (key: string | undefined): Val => {
          if (!key || !val.safePaths) return part;
          if (val.safePaths.includes(key)) return CONST;
          const inner = val.safePaths.filter((x) => x.startsWith(`${key}.`)).map((x) => x.slice(key.length + 1));
          return inner.length ? { ...part, safePaths: inner } : part;
        };
        for (const p of named(target)) {
          if (p.type === 'pair_pattern') {
            const v = field(p, 'value');
            if (v) this.bind(v, partFor(propertyName(field(p, 'key') ?? p, this.text)), f);
          } else this.bind(p, partFor(p.type === 'shorthand_property_identifier_pattern' ? this.src(p) : undefined), f);
        }
        return;
      }
      case 'assignment_pattern':
      case 'object_assignment_pattern': {
        const left = field(target, 'left');
        const right = field(target, 'right');
        const dv = right ? this.expr(right, f) : CONST;
        if (left) this.bind(left, join(val, dv), f);
        return;
      }
      case 'rest_pattern': {
        const inner = named(target)[0];
        if (inner) this.bind(inner, val, f);
        return;
      }
      default:
        return;
    }
  }

  // ---------------------------------------------------------------- functions

  /**
   * A function of this file (declaration, `const f = () => …`, method, callback). Named ones join
   * the helper summaries; `params` gives callback parameters their values (`.then(v => …)`).
   * Deferred ones run after the module body.
   */
  private defineFunction(fn: JsNode, outer: Frame, name: string, params?: Val[], deferred = false, classEnv?: Env, decorated = false, asValue = false): Val | undefined {
    const paramsNode = field(fn, 'parameters') ?? field(fn, 'parameter');
    const paramNodes = paramsNode ? (paramsNode.type === 'identifier' ? [paramsNode] : named(paramsNode)) : [];
    const paramNames = paramNodes.map((p) => paramName(p, this.text));
    const body = field(fn, 'body');
    if (!params && this.isGraphqlResolver(fn)) params = [unknown('resolver parent'), tainted('GraphQL arguments')];
    // Next.js server actions: an exported function of a 'use server' module (or one marked so) takes what the client sends.
    if (!params && this.isServerAction(fn, body)) params = paramNodes.map(() => tainted('server action argument'));
    const self: FnDef = { name: name || `<callback@${fn.start}>`, params: paramNames, run: () => undefined };
    let returned: Val | undefined;
    const route = (fn.type === 'method_definition' && this.isRouteMethod(fn)) || this.isEventHandler(fn);
    const exposed = !params && this.isExposed(fn, name);
    const run = (taintedParams?: Map<string, Val>) => {
      // `derived` made here: the frames of its branches share it (a `try` block's `const u = new URL(x)`).
      const f: Frame = { env: new Map(), outer, fnName: name, fnDef: self, returns: [], route, derived: new Map(), classEnv };
      if (classEnv) for (const [k, v] of classEnv) f.env.set(`this.${k}`, v);
      paramNodes.forEach((p, i) => {
        const v = this.paramValue(p, paramNames[i] ?? '', params?.[i], decorated, f, exposed);
        // (a destructured parameter is named by its position: what another file passes it, taint/project-calls.ts)
        const extra = taintedParams?.get(paramKey(paramNames[i] ?? '', i));
        // (the fields the caller's value is known safe in stay so: a job's `id`, a schema's enum field)
        // (and the text every caller's value starts with: `api(`/contracts/${id}`)` is a path on the helper's base URL)
        const joined = extra ? join(v, extra) : v;
        const val = extra ? withCtor({ ...joined, ...(extra.safePaths ? { safePaths: extra.safePaths } : {}), ...(extra.prefix ? { prefix: extra.prefix } : {}) }, v.ctor ?? extra.ctor) : v;
        const pattern = paramPattern(p);
        if (pattern) this.bind(pattern, val, f);
        if (pattern?.type === 'identifier' && !extra && !params?.[i]) this.bindTypedFields(p, this.src(pattern), decorated, f);
        if (pattern?.type === 'object_pattern') this.bindTypedParts(pattern, field(p, 'type'), f);
      });
      this.bindValidatedRequest(fn, paramNodes, f);
      if (!body) return;
      if (body.type === 'statement_block') this.body(body, f);
      else {
        // an arrow function with an expression body
        const v = this.expr(body, f);
        if (!RETURNS_MADE.has(unwrapped(body).type)) this.heldReturns.add(self);
        f.returns!.push(v);
        this.helpers.noteReturn(self, v);
        if (v.refs) this.returnedRefs.set(self.name, join({ refs: this.returnedRefs.get(self.name) }, v).refs!);
      }
      returned = f.returns!.length ? join(...f.returns!) : CONST;
      // (a factory: every return made by one constructor, `() => container.resolve(InvoiceService)`)
      const made = f.returns![0]?.ctor;
      if (name && made && f.returns!.every((r) => r.ctor === made)) this.returnMade.set(name, made);
      // What every value it returns was checked for (`if (!p.startsWith(ROOT + path.sep)) throw …; return p`):
      // callers' results are clean of it too (the first run, with unknown parameters, decides).
      if (name && !taintedParams && !this.returnClean.has(name)) {
        // (`return fallback` of `fallback = '/dashboard'`: an option its callers give, usually as written, not the value
        // the function checks; `sameOriginTarget(raw, fallback = '/')` vouches for what it returns of `raw`)
        const defaulted = new Set(paramNodes.flatMap((p, i) => (p.type === 'assignment_pattern' || field(p, 'value')) && literalOf(field(p, 'value') ?? field(p, 'right') ?? p, this.text).ok ? [`parameter '${paramNames[i]}'`] : []));
        const tainted = f.returns!.filter((r) => (r.untrusted || r.nonConstant) && !(r.nonConstant && !r.untrusted && defaulted.has(r.nonConstant.src)));
        const sets = tainted.map((r) => (r.untrusted ?? r.nonConstant)!.clean);
        const common = sets.length ? [...sets[0]!].filter((c) => sets.every((x) => x.has(c))) : [];
        if (common.length) this.returnClean.set(name, new Set(common));
        if (f.returns!.length && !tainted.length) this.returnsConstant.add(name);
        if (f.returns!.length && !tainted.length && !this.heldReturns.has(self)) this.returnsMadeClean.add(name);
        // `return rows[0]` of `pool.query(sql, [id])`: every return is the table's data, none of the arguments
        if (f.returns!.length && tainted.length === f.returns!.length && tainted.every((r) => !r.untrusted && r.nonConstant?.src === 'database rows')) this.returnsRows.add(name);
      }
    };
    // Analysed again with tainted parameters (a helper called with request data): the callbacks inside it
    // (`new Promise((ok) => http.get(url, …))`, `items.forEach(…)`) are deferred, so run them now, seeing those parameters.
    if (name && body) {
      const cats = escapedCategories(this.src(body));
      if (cats.size) this.escapers.set(name, cats);
    }
    if (name) {
      const m = mergeSourceParam(fn, name, paramNames, this.text);
      if (m !== undefined) {
        this.mergeHelpers.set(name, m);
        this.mergeHelperNodes.set(name, fn);
      } else if (guardsKeys(fn, this.text)) this.keyGuards.add(name);
    }
    self.run = (taintedParams) => {
      const mark = this.pending.length;
      run(taintedParams);
      while (this.pending.length > mark) this.pending.splice(mark, 1)[0]!();
    };
    if (name) this.helpers.define(self);
    else if (asValue) {
      // one summary per anonymous function, running with the closure of its latest evaluation
      const known = this.anonymous.get(fn.start);
      if (known) known.run = self.run;
      else {
        this.anonymous.set(fn.start, self);
        this.helpers.define(self);
      }
    }
    if (deferred) {
      this.pending.push(() => run());
      return undefined;
    }
    run();
    return returned;
  }

  private useServerModule?: boolean;
  private isServerAction(fn: JsNode, body: JsNode | undefined): boolean {
    const marked = (stmts: JsNode[]) => {
      const first = stmts[0];
      const s = first?.type === 'expression_statement' ? named(first)[0] : undefined;
      return s?.type === 'string' && stringValue(s, this.text) === 'use server';
    };
    if (body?.type === 'statement_block' && marked(named(body))) return true;
    if (this.useServerModule === undefined) {
      let root = fn;
      while (root.parent) root = root.parent;
      this.useServerModule = marked(named(root));
    }
    if (!this.useServerModule) return false;
    let p = fn.parent;
    if (p?.type === 'variable_declarator') p = p.parent?.parent;
    return p?.type === 'export_statement';
  }

  /** `{ Query: { user: (parent, args) => … } }`: a GraphQL resolver, whose second parameter is the client's arguments. */
  private isGraphqlResolver(fn: JsNode): boolean {
    let x: JsNode | undefined = fn.type === 'method_definition' ? fn : fn.parent;
    if (x?.type === 'pair') x = x.parent;
    else if (x?.type !== 'method_definition') return false;
    if (x?.type === 'method_definition') x = x.parent;
    const outer = x?.type === 'object' ? x.parent : undefined;
    const key = outer?.type === 'pair' ? field(outer, 'key') : undefined;
    return !!key && /^['"]?(Query|Mutation|Subscription)['"]?$/.test(this.src(key));
  }

  private paramValue(p: JsNode, name: string, given: Val | undefined, decorated: boolean, f: Frame, exposed: boolean): Val {
    const know = this.set.knowledge;
    const dflt = field(p, 'value') ?? (p.type === 'assignment_pattern' ? field(p, 'right') : undefined);
    if (dflt) {
      this.expr(dflt, f);
      if (name) this.checkCredential(p, name, dflt);
    }
    if (given) return given;
    // NestJS: `@Query('q') q: string`, `@Body() dto: CreateDto` are request data unless of a type that carries no text.
    const decos = named(p).filter((c) => c.type === 'decorator');
    const fromRequest = decos.some((d) => {
      const t = this.src(d).replace(/^@/, '');
      // `@Query('q')`, `@common.Body()`: the last name; LoopBack's `@param.query.string('q')`: the first
      const path = t.split('(')[0]!.split('.');
      return know.parameterDecorators.has(path[path.length - 1]!) || know.parameterDecorators.has(path[0]!);
    });
    // NestJS `@Req() req`: the request object, whose data parts are the `req.*` sources by name; what the server put
    // there (`req.user` from the auth guard, `req.session`) is not the client's.
    if (fromRequest && (name === 'req' || name === 'request') && decos.every((d) => /^@(Req|Request)\(\s*\)$/.test(this.src(d)))) return unknown(`parameter '${name}'`);
    // `({ params, query }: Request, res) => …`: a destructured request object.
    const pattern = paramPattern(p);
    if (pattern?.type === 'object_pattern' && this.isRequestPattern(pattern, p)) {
      const bound = new Map<string, Val>();
      for (const part of named(pattern)) {
        const key = part.type === 'shorthand_property_identifier_pattern' ? this.src(part) : part.type === 'pair_pattern' ? propertyName(field(part, 'key') ?? part, this.text) : undefined;
        const s = key ? this.set.sources.prefixOf([`req.${key}`]) : undefined;
        if (s) bound.set(key!, this.sourceVal(s));
        // (a SvelteKit hook's `event`: the request event, its request, URL and cookies the client's)
        else if (key === 'event') bound.set(key, tainted('the request event'));
      }
      if (bound.size) return { ...tainted('request'), requestParts: bound } as Val;
    }
    // `(event: APIGatewayProxyEvent)`, `(req: NextApiRequest)`: typed as a request, whatever its name.
    const ptype = field(p, 'type');
    // (not `req` / `request`: their data parts are sources by name, and what the server put there - `req.user` from an
    // auth middleware, `req.session` - is not the client's, typed or not)
    if (ptype && name !== 'req' && name !== 'request' && know.requestParameterTypes?.test(this.src(ptype).replace(/^:\s*/, '').trim())) return tainted(`request parameter '${name}'`);
    if (fromRequest || decorated) {
      // NestJS transforms a `number` / `boolean` request parameter (a string literal type is not checked at run time).
      if (this.types.noText(field(p, 'type'), false)) return CONST;
      if (decos.some((d) => /Parse(Int|Float|Bool|UUID|Enum)Pipe|ParseArrayPipe/.test(this.src(d)))) return CONST;
      // (`@Param('id')`: a route parameter, always a string as `req.params` is - no query operator object)
      const routeParam = decos.length > 0 && decos.every((d) => /^@(?:[\w$]+\.)*Param\s*\(/.test(this.src(d)));
      if (fromRequest) return routeParam ? onlyFor(tainted(`request parameter '${name}'`), this.set.sourceCategories.get('req.params')) : tainted(`request parameter '${name}'`);
    }
    // `function history(id: number)`: the file's own callers can only pass a number (a caller handing it
    // request data typed `any` is joined in by the helper summaries, so that flow is still followed).
    if (this.types.noText(field(p, 'type'), true)) return CONST;
    // `page = 1` in TypeScript: the type inferred from a number or boolean default
    if (this.typeChecked && !field(p, 'type') && dflt && /^(number|true|false)$/.test(dflt.type)) return CONST;
    const val = exposed ? exposedParameter(`parameter '${name || 'destructured'}'`) : unknown(`parameter '${name || 'destructured'}'`);
    // `function register(app: App)` with App imported from @slack/bolt: what `new App()` would make (its methods are the library's).
    const made = this.importedType(ptype);
    return made ? { ...val, ctor: made } : val;
  }

  /** `: App`, `: bolt.App`, `: Pool<T>` naming an import: the constructor's qualified call (`@slack/bolt.App()`). */
  private importedType(annotation: JsNode | undefined): string | undefined {
    if (!annotation) return undefined;
    const m = /^:?\s*([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\s*(?:<[^]*>)?\s*$/.exec(this.src(annotation));
    const q = m ? this.imports.qualify(m[1]!) : undefined;
    return q ? `${q}()` : undefined;
  }

  /**
   * A function other files call: exported (`export function`, `export const f = …`, `export { f }`,
   * `module.exports = { f }`, `exports.f = f`), or a method of a class or object exported so. Its
   * parameters come from callers this analysis cannot see.
   */
  private isExposed(fn: JsNode, name: string): boolean {
    let up = fn.parent;
    if (up?.type === 'variable_declarator' || up?.type === 'pair') up = up.type === 'pair' ? up.parent : up.parent?.parent;
    if (fn.type === 'method_definition') up = up?.parent; // class_body / object -> class or object literal
    let n: JsNode | undefined = up;
    // the class or object literal itself: `export class X`, `export default {`, `module.exports = {`
    if (n?.type === 'class_declaration' || n?.type === 'class') {
      const cname = field(n, 'name');
      if (cname && this.exportedNames().has(this.src(cname))) return true;
      n = n.parent;
    } else if (n?.type === 'object') {
      const holder = n.parent;
      if (holder?.type === 'assignment_expression' && /^(module\.)?exports\b/.test(this.src(field(holder, 'left') ?? holder))) return true;
      if (holder?.type === 'variable_declarator') {
        const vname = field(holder, 'name');
        if (vname && this.exportedNames().has(this.src(vname))) return true;
        n = holder.parent?.parent;
      } else n = holder;
    }
    if (n?.type === 'export_statement') return true;
    if (fn.parent?.type === 'assignment_expression' && /^(module\.)?exports\b/.test(this.src(field(fn.parent, 'left') ?? fn.parent))) return true;
    return !!name && fn.type !== 'method_definition' && this.exportedNames().has(name);
  }

  /**
   * `filter: ListingFilter` (an interface of this file with `minBeds?: number`), `@Body() dto: CreateDto`
   * (a class-validator DTO with `@IsInt() count: number`): the fields typed to hold no text are constants.
   * A request DTO's field counts only when it is decorated, so a pipe validates it; a plain parameter's
   * type is the compiler's to enforce.
   */
  private bindTypedFields(p: JsNode, name: string, decorated: boolean, f: Frame): void {
    const fields = this.types.fieldsOf(field(p, 'type'));
    if (!fields) return;
    const fromRequest = decorated || named(p).some((c) => c.type === 'decorator');
    for (const [k, fact] of fields) {
      if (fromRequest ? fact.validated && this.types.noText(fact.type, fact.choice) : this.types.noText(fact.type, true)) f.env.set(`${name}.${k}`, CONST);
    }
  }

  /**
   * `({ owners }: RouterOptions)` with `interface RouterOptions { owners: OwnershipStore }` and the class imported:
   * each part destructured from a typed options object is an instance of its field's class (its methods are that
   * module's, followed by the cross-file pass).
   */
  private bindTypedParts(pattern: JsNode, annotation: JsNode | undefined, f: Frame): void {
    const fields = this.types.fieldsOf(annotation);
    if (!fields) return;
    for (const part of named(pattern)) {
      if (part.type !== 'shorthand_property_identifier_pattern') continue;
      const name = this.src(part);
      const made = this.importedType(fields.get(name)?.type);
      if (made) f.env.set(name, withCtor(f.env.get(name) ?? CONST, made));
    }
  }

  /** A destructured parameter that is a web request: typed as one, or taking its data fields. */
  private isRequestPattern(pattern: JsNode, p: JsNode): boolean {
    const type = field(p, 'type');
    if (type && /Request\b|\bReq\b|Context\b|HttpContext|RequestEvent\b|APIContext\b/.test(this.src(type))) return true;
    const keys = named(pattern).map((x) => (x.type === 'shorthand_property_identifier_pattern' ? this.src(x) : x.type === 'pair_pattern' ? propertyName(field(x, 'key') ?? x, this.text) ?? '' : ''));
    if (keys.some((k) => k === 'query' || k === 'body' || k === 'params') && !type) return true;
    // Next.js route handlers and pages (`export async function GET(req, { params }: { params: { slug: string } })`,
    // `export default function Page({ searchParams }: …)`): the URL's route and query parameters.
    if (keys.some((k) => k === 'params' || k === 'searchParams') && this.isExported(p)) return true;
    // Astro and SvelteKit endpoints, loads and form actions (`export const GET: APIRoute = async ({ url, request }) => …`,
    // `export const actions = { default: async ({ request }) => … }`): the request event.
    if (keys.some((k) => k === 'url' || k === 'request' || k === 'cookies') && (this.isExported(p) || this.isTypedHandler(p))) return true;
    // SvelteKit's server hooks (`const cors: Handle = async ({ event, resolve }) => …`): `event` is the request event.
    return keys.includes('event') && keys.includes('resolve') && this.isTypedHandler(p);
  }

  /** A handler whose variable is typed as a framework's request handler (`const GET: RequestHandler = …`). */
  private isTypedHandler(p: JsNode): boolean {
    let fn: JsNode | undefined = p.parent;
    while (fn && !FUNCTION_TYPES.has(fn.type)) fn = fn.parent;
    let up = fn?.parent;
    if (up?.type === 'pair') up = up.parent?.parent; // `actions = { default: async (event) => … }`
    if (up?.type !== 'variable_declarator') return false;
    const t = field(up, 'type');
    const name = field(up, 'name');
    return (!!t && /\b(APIRoute|RequestHandler|PageServerLoad|LayoutServerLoad|Actions|ServerLoad|Handle)\b/.test(this.src(t))) || (!!name && this.src(name) === 'actions' && this.isExported(up));
  }

  private isExported(p: JsNode): boolean {
    let fn: JsNode | undefined = p.type === 'variable_declarator' ? p : p.parent;
    while (fn && fn.type !== 'variable_declarator' && !FUNCTION_TYPES.has(fn.type) && fn.type !== 'function_declaration') fn = fn.parent;
    let up = fn?.type === 'variable_declarator' ? fn : fn?.parent;
    if (up?.type === 'pair') up = up.parent?.parent; // a handler in an exported object (`export const actions = { … }`)
    if (up?.type === 'variable_declarator') up = up.parent?.parent;
    return up?.type === 'export_statement';
  }

  private classDef(def: JsNode, outer: Frame): void {
    const cname = field(def, 'name');
    if (cname) this.classes.add(this.src(cname));
    const body = field(def, 'body');
    if (!body) return;
    // `constructor(private readonly service: SearchService)`: which of this file's classes a field holds.
    for (const m of named(body)) {
      if (m.type !== 'method_definition' || this.src(field(m, 'name') ?? m) !== 'constructor') continue;
      for (const p of named(field(m, 'parameters') ?? m)) {
        const t = field(p, 'type');
        const pat = field(p, 'pattern');
        if (t && pat?.type === 'identifier') this.fieldTypes.set(this.src(pat), this.src(t).replace(/^:\s*/, '').trim());
      }
    }
    const classEnv: Env = new Map();
    const fieldFrame: Frame = { env: new Map(), outer, fnName: '' };
    for (const m of named(body)) {
      if (m.type === 'public_field_definition' || m.type === 'field_definition') {
        const prop = field(m, 'name') ?? field(m, 'property');
        const value = field(m, 'value');
        if (!prop || !value) continue;
        const pname = this.src(prop);
        if (FUNCTION_TYPES.has(value.type)) {
          this.defineFunction(value, outer, pname, undefined, true, classEnv);
          continue;
        }
        classEnv.set(pname, this.expr(value, fieldFrame));
        this.checkCredential(m, pname, value);
        this.checkAssignPatterns(m, [pname, `this.${pname}`], value, fieldFrame);
      }
    }
    if (cname) {
      const own = new Set<string>();
      for (const m of named(body)) if ((m.type === 'method_definition' || m.type === 'public_field_definition') && field(m, 'name')) own.add(this.src(field(m, 'name')!));
      this.classMethods.set(this.src(cname), own);
    }
    for (const m of named(body)) {
      if (m.type !== 'method_definition') continue;
      const mname = field(m, 'name');
      this.defineFunction(m, outer, mname ? this.src(mname) : '', undefined, true, classEnv);
    }
  }

  // ---------------------------------------------------------------- expressions

  private expr(n: JsNode, f: Frame): Val {
    switch (n.type) {
      case 'identifier':
      case 'shorthand_property_identifier': {
        const name = this.src(n);
        const v = this.lookup(name, f);
        if (v) return v;
        const names = this.namesOf(n, f);
        const s = this.set.sources.prefixOf(names);
        if (s) return this.sourceVal(s, names);
        this.checkReference(n, names);
        // `const r = run`: the value is the function (calling r calls run).
        if (this.helpers.has(name) && !this.imports.alias.has(name)) return { refs: [this.ref(name)] };
        if (this.imports.alias.has(name) || GLOBALS.has(name) || /^[A-Z][A-Z0-9_]*$/.test(name) || this.classes.has(name)) return CONST;
        return unknown(`'${name}'`);
      }
      case 'this':
        return CONST;
      case 'member_expression': {
        const k = this.key(n);
        const known = k ? this.lookup(k, f) : undefined;
        if (known) return known;
        const names = this.namesOf(n, f);
        const s = this.set.sources.prefixOf(names);
        if (s) return this.sourceVal(s, names);
        this.checkReference(n, names);
        const obj = field(n, 'object');
        const ov: Val = obj ? this.expr(obj, f) : CONST;
        if (names.some((x) => x.startsWith('process.env'))) return unknown('process.env');
        const prop = field(n, 'property');
        // `f = h.run`, `this.run` handed on, `HANDLERS.a`: a function of the file.
        const refs = obj && prop ? this.memberRefs(obj, this.src(prop), ov) : undefined;
        if (prop && PURE.has(this.src(prop))) return CONST;
        if (isConst(ov)) return refs ? { refs } : CONST;
        // (a field the source's framework sets, or one a schema made safe: `file.path` of a multer upload)
        if (prop && ov.safePaths) {
          const key = this.src(prop);
          if (ov.safePaths.includes(key)) return CONST;
        }
        const out: Val = ov.opaque ? { untrusted: ov.untrusted, nonConstant: ov.nonConstant, built: ov.built, opaque: true } : { untrusted: ov.untrusted, nonConstant: ov.nonConstant, built: ov.built };
        if (refs) out.refs = refs;
        return out;
      }
      case 'subscript_expression': {
        const obj = field(n, 'object');
        const idx = field(n, 'index');
        const iv = idx ? this.expr(idx, f) : CONST;
        const names = this.namesOf(n, f);
        const s = this.set.sources.prefixOf(names);
        if (s) return this.sourceVal(s, names);
        if (!obj) return CONST;
        const whole = this.expr(obj, f);
        const ov = carried(whole);
        // `this['run']`, `h['run']`: the method so named.
        const key = idx?.type === 'string' ? stringValue(idx, this.text) : undefined;
        const refs = key !== undefined ? this.memberRefs(obj, key, whole) : this.methodsNamed(obj, whole, iv.prefix ?? '');
        return refs ? { ...ov, refs } : ov;
      }
      case 'call_expression':
      case 'new_expression':
        return this.call(n, f);
      case 'string':
        return { prefix: stringValue(n, this.text) ?? '' };
      case 'template_string':
        return this.templateVal(n, f);
      case 'number':
      case 'true':
      case 'false':
      case 'null':
      case 'undefined':
      case 'regex':
        return CONST;
      case 'arrow_function':
      case 'function_expression':
      case 'function':
      case 'generator_function': {
        // A function kept as a value (`handlers.x = (c) => run(c)`, `[(c) => run(c)]`): a summary of its own.
        this.defineFunction(n, f, '', undefined, true, undefined, false, true);
        return { refs: [this.ref(`<callback@${n.start}>`)] };
      }
      case 'class':
        this.classDef(n, f);
        return CONST;
      case 'binary_expression': {
        const l = field(n, 'left');
        const r = field(n, 'right');
        const op = field(n, 'operator')?.type ?? operator(n);
        const lv: Val = l ? this.expr(l, f) : CONST;
        const rv = r ? this.expr(r, f) : CONST;
        if (l && r && (op === '===' || op === '==' || op === '!==' || op === '!=')) this.checkCredentialCompare(n, l, r);
        // `md.set('x-api-key', process.env.API_KEY || 'inv_live_…')`, `urls: [process.env.RMQ_URL || 'amqp://u:pw@…']`:
        // the fallback of a secret read from the environment, wherever it is given (named places are checkCredential's)
        if ((op === '||' || op === '??') && !NAMED_PLACE.has(n.parent?.type ?? '')) this.checkCredentialFallback(n);
        if (op === '+') {
          // (`API_BASE + '/orders/' + id`: as in a template, a configured base followed by a path fixes the host)
          const based = !!l && !lv.untrusted && lv.prefix === undefined && rv.prefix !== undefined && /^[/?#]/.test(rv.prefix) && this.configuredBase(l);
          const v = joinText(lv, rv);
          if (based) return isConst(v) ? { prefix: CONFIGURED_ORIGIN + rv.prefix } : { ...v, built: true, prefix: CONFIGURED_ORIGIN + rv.prefix };
          if (isConst(v)) return lv.prefix !== undefined && rv.prefix !== undefined ? { prefix: lv.prefix + rv.prefix } : lv.prefix !== undefined ? { prefix: lv.prefix } : CONST;
          const out: Val = { ...v, built: true };
          if (lv.prefix !== undefined) out.prefix = lv.prefix;
          return out;
        }
        if (op === '&&') return rv;
        // (`req.files ?? []`: a constant fallback keeps what is known of the value's fields)
        if (op === '||' || op === '??') return lv.safePaths && isConst(rv) ? { ...join(lv, rv), safePaths: lv.safePaths } : join(lv, rv);
        return CONST; // comparisons and arithmetic give booleans and numbers
      }
      case 'unary_expression': {
        for (const k of named(n)) this.expr(k, f);
        return CONST;
      }
      case 'update_expression':
        return CONST;
      case 'ternary_expression':
        return this.ternary(n, f).val;
      case 'assignment_expression':
        return this.assignment(n, f);
      case 'augmented_assignment_expression': {
        const left = field(n, 'left');
        const right = field(n, 'right');
        if (!left || !right) return CONST;
        const val = this.expr(right, f);
        const k = this.key(left);
        const old = k ? (this.lookup(k, f) ?? CONST) : CONST;
        const op = operator(n);
        const v = join(old, val);
        let out = op === '+=' && !isConst(val) ? { ...v, built: true } : v;
        // (`sql += ' ORDER BY ' + sort`: the text still starts as it did, which `matches` conditions read)
        if (op === '+=' && old.prefix !== undefined) out = { ...out, prefix: isConst(old) && isConst(val) && val.prefix !== undefined ? old.prefix + val.prefix : old.prefix };
        if (k) this.setShared(k, out, f);
        this.checkAssignSinks(n, left, out, f);
        return out;
      }
      case 'object':
        return this.objectVal(n, f).val;
      case 'array': {
        const parts = named(n).map((k) => this.expr(k, f));
        return carried(join(...parts));
      }
      case 'spread_element': {
        const inner = named(n)[0];
        return inner ? this.expr(inner, f) : CONST;
      }
      case 'sequence_expression': {
        let last: Val = CONST;
        for (const k of named(n)) last = this.expr(k, f);
        return last;
      }
      case 'jsx_element':
      case 'jsx_self_closing_element':
      case 'jsx_opening_element':
      case 'jsx_fragment': {
        for (const k of named(n)) {
          if (k.type === 'jsx_attribute') this.jsxAttribute(k, f);
          else if (k.type !== 'jsx_closing_element' && k.type !== 'identifier' && k.type !== 'member_expression' && k.type !== 'jsx_text') this.expr(k, f);
        }
        return CONST; // React escapes what it renders
      }
      case 'jsx_expression': {
        const parts = named(n).map((k) => this.expr(k, f));
        return parts.length === 1 ? parts[0]! : join(...parts);
      }
      default: {
        if (UNWRAP.has(n.type)) {
          // `x as T`, `x!`, `(x)`, `await x`: the expression; `<T>x`: the last child.
          const kids = named(n);
          const inner = n.type === 'type_assertion' ? kids[kids.length - 1] : kids[0];
          return inner ? this.expr(inner, f) : CONST;
        }
        const parts = named(n).map((k) => this.expr(k, f));
        return join(...parts);
      }
    }
  }

  private templateVal(n: JsNode, f: Frame): Val {
    let prefix = '';
    let seen = false;
    // `${config.apiUrl}/contracts/${id}`, `${process.env.INVENTORY_URL}/levels`, `${API_URL}${path}` with a path the
    // callers write: a base URL of the program's own (named so, no request's) followed by a path fixes the host (the
    // configured one), whatever the path holds. Decided by the part after the base.
    let base = false;
    const afterBase = (text: string | undefined) => {
      base = false;
      if (text !== undefined && /^[/?#]/.test(text)) prefix = CONFIGURED_ORIGIN + text;
      else seen = true;
    };
    const parts: Val[] = [];
    for (const c of named(n)) {
      if (c.type === 'template_substitution') {
        const e = named(c)[0];
        const v = e ? this.expr(e, f) : CONST;
        parts.push(v);
        if (base) {
          const whole = isConst(v) && e ? this.constText(e) : undefined;
          afterBase(whole ?? v.prefix);
          if (whole === undefined) seen = true;
          continue;
        }
        // `${GITHUB_API}/repos/${repo}` with `const GITHUB_API = 'https://api.github.com'`: the constant is part of
        // the prefix (it fixes the host as a literal would).
        const known = !seen && e && isConst(v) ? this.constText(e) : undefined;
        if (known !== undefined) prefix += known;
        else if (!seen && prefix === '' && e && !v.untrusted && this.configuredBase(e)) base = true;
        else seen = true;
      } else if (base) afterBase(this.src(c));
      else if (!seen) prefix += this.src(c);
    }
    if (base) seen = true;
    const v = joinText(...parts);
    if (isConst(v)) return { prefix };
    return { ...v, built: true, prefix };
  }

  /** A name for a base URL of the program's own: `API_URL`, `config.apiBase`, `process.env.INVENTORY_URL`, `baseUrl`. */
  private configuredBase(e: JsNode): boolean {
    if (e.type !== 'identifier' && e.type !== 'member_expression') return false;
    const text = this.src(e);
    return CONFIGURED_BASE.test(text.slice(text.lastIndexOf('.') + 1));
  }

  /** An object literal: its value carries what its properties carry; the properties are checked like assignments. */
  private objectVal(n: JsNode, f: Frame, handlerParams?: Val[]): { val: Val; props: Map<string, Arg> } {
    const props = new Map<string, Arg>();
    const parts: Val[] = [];
    for (const p of named(n)) {
      if (p.type === 'pair') {
        const k = field(p, 'key');
        const v = field(p, 'value');
        if (!k || !v) continue;
        const kname = propertyName(k, this.text);
        if (k.type === 'computed_property_name') parts.push(this.expr(k, f));
        let val: Val;
        if (FUNCTION_TYPES.has(v.type) && kname && handlerParams) {
          // `Meteor.methods({ 'messages.search': (selector) => … })`: a table of handlers a callback source registers
          this.defineFunction(v, f, kname, handlerParams);
          val = { refs: [this.ref(kname)] };
        } else if (FUNCTION_TYPES.has(v.type) && kname && this.set.knowledge.messageHandlerProperties.has(kname)) {
          // `consumer.run({ eachMessage: async ({ message }) => … })`: whoever can publish to the topic chose the message.
          this.defineFunction(v, f, kname, [tainted(`'${kname}' message`), tainted(`'${kname}' message`)]);
          val = { refs: [this.ref(kname)] };
        } else if (FUNCTION_TYPES.has(v.type) && kname) {
          this.defineFunction(v, f, kname, undefined, true);
          val = { refs: [this.ref(kname)] };
        } else val = this.expr(v, f);
        if (kname !== undefined && MONGO_CODE_KEYS.has(kname)) val = asQueryCode(val);
        // `{ author: { $eq: req.query.author } }`: a comparison's operand is matched as a value, objects included.
        else if (kname !== undefined && MONGO_LITERAL_OPERANDS.has(kname) && !isConst(val)) val = clear(val, NO_OPERATORS);
        parts.push(val);
        if (kname !== undefined) {
          props.set(kname, { node: v, val });
          // `{ cors: { origin: true, credentials: true } }` (socket.io's Server options): the nested options by
          // dotted name, for rule conditions (`keyword: cors.origin`), one level down.
          if (v.type === 'object') {
            for (const q of named(v)) {
              const qk = q.type === 'pair' ? field(q, 'key') : undefined;
              const qv = q.type === 'pair' ? field(q, 'value') : undefined;
              const qname = qk ? propertyName(qk, this.text) : undefined;
              if (qname !== undefined && qv) props.set(`${kname}.${qname}`, { node: qv, val: CONST });
            }
          }
          this.checkCredential(p, kname, v);
          this.checkAssignPatterns(p, [kname, `*.${kname}`], v, f);
          this.checkPropertySinks(p, kname, v, val, f);
        }
      } else if (p.type === 'shorthand_property_identifier') {
        const val = this.expr(p, f);
        parts.push(val);
        props.set(this.src(p), { node: p, val });
        this.checkPropertySinks(p, this.src(p), p, val, f);
      } else if (p.type === 'method_definition') {
        const mname = field(p, 'name');
        const mkey = mname ? propertyName(mname, this.text) ?? this.src(mname) : '';
        if (handlerParams) this.defineFunction(p, f, mkey, handlerParams);
        else this.defineFunction(p, f, mname ? this.src(mname) : '', undefined, true);
        if (mname) parts.push({ refs: [this.ref(this.src(mname))] });
      } else parts.push(this.expr(p, f));
    }
    return { val: carried(join(...parts)), props };
  }

  private jsxAttribute(a: JsNode, f: Frame): void {
    const [nameNode, value] = named(a);
    if (!nameNode || !value) return;
    const v = value.type === 'jsx_expression' ? this.expr(value, f) : CONST;
    this.checkPropertySinks(a, this.src(nameNode), value, v, f);
    // JSX-only sinks are named `jsx.href`: an object's `href` property is not a link.
    if (!isConst(v)) this.checkPropertySinks(a, `jsx.${this.src(nameNode)}`, value, v, f);
  }

  private assignment(n: JsNode, f: Frame): Val {
    const left = field(n, 'left');
    const right = field(n, 'right');
    if (!left || !right) return CONST;
    let val: Val;
    const k = this.key(left);
    if (FUNCTION_TYPES.has(right.type) && k) {
      // `window.onmessage = (e) => …`: message data is untrusted.
      const params = /(^|\.)onmessage$/.test(k) ? [tainted('message event data')] : undefined;
      this.defineFunction(right, f, k.slice(k.lastIndexOf('.') + 1), params, !params);
      val = CONST;
    } else val = this.expr(right, f);
    if (left.type === 'member_expression' && MONGO_CODE_KEYS.has(this.src(field(left, 'property') ?? left))) val = asQueryCode(val);
    if (left.type === 'subscript_expression') {
      const obj = field(left, 'object');
      const idx = field(left, 'index');
      if (obj) this.expr(obj, f);
      if (idx) this.expr(idx, f);
    }
    const names = this.targetNames(left, f);
    this.checkAssignPatterns(n, names, right, f);
    const cname = left.type === 'member_expression' ? this.src(field(left, 'property') ?? left) : left.type === 'identifier' ? this.src(left) : undefined;
    if (cname) this.checkCredential(n, cname, right);
    if (k) this.noteDerived(k, right, f);
    this.checkAssignSinks(n, left, val, f);
    this.bind(left, val, f);
    return val;
  }

  // ---------------------------------------------------------------- names

  /** Candidate dotted names of an expression: as written, with imports resolved, with known constructors. */
  namesOf(n: JsNode, f: Frame): string[] {
    switch (n.type) {
      case 'identifier':
      case 'shorthand_property_identifier': {
        const raw = this.src(n);
        const out = [raw];
        const v = this.lookup(raw, f);
        if (v?.ctor) out.push(v.ctor);
        else {
          const q = this.imports.qualify(raw);
          if (q && q !== raw) out.push(q);
          const made = q ? this.knownCtor(q) : undefined;
          if (made) out.push(made);
        }
        return out;
      }
      case 'this':
        return ['this'];
      case 'member_expression': {
        const obj = field(n, 'object');
        const prop = field(n, 'property');
        if (!obj || !prop) return [];
        const a = this.src(prop);
        const k = this.key(n);
        const kv = k ? this.lookup(k, f) : undefined;
        const base = this.namesOf(obj, f).map((b) => `${b}.${a}`);
        if (kv?.ctor) base.push(kv.ctor);
        // `partners.http` with `http = axios.create()` in the imported module (engine/cross-file.ts)
        const made = this.knownCtors.size ? base.map((b) => this.knownCtor(b)).find(Boolean) : undefined;
        if (made && !kv?.ctor) base.push(made);
        // `this.http` with `constructor(private readonly http: HttpService)` imported: an instance of that class
        // (`@nestjs/axios.HttpService()`), so `this.http.get(url)` matches rules written against it.
        const type = obj.type === 'this' && this.fieldTypes.size ? this.fieldTypes.get(a) : undefined;
        const q = type && /^[\w$]+$/.test(type) ? this.imports.qualify(type) : undefined;
        if (q && q !== type && !kv?.ctor) base.push(`${q}()`);
        return base.slice(0, 6);
      }
      case 'subscript_expression': {
        const obj = field(n, 'object');
        const idx = field(n, 'index');
        const lit = idx?.type === 'string' ? stringValue(idx, this.text) : undefined;
        if (!obj || lit === undefined) return ['?'];
        return this.namesOf(obj, f).map((b) => `${b}.${lit}`);
      }
      case 'call_expression': {
        const mod = requiredModule(n, (x) => this.src(x));
        if (mod !== undefined) return [mod]; // require('child_process').exec(…)
        const fn = field(n, 'function');
        return fn ? this.namesOf(fn, f).map((x) => jqueryChain(`${x}()`)) : [];
      }
      case 'new_expression': {
        const c = field(n, 'constructor');
        return c ? this.namesOf(c, f).map((x) => `${x}()`) : [];
      }
      default: {
        if (UNWRAP.has(n.type)) {
          const inner = named(n)[0];
          return inner ? this.namesOf(inner, f) : [];
        }
        return ['?'];
      }
    }
  }

  private targetNames(left: JsNode, f: Frame): string[] {
    if (left.type === 'identifier' || left.type === 'member_expression') {
      const names = this.namesOf(left, f);
      const k = this.key(left);
      if (k && !names.includes(k)) names.push(k);
      return names;
    }
    if (left.type === 'subscript_expression') return this.namesOf(left, f);
    return [];
  }

  // ---------------------------------------------------------------- calls

  private args(argsNode: JsNode | undefined, f: Frame, callbackParams: (i: number) => Val[] | undefined, stored = false): CallArgs {
    const positional: Arg[] = [];
    // Most calls have no object-literal argument: they share one empty map (never written).
    let keywords: Map<string, Arg> | undefined;
    let optionsFrom: JsNode | undefined;
    const extra: Val[] = [];
    const callbackReturns: Array<Val | undefined> = [];
    if (!argsNode) return { positional, keywords: NO_KEYWORDS, extra, callbackReturns };
    if (argsNode.type === 'template_string') {
      // A tagged template: the text is the tag's constant, each substitution a separate value (a parameter).
      positional.push({ node: argsNode, val: CONST });
      for (const c of named(argsNode)) if (c.type === 'template_substitution' && named(c)[0]) positional.push({ node: named(c)[0]!, val: this.expr(named(c)[0]!, f) });
      return { positional, keywords: NO_KEYWORDS, extra, callbackReturns };
    }
    named(argsNode).forEach((a, i) => {
      if (a.type === 'spread_element') extra.push(this.expr(a, f));
      else if (a.type === 'object') {
        // an object of handlers where a callback source expects its callback (`Meteor.methods({ … })`)
        const o = this.objectVal(a, f, callbackParams(i));
        if (o.props.size) {
          keywords ??= new Map();
          o.props.forEach((v, k) => keywords!.set(k, v));
        }
        positional.push({ node: a, val: o.val });
      } else if (FUNCTION_TYPES.has(a.type)) {
        const given = callbackParams(i);
        // `routes.set('/search', (req, url) => …)`: a handler put into a table is called later through it (with what
        // the dispatcher hands it), so it is a function of the file the table holds.
        const asValue = stored && !given;
        // A handler registered for later (a callback source) runs after the file's top level, as route handlers do,
        // so what the file's helpers are known to check is known when it calls them.
        callbackReturns[i] = this.defineFunction(a, f, '', given, !given || REGISTERED.has(given), undefined, false, asValue);
        positional.push({ node: a, val: asValue ? { refs: [this.ref(`<callback@${a.start}>`)] } : CONST });
      } else {
        // `res.cookie(name, token, cookieOptions)` with `const cookieOptions = { httpOnly: true, … }` in the file: its
        // properties are the call's options (what the rules' keyword conditions read), as if written there.
        const options = a.type === 'identifier' ? this.constObject(this.src(a)) : undefined;
        if (options) {
          optionsFrom = options.values().next().value?.parent?.parent;
          keywords ??= new Map();
          for (const [k, v] of options) if (!keywords.has(k)) keywords.set(k, { node: v, val: literalOf(v, this.text).ok ? CONST : this.expr(v, f) });
        }
        positional.push({ node: a, val: this.expr(a, f) });
      }
    });
    return { positional, keywords: keywords ?? NO_KEYWORDS, extra, callbackReturns, ...(optionsFrom ? { optionsFrom } : {}) };
  }

  /** `c ? a : b`: its value, and each branch's, evaluated knowing what the condition says there. */
  private ternary(n: JsNode, f: Frame): { val: Val; parts: [Val, Val] } {
    const c = field(n, 'condition');
    if (c) this.expr(c, f);
    const a = field(n, 'consequence');
    const b = field(n, 'alternative');
    const af = this.fork(f);
    if (c) this.applyGuards(this.guards(c, true, f), af);
    const bf = this.fork(f);
    if (c) this.applyGuards(this.guards(c, false, f), bf);
    const parts: [Val, Val] = [a ? this.expr(a, af) : CONST, b ? this.expr(b, bf) : CONST];
    const both = join(...parts);
    // `const client = u.protocol === 'https:' ? https : http`: one of two imported modules; `client.request(u)`
    // is either one's request (the rules name them alike).
    const imported = (x: JsNode | undefined) => (x?.type === 'identifier' && this.imports.alias.has(this.src(x)) ? this.imports.qualify(this.src(x)) : undefined);
    const qa = imported(a);
    return { val: qa && imported(b) && isConst(both) ? { ...both, ctor: qa } : both, parts };
  }

  /**
   * An argument's source text as written; for a `const` of the file holding an object literal (`search(base, opts)`
   * with `const opts = { filter: … }`), the literal's text.
   */
  private writtenText(n: JsNode): string {
    const obj = n.type === 'identifier' ? this.constObject(this.src(n))?.values().next().value?.parent?.parent : undefined;
    return this.src(obj ?? n);
  }

  private constObjects?: Map<string, Map<string, JsNode> | null>;
  /** Properties of the object literal a `const` of this file holds, when exactly one `const` has that name. */
  private constObject(name: string): Map<string, JsNode> | undefined {
    if (!this.constObjects) {
      const found = new Map<string, Map<string, JsNode> | null>();
      const visit = (n: JsNode): void => {
        if (n.type === 'variable_declarator' && n.parent?.type === 'lexical_declaration' && this.text.startsWith('const', n.parent.start)) {
          const id = field(n, 'name');
          let value = field(n, 'value');
          if (value && (value.type === 'as_expression' || value.type === 'satisfies_expression')) value = named(value)[0];
          if (id?.type === 'identifier' && value?.type === 'object') {
            const key = this.src(id);
            const props = new Map<string, JsNode>();
            for (const p of named(value)) {
              const k = p.type === 'pair' ? field(p, 'key') : undefined;
              const v = p.type === 'pair' ? field(p, 'value') : undefined;
              const kl = k ? (k.type === 'property_identifier' ? this.src(k) : k.type === 'string' ? stringValue(k, this.text) : undefined) : undefined;
              if (kl !== undefined && v) props.set(kl, v);
            }
            found.set(key, found.has(key) ? null : props);
          }
        }
        for (const c of named(n)) visit(c);
      };
      if (this.root && /\bconst\s+[\w$]+\s*(?::[^=]*)?=\s*\{/.test(this.text)) visit(this.root);
      // (not an object changed after it is written: `opts.httpOnly = false`, `Object.assign(opts, …)`, `delete opts.secure`)
      for (const [key, props] of found) {
        if (!props) continue;
        const id = key.replace(/\$/g, '\\$');
        const changed = new RegExp(`(?<![\\w$.])${id}\\s*(?:\\.\\s*[\\w$]+|\\[[^\\]]*\\])\\s*(?:[-+*/|&?]{0,3}=)(?!=)|Object\\.assign\\(\\s*${id}\\b|\\bdelete\\s+${id}\\b`); // mso:allow an identifier of the file, `$` escaped: no regex syntax
        if (changed.test(this.text)) found.set(key, null);
      }
      this.constObjects = found;
    }
    return this.constObjects.get(name) ?? undefined;
  }

  private call(n: JsNode, f: Frame): Val {
    const isNew = n.type === 'new_expression';
    const fn = isNew ? field(n, 'constructor') : field(n, 'function');
    if (!fn) return CONST;
    if (fn.type === 'import') return unknown('import()');
    const names = this.namesOf(fn, f);
    let recv: Val | undefined;
    let recvNode: JsNode | undefined;
    let method = '';
    if (fn.type === 'member_expression') {
      recvNode = field(fn, 'object');
      method = this.src(field(fn, 'property') ?? fn);
      const s = this.set.sources.prefixOf(names);
      recv = s ? this.sourceVal(s) : recvNode ? this.expr(recvNode, f) : CONST;
      // `container.resolve(Svc).run(x)`, `invoices().run(x)` with a factory returning one: a method of what the call made
      if (recv?.ctor && recvNode && recvNode.type !== 'identifier' && recvNode.type !== 'member_expression' && !names.includes(`${recv.ctor}.${method}`)) names.push(`${recv.ctor}.${method}`);
    } else if (fn.type !== 'identifier') recv = this.expr(fn, f);
    const last = method || (names[0] ? names[0].slice(names[0].lastIndexOf('.') + 1) : '');
    const argsNode = field(n, 'arguments');
    // Callback parameters: `.then(v => …)` gets the promise's value, a message listener gets message data.
    const firstArg = argsNode && argsNode.type === 'arguments' ? named(argsNode)[0] : undefined;
    const messageListener = last === 'addEventListener' && firstArg?.type === 'string' && stringValue(firstArg, this.text) === 'message';
    // `new Promise((resolve) => { … req.on('end', () => resolve(JSON.parse(body))) })`: what resolve is given.
    const promise = isNew && last === 'Promise' ? { value: CONST as TaintValue } : undefined;
    const promiseDepth = this.promiseDepth;
    // `'messageCreate'`, or discord.js's `Events.MessageCreate`: the event a listener is registered for.
    const eventName = (): string | undefined => {
      if (firstArg?.type === 'string') return stringValue(firstArg, this.text);
      const prop = firstArg?.type === 'member_expression' && /^[A-Z]/.test(this.src(field(firstArg, 'object') ?? firstArg)) ? field(firstArg, 'property') : undefined;
      return prop ? this.src(prop) : undefined;
    };
    const callbackParams = (i: number): Val[] | undefined => {
      if (promise && i === 0) return [{ resolves: promise }];
      if ((last === 'then' || last === 'finally') && i === 0 && recv) return [recv];
      // `text.replace(re, (m, g1) => …)`: the callback is given pieces of the text.
      if (i === 1 && (last === 'replace' || last === 'replaceAll') && recv && !isConst(recv)) return new Array<Val>(8).fill(carried(recv));
      // A memo runs its callback at once (no parameters): its value is known at the call.
      if (i === 0 && MEMO_HOOKS.has(last)) return [];
      // `Object.keys(body).forEach(k => …)`, `items.map(x => …)`: the callback sees the items.
      // (`[run, stop].forEach((f) => f(d))`: the items are functions of the file)
      // (the index that follows an item is a number: `ids.map((_, i) => \`?${i + 2}\`)` builds placeholders)
      if (i === 0 && recv && (!isConst(recv) || recv.refs) && ITERATORS.has(last)) return last === 'reduce' ? [CONST, carried(recv), CONST, recv] : [carried(recv), CONST, recv];
      if (messageListener && i === 1) return [tainted('message event data')];
      // (not a thread's or process's own channel: `parentPort.on('message')` in a worker hears the program's main thread)
      // (every parameter: ws passes `(data, isBinary)`, MQTT.js `(topic, payload, packet)`, all the sender's)
      if (last === 'on' && i === 1 && firstArg?.type === 'string' && stringValue(firstArg, this.text) === 'message' && !(recvNode && OWN_CHANNEL.test(this.src(recvNode))) && !(recv?.ctor && /(^|\.)Worker\(\)$/.test(recv.ctor))) return new Array<Val>(3).fill(tainted('message event data'));
      // Registrations the rules name (`callback-sources`): Electron IPC and navigation, ….
      const know = this.set.knowledge;
      for (const cs of know.callbackSources.lookup(names)) {
        if (cs.callback !== i) continue;
        if (cs.event && !cs.event.test(eventName() ?? '')) continue;
        const out: Val[] = [];
        let given: Val = cs.as ? { ctor: cs.as } : onlyFor(tainted(cs.src), cs.categories);
        if (cs.strings) given = clear(given, NO_OPERATORS);
        if (cs.safeProperties) given = { ...given, safePaths: cs.safeProperties };
        // tRPC `.input(z.object({ column: z.enum([...]) })).query(({ input }) => …)`: the fields the schema admits
        // only as a number, a date, a member of a list… are constants.
        const schema = recvNode?.type === 'call_expression' && /\.input$/.test(this.src(field(recvNode, 'function') ?? recvNode)) ? named(field(recvNode, 'arguments') ?? recvNode)[0] : undefined;
        const safe = schema ? this.zodSafeFields(schema) : undefined;
        // (its `ctx` is the server's context: the database handle, the session)
        if (schema) given = { ...given, safePaths: ['ctx', ...(safe ?? []).map((x) => `input.${x}`)] };
        else {
          // A tool's declared parameters (`tool({ parameters: z.object(…), execute })`, `server.tool(name, { path:
          // z.string() }, cb)`, LangChain's `tool(fn, { schema })`): the fields it admits only as numbers, enums… .
          const toolSafe = this.toolSchemaSafeFields(argsNode, i);
          if (toolSafe?.length) given = { ...given, safePaths: toolSafe };
        }
        for (const p of cs.params) out[p] = given;
        for (let k = 0; k < out.length; k++) out[k] ??= CONST;
        return promiseDepth > 0 ? out : registered(out);
      }
      // socket.on('chat', (msg) => …): what a connected peer sends (socket.io, ws).
      if (i === 1 && (last === 'on' || last === 'once') && recvNode && know.messageReceivers?.test(this.src(recvNode)) && firstArg?.type === 'string') {
        const event = stringValue(firstArg, this.text) ?? '';
        if (!know.lifecycleEvents.has(event)) {
          const params = [tainted(`'${event}' message`), tainted(`'${event}' message`)];
          // (inside a Promise executor it runs where it is registered: see below)
          return promiseDepth > 0 ? params : registered(params);
        }
      }
      // Inside a Promise executor, a listener (`req.on('end', () => resolve(…))`) runs where it is registered, so
      // what it resolves with is known when the promise's value is.
      if (i === 1 && promiseDepth > 0 && (last === 'on' || last === 'once' || last === 'addListener' || last === 'addEventListener')) return [];
      return undefined;
    };
    if (promise) this.promiseDepth++;
    let args: CallArgs;
    try {
      args = this.args(argsNode, f, callbackParams, MUTATORS.has(last) && fn.type === 'member_expression');
    } finally {
      if (promise) this.promiseDepth--;
    }
    if (recvNode && recv) args = { ...args, receiver: { node: recvNode, val: recv } };
    const resolver = fn.type === 'identifier' ? this.lookup(this.src(fn), f)?.resolves : undefined;
    if (resolver && args.positional[0]) resolver.value = join(resolver.value, args.positional[0].val);
    this.namedCallbacks(n, fn, argsNode, f, callbackParams);
    const allArgs = join(...args.positional.map((p) => p.val), ...args.extra);

    let result: Val;
    const source = this.set.sources.prefixOf(names);
    const sanitizer = this.set.sanitizerIndex.lookup(names).find((z) => !z.unless.some((c) => this.condHolds(c, args)));
    if (source) result = this.sourceVal(source, source.startsWith('*.') ? names : undefined);
    else if (sanitizer) {
      const kept = sanitizer.keeps ? join(...sanitizer.keeps.map((i) => args.positional[i]?.val)) : allArgs;
      result = clear(sanitizer.receiver ? (recv ?? CONST) : kept, sanitizer.clears);
      // (`JSON.stringify(x)`: JSON text, data as a whole response body; anything built from it is text again)
      if (sanitizer.json && !isConst(result)) result = { ...result, json: true };
    }
    else {
      // `PROVIDERS.get(host)` on a constant table or a Map: the entry is the table's, whatever the key.
      const tableRead = (last === 'get' || last === 'getAll') && recvNode?.type === 'identifier' && !recv?.untrusted && (/^[A-Z][A-Z0-9_]*$/.test(this.src(recvNode)) || recv?.ctor === 'Map()');
      // (`text.replace(re, …)`: the pattern picks what is replaced; none of its text reaches the result)
      const textArgs = (method === 'replace' || method === 'replaceAll') ? join(...args.positional.slice(1).map((p) => p.val), ...args.extra) : allArgs;
      const inputs = tableRead ? CONST : join(recv, textArgs);
      if (isConst(inputs)) {
        // (`new Date()` and what its methods give, `d.toISOString().slice(0, 10)`: a time stamp, not data anyone sends)
        const pure = PURE.has(last) || FORMAT_METHODS.has(last) || STR_METHODS.has(last) || (recvNode?.type === 'string') || (isNew && last === 'Date') || recv?.ctor === 'Date()';
        result = pure ? CONST : unknown(`${names[0] ?? 'call'}()`);
      } else if (PURE.has(last) && !(last === 'keys' && names.includes('Object.keys'))) result = CONST;
      // `Object.keys(req.body)`: the names the client chose (text: a column, a property), never an operator object;
      // as property names, what the merge checks (`mergeSourceParam`, nested writes) judge, not a key on its own
      else if (last === 'keys') result = clear({ ...inputs, built: false }, KEY_NAMES);
      else {
        // Text stays "built" through string methods only; any other call makes something else of it.
        if (TRANSPARENT.has(last)) result = { ...inputs, built: false };
        else if (STR_METHODS.has(last)) result = recv?.opaque && !recv.built ? { ...inputs, opaque: true } : inputs;
        // `receiptPage(order, req.query.note)` imported from the project: a function named for the markup it
        // builds returns text made from its arguments (its body is in another file), not an opaque object.
        else if (this.projectHtmlBuilder(fn)) result = { ...inputs, built: true };
        else result = { ...inputs, built: false, opaque: true };
        if (FORMAT_METHODS.has(last) && !isConst(allArgs)) result = { ...result, built: true };
        // `q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')`, `.replace(/</g, '&lt;')…` written inline: the escaping helpers' test
        if ((last === 'replace' || last === 'replaceAll') && !isConst(result)) {
          const cats = escapedCategories(this.src(n));
          if (cats.size) result = clear(result, cats);
          // (a URL checked for its host or scheme, then rewritten to another scheme or authority - `url.replace(/^https:/,
          // 'file:')` - is no longer the URL that was checked; a rewrite to a plain path, `.replace(/^[/\\]+/, '/')`, is)
          else if (/:|\/\//.test((args.positional[1] && this.constText(args.positional[1].node)) ?? ':')) result = withoutMarks(result, URL_CHECK_MARKS);
        }
      }
      if (MUTATORS.has(last) && recvNode) {
        const k = this.key(recvNode);
        // `handlers.set('ls', run)`: the table holds run too
        if (k && (!isConst(allArgs) || allArgs.refs)) {
          // (what it was made by stays: `$list.append(row)` leaves `$list` a jQuery object)
          const held = this.lookup(k, f);
          const grown = join(held, allArgs);
          this.setShared(k, held?.ctor ? { ...grown, ctor: held.ctor } : grown, f);
        }
      }
      if (last === 'assign' && names.some((x) => x === 'Object.assign') && args.positional[0]) {
        const k = this.key(args.positional[0].node);
        if (k && !isConst(allArgs)) f.env.set(k, join(this.lookup(k, f), allArgs));
      }
    }
    // `new URL(path, base)`: what the URL points at is decided by its first argument (the base is this app's own URL).
    if (isNew && last === 'URL' && args.positional[0]) {
      result = carried(args.positional[0].val);
      // (`new URL(`/v1/agent/${id}`, GATEWAY_URL)`: a path, so a URL on the base's host whatever the rest holds)
      const head = args.positional[0].val.prefix;
      if (args.positional[1] && head !== undefined && /^\/(?![/\\])/.test(head) && !isConst(result)) result = clear(result, HOST_CATEGORIES);
    }
    // The shared temporary folder, wherever it is: a fixed name under it is as guessable as under /tmp.
    if (names.some((x) => TEMP_DIR_CALLS.has(x))) result = { prefix: '/tmp' };
    // `const path = require('path')`: a module, as an import is (its functions given constants give constants).
    if (fn.type === 'identifier' && last === 'require' && args.positional[0]?.node.type === 'string') result = CONST;
    // `fs.mkdtempSync(path.join(os.tmpdir(), 'dump-'))`: a private folder named from the prefix and six random
    // characters: no shell syntax, and not a guessable name in the shared folder (no prefix kept).
    if (names.some((x) => MKDTEMP_CALLS.has(x)) && args.positional[0] && isConst(args.positional[0].val)) result = CONST;
    // `path.join(os.tmpdir(), 'x.zip')` starts with "/tmp/x.zip": the constant start of the joined parts.
    if (names.some((x) => PATH_JOINS.has(x)) && args.positional[0]?.val.prefix !== undefined && isConst(args.positional[0].val)) {
      let prefix = args.positional[0].val.prefix.replace(/\/+$/, '');
      for (const a of args.positional.slice(1)) {
        if (a.val.prefix === undefined) break;
        prefix += `/${a.val.prefix.replace(/^\/+/, '')}`;
        if (!isConst(a.val)) break;
      }
      result = { ...result, prefix };
    }
    // `{ name: new RegExp(term, 'i') }` in a query filter: a RegExp is matched as a pattern, it carries no `$` operator.
    if (last === 'RegExp' && !isConst(result)) result = clear(result, NO_OPERATORS);
    // `req.query.email.toLowerCase()`: a string method gives a string (on an object it throws), never an operator object.
    if (fn.type === 'member_expression' && STRING_RESULT.has(last) && !isConst(result)) result = clear(result, NO_OPERATORS);
    if (promise && !isConst(promise.value)) result = carried(promise.value);
    // `.then(cb)`: the promise's value is what the callback returns.
    if ((last === 'then' || last === 'catch') && args.callbackReturns[0]) result = args.callbackReturns[0];
    // `rows.map((r) => \`<li>${escapeHtml(r.name)}</li>\`)`: the new array holds what the callback returns, not the rows.
    if ((last === 'map' || last === 'flatMap') && recv && args.callbackReturns[0]) result = args.callbackReturns[0];
    // `words.map(escapeRegExp)`, `names.map(escapeHtml)`: each item goes through a function named there.
    const mapper = (last === 'map' || last === 'flatMap') && recv && !isConst(result) ? args.positional[0]?.node : undefined;
    if (mapper && (mapper.type === 'identifier' || mapper.type === 'member_expression')) {
      const fnName = this.src(mapper).slice(this.src(mapper).lastIndexOf('.') + 1);
      const cats = new Set([...(this.escapers.get(fnName) ?? []), ...(this.returnClean.get(fnName) ?? [])]);
      for (const z of this.set.sanitizerIndex.lookup(this.namesOf(mapper, f))) for (const c of z.clears) cats.add(c);
      if (cats.size) result = clear(result, cats);
    }
    // `useMemo(() => DOMPurify.sanitize(x), [x])`: a memo's value is what its callback returns, not its dependency list.
    if (MEMO_HOOKS.has(last) && args.callbackReturns[0]) result = args.callbackReturns[0];
    // Remember which call made the value: `const client = new Pool(); client.query(q)` matches `pg.Pool().query`.
    const made = names[names.length - 1];
    if (made && !made.startsWith('?')) {
      const dot = made.indexOf('.');
      let head = dot === -1 ? made : made.slice(0, dot);
      if (head.endsWith('()')) head = head.slice(0, -2);
      // (`const route = useRoute()` with useRoute imported from vue-router: the local name is the import)
      const local = (names[0] ?? '').split('.')[0]!;
      if (this.imports.alias.has(head) || this.imports.alias.has(local) || this.classes.has(head) || made.includes('()') || isNew) result = { ...result, ctor: `${made}()` };
      // `Handlebars.compile('<p>{{{name}}}</p>')`: a template that prints raw HTML; calling it is the sink (`X(raw)` in the rules).
      // (a template written as literals joined with `+` is read from its constant text)
      const tpl = args.positional[0] ? literalOf(args.positional[0].node, this.text) : undefined;
      const tplText = tpl?.ok && typeof tpl.value === 'string' ? tpl.value : isConst(args.positional[0]?.val ?? CONST) ? args.positional[0]?.val.prefix : undefined;
      if (tplText !== undefined && RAW_TEMPLATE.test(tplText)) result = { ...result, ctor: `${made}(raw)` };
      // jQuery: `$('#results').empty()`, `.find('ul')`: a jQuery object again, whose `.append(html)` is `$().append`.
      const chained = jqueryChain(`${made}()`);
      if (chained !== `${made}()`) result = { ...result, ctor: chained };
      // (`$('#results')` with the page's jQuery, not imported: a jQuery object too)
      else if ((made === '$' || made === 'jQuery') && fn.type === 'identifier' && !this.helpers.has(made)) result = { ...result, ctor: `${made}()` };
      // Calling such a template: the markup it gives back holds its data as it came (not an opaque result).
      if (made.endsWith('(raw)') && !isConst(allArgs)) result = { ...join(allArgs), built: true };
    }
    // `promisify(exec)` is exec.
    if (last === 'promisify' && args.positional[0]) {
      const inner = this.namesOf(args.positional[0].node, f);
      const q = inner[inner.length - 1];
      if (q && q !== '?') result = { ...result, ctor: q };
    }
    // A dependency-injection container asked for a class: an instance of it (its methods are the class's).
    const injected = DI_LOOKUPS.has(last) || (fn.type === 'identifier' && this.registrations().size) ? this.injectedClass(n, fn, args) : undefined;
    if (injected) result = { ...result, ctor: `${injected}()` };
    if (this.set.knowledge.validatorMethods.has(last) && !isConst(result)) result = CONST;
    // `this.service.find(q)` with `service: SearchService` of this file: its own method, analysed as a helper, not a library sink.
    const known = this.knownFacts.size ? this.knownFact(names) : undefined;
    // (a method of the class itself is no library's sink, except a wrapper a rule names: `this.searchOne(client, base,
    // { filter })` in an LDAP service)
    result = this.checkSinks(n, fn, names, recv, args, result, f, known?.guards, this.callsOwnClass(fn, recv));
    this.noteModuleCall(n, names, args);
    result = this.refsOfCall(n, fn, method, recv, args, f, result);
    const wrapped = this.reportedAtWrapper?.get(n);
    const direct = this.noteLocalCall(n, fn, wrapped ? withoutCategories(args, wrapped) : args, f);
    const through = this.callThroughRefs(n, fn, method, recv, args, f);
    const returned = through ? join(direct, through) : direct;
    // A helper named like a sanitiser, or shaped like one (escapes `<` as `&lt;`), returns safe text.
    // (A helper returning a command's output or a response object returns no text, like the call would.)
    if (returned && !sanitizer) result = result.opaque && returned.opaque ? { ...join(result, returned), opaque: true } : join(result, returned);
    // (`loadMessage(req.params.id)` returning the rows of a query keyed by it: the row, not the key - whose id or path
    // is the table's; what it stored may still be what an earlier request put there, for the rules that print or
    // fetch stored content, the only way such content is caught at all: rows are not sources)
    if (fn.type === 'identifier' && this.returnsRows.has(this.src(fn)) && !this.imports.alias.has(this.src(fn)) && !isConst(result)) result = onlyFor(result, STORED_CONTENT);
    // (a factory of the file: `invoices()` with `const invoices = () => container.resolve(InvoiceService)`)
    const madeBy = fn.type === 'identifier' ? this.returnMade.get(this.src(fn)) : undefined;
    if (madeBy && !sanitizer) result = { ...result, ctor: madeBy };
    // (`this.media.read(p)`, `service.read(p)`: a method of a class of the file, as a function of it)
    const ownFn = fn.type === 'identifier' ? this.src(fn) : fn.type === 'member_expression' && this.callsOwnClass(fn, recv) ? this.src(field(fn, 'property') ?? fn) : undefined;
    // (a helper every return of which is constant whatever it is given - `return jwt.verify(token, key)` - hands back
    // none of its arguments)
    const checked = ownFn ? (this.returnsMadeClean.has(ownFn) ? ALL_CATEGORIES : this.returnClean.get(ownFn)) : undefined;
    if (checked && !isConst(result)) result = clear(result, checked);
    // (a function of another module known to check or escape what it returns)
    if (known && !isConst(result)) result = clear(result, known.clean);
    // (`const dr = dateRange(col, from, to)` of another module: `dr.text` holds none of what it was given)
    // (what the parts owe to the other arguments is still theirs: a constant column name leaves `text` a constant)
    const safeParts = !isConst(result) ? known?.safeParts : undefined;
    if (safeParts && isConst(join(...args.positional.filter((_, i) => !safeParts.args.includes(i)).map((a) => a.val), ...args.extra))) {
      result = { ...result, safePaths: [...(result.safePaths ?? []), ...safeParts.parts] };
    }
    // (a function of another module whose result owes nothing to some arguments: what the others carry)
    const drops = result.untrusted ? known?.drops : undefined;
    if (drops) {
      const kept = join(recv, ...args.positional.filter((_, i) => !drops.has(i)).map((a) => a.val), ...args.extra);
      // (still clean of what the function was known to clean: `highlight(escaped, term)`)
      if (!kept.untrusted) result = { ...result, untrusted: undefined, nonConstant: result.nonConstant ?? { src: `${this.callee(fn)}()`, clean: result.untrusted!.clean } };
    }
    const escapes = this.escapers.get(last);
    if (escapes && fn.type !== 'member_expression') result = clear(result, escapes);
    // `JSON.parse(text)`: text that was only ever a string can be an object now (`{"$ne": null}`).
    if (!isConst(result) && names.some((x) => PARSE_CALLS.has(x))) result = asQueryCode(result);
    // `safeRedirect(raw, hosts)`, `sanitizeNextPath(x)`: a function named for making its argument safe
    if (!isConst(result) && this.set.knowledge.sanitizerNames?.test(last)) result = CONST;
    else if (!isConst(result)) for (const z of this.set.knowledge.namedSanitizers) if (z.names.test(last)) result = clear(result, z.clears);
    // `name.replace(/[^a-z0-9_-]/gi, '')` (or `'_'`): only the characters of an allow-list are left (still a name the caller
    // picks, in SQL).
    if ((last === 'replace' || last === 'replaceAll') && args.positional.length === 2 && STRIP_TO_ALLOWED.test(this.src(args.positional[0]!.node)) && /^(['"`])[\w-]*\1$/.test(this.src(args.positional[1]!.node))) result = clear(result, ALL_BUT_SQL);
    // `Schema.parse(body)`, `Schema.safeParse(body).data`: the fields a zod object schema admits only as numbers,
    // dates, members of a list… are constants.
    if (recvNode && !isConst(result) && (last === 'parse' || last === 'parseAsync' || last === 'safeParse' || last === 'safeParseAsync')) {
      const safe = this.zodSafeFields(recvNode);
      if (safe?.length) result = { ...result, safePaths: last.startsWith('safe') ? safe.map((x) => `data.${x}`) : safe };
      // (an object schema of scalars only - strings, numbers, enums - keeps no other key: no operator object anywhere)
      if (this.zodScalarObject(recvNode)) result = clear(result, NO_OPERATORS);
    }
    this.checkBacktrackingRegex(n, fn, last, recvNode, recv, args);
    this.checkCallPatterns(n, names, args, f);
    this.checkCredentialCall(n, names, args);
    return result;
  }

  /**
   * `ipcMain.handle('open', onOpen)`, `window.addEventListener('message', this.onMessage)`: a function of this
   * file handed over by name gets the untrusted parameters an inline callback would.
   */
  private namedCallbacks(n: JsNode, fn: JsNode, argsNode: JsNode | undefined, f: Frame, callbackParams: (i: number) => Val[] | undefined): void {
    if (!argsNode || argsNode.type !== 'arguments') return;
    named(argsNode).forEach((a, i) => {
      let name: string | undefined;
      if (a.type === 'identifier') name = this.src(a);
      else if (a.type === 'member_expression' && field(a, 'object')?.type === 'this') name = this.src(field(a, 'property') ?? a);
      else if (a.type === 'call_expression' && /\.bind$/.test(this.src(field(a, 'function') ?? a))) {
        const target = field(field(a, 'function')!, 'object');
        if (target?.type === 'identifier') name = this.src(target);
        else if (target?.type === 'member_expression' && field(target, 'object')?.type === 'this') name = this.src(field(target, 'property') ?? target);
      }
      const defs = name && this.helpers.defs(name);
      if (!defs) return;
      const given = callbackParams(i);
      if (!given?.some((v) => !isConst(v))) return;
      for (const def of defs) this.helpers.noteCall(name!, f.fnDef, def.params.map((param, k) => ({ param: paramKey(param, k), val: given[k] ?? CONST })), callSite(n, fn));
    });
  }

  // ---------------------------------------------------------------- functions as values

  /** One FnRef per function (values compare them by identity). */
  private ref(name: string): FnRef {
    let r = this.refCache.get(name);
    if (!r) this.refCache.set(name, (r = { name }));
    return r;
  }

  /**
   * `obj.name` as a function of the file: a method of an own class read off `this`, the class, its prototype
   * or an instance (`h = new Helper()`); an entry of a table of handlers (`HANDLERS.a`, `{ a: run }`).
   */
  private memberRefs(obj: JsNode, name: string, ov: Val): readonly FnRef[] | undefined {
    if (this.helpers.has(name)) {
      let o = obj;
      if (o.type === 'member_expression' && this.src(field(o, 'property') ?? o) === 'prototype') o = field(o, 'object') ?? o;
      const made = ov.ctor?.match(/^([A-Za-z_$][\w$]*)\(\)$/)?.[1];
      if (o.type === 'this' || this.classes.has(this.src(o)) || (made && this.classMethods.get(made)?.has(name))) return [this.ref(name)];
    }
    return ov.refs && !TABLE_METHODS.has(name) ? ov.refs : undefined;
  }

  /** `this[action]`, `this['do' + k]`: every method of the object's class (of the file) the name can be. */
  private methodsNamed(obj: JsNode, ov: Val, prefix: string): FnRef[] | undefined {
    let cls = ov.ctor?.match(/^([A-Za-z_$][\w$]*)\(\)$/)?.[1];
    if (obj.type === 'this') for (let p = obj.parent; p && !cls; p = p.parent) if (p.type === 'class_declaration' || p.type === 'class') cls = field(p, 'name') ? this.src(field(p, 'name')!) : undefined;
    const methods = cls ? this.classMethods.get(cls) : undefined;
    if (!methods) return undefined;
    const out = [...methods].filter((m) => m.startsWith(prefix) && m !== 'constructor' && this.helpers.has(m)).slice(0, 32).map((m) => this.ref(m));
    return out.length ? out : undefined;
  }

  /**
   * What functions of the file a call's value may be, and which it may call: `run.bind(null, x)` is run with x
   * bound, a read out of a table of handlers (`handlers.get(k)`, `Object.values(h)`) one of them; any other
   * call's result is no function of the file. A function handed to a call together with untrusted data
   * (`setTimeout(run, 0, x)`, `items.forEach(run)`) may be called with that data: noted so at this call.
   */
  private refsOfCall(n: JsNode, fn: JsNode, method: string, recv: Val | undefined, args: CallArgs, f: Frame, result: Val): Val {
    let refs: readonly FnRef[] | undefined;
    if (method === 'bind' && recv?.refs) {
      const bound = args.positional.slice(1).map((a) => a.val);
      refs = recv.refs.map((r) => ({ ...r, bound: [...(r.bound ?? []), ...bound] }));
    } else if (method && recv?.refs && TABLE_READS.has(method)) refs = recv.refs;
    else if (method && /^(Object|Array)$/.test(this.src(field(fn, 'object') ?? fn)) && TABLE_READS.has(method)) refs = args.positional[0]?.val.refs;
    else if (REF_CONTAINERS.has(method || this.src(fn))) refs = join(...args.positional.map((a) => a.val)).refs;
    else {
      const handed = args.positional.filter((a) => a.val.refs && !FUNCTION_TYPES.has(a.node.type));
      if (handed.length && !((method === 'call' || method === 'apply') && recv?.refs)) {
        const data = join(...args.positional.filter((a) => !a.val.refs).map((a) => carried(a.val)), ...args.extra.map(carried), recv?.untrusted ? carried(recv) : undefined);
        if (data.untrusted) for (const a of handed) for (const r of a.val.refs!) this.noteCallTo(r, n, fn, new Array<Val>(8).fill(data), f);
      }
    }
    // `pick(k)(d)`: what a function of the file returns (`this.pick(k)` too)
    if (!refs) {
      const name = fn.type === 'identifier' ? this.src(fn) : fn.type === 'member_expression' && field(fn, 'object')?.type === 'this' ? method : undefined;
      if (name) refs = this.returnedRefs.get(name);
    }
    if (refs?.length) return { ...result, refs };
    if (!result.refs) return result;
    const { refs: _, ...rest } = result;
    return Object.keys(rest).length ? rest : CONST;
  }

  /** A call of a value that is a function of the file: `r(x)` with `r = run`, `handlers[k](x)`, `run.call(null, x)`, `f.apply(null, args)`. */
  private callThroughRefs(n: JsNode, fn: JsNode, method: string, recv: Val | undefined, args: CallArgs, f: Frame): Val | undefined {
    let callee: Val | undefined;
    let given = args.positional.map((a) => a.val);
    if ((method === 'call' || method === 'apply') && recv?.refs) {
      callee = recv;
      given = method === 'call' ? given.slice(1) : new Array<Val>(8).fill(join(...given.slice(1).map(carried), ...args.extra.map(carried)));
    } else if (fn.type === 'identifier') {
      callee = this.lookup(this.src(fn), f);
      // a name of the file's function is called directly (noteLocalCall)
      if (callee?.refs?.length === 1 && callee.refs[0]!.name === this.src(fn)) return undefined;
    } else if (fn.type === 'member_expression') {
      const k = this.key(fn);
      const prop = this.src(field(fn, 'property') ?? fn);
      callee = (k ? this.lookup(k, f) : undefined) ?? (recv?.refs && !this.helpers.has(prop) && !TABLE_METHODS.has(prop) ? recv : undefined);
    } else callee = recv;
    if (!callee?.refs) return undefined;
    if (args.extra.length && method !== 'apply') given = [...given, ...new Array<Val>(8).fill(join(...args.extra.map(carried)))];
    let returned: Val | undefined;
    for (const r of callee.refs) {
      const got = this.noteCallTo(r, n, fn, given, f);
      if (got) returned = join(returned, got);
    }
    return returned;
  }

  /** A call of the file's function `r` with these argument values (its bound ones first). */
  private noteCallTo(r: FnRef, n: JsNode, fn: JsNode, given: Val[], f: Frame): Val | undefined {
    const defs = this.helpers.defs(r.name);
    if (!defs) return undefined;
    const vals = [...(r.bound ?? []), ...given];
    let returned: Val | undefined;
    for (const def of defs) returned = this.helpers.noteCall(r.name, f.fnDef, def.params.map((param, i) => ({ param: paramKey(param, i), val: vals[i] ?? CONST })), callSite(n, fn));
    return returned;
  }

  /** A call to a function of this file (`helper(x)`, `this.helper(x)`): untrusted arguments and returns follow. */
  private noteLocalCall(n: JsNode, fn: JsNode, args: CallArgs, f: Frame): Val | undefined {
    let name: string | undefined;
    if (fn.type === 'identifier') name = this.src(fn);
    else if (fn.type === 'member_expression') {
      const obj = field(fn, 'object');
      const prop = field(fn, 'property');
      if (obj && prop && (obj.type === 'this' || this.classes.has(this.src(obj)) || this.helpers.has(this.src(prop)))) name = this.src(prop);
    }
    const defs = name ? this.helpers.defs(name) : undefined;
    if (!name || !defs) return undefined;
    this.checkMergeHelper(n, fn, name, args, f);
    if (fn.type === 'identifier') {
      // (call sites, not analyses: a function analysed again with its callers' data runs its calls again)
      const seen = this.constantOnlyParams.get(name) ?? { calls: new Set<number>(), constant: new Map<string, boolean>() };
      seen.calls.add(n.start);
      defs[0]?.params.forEach((p, i) => {
        const a = args.positional[i];
        if (p) seen.constant.set(p, (seen.constant.get(p) ?? true) && (!a || isConst(a.val)));
      });
      this.constantOnlyParams.set(name, seen);
    }
    let returned: Val | undefined;
    for (const def of defs) {
      const passed = args.positional.map((a, i) => ({ param: i < def.params.length ? paramKey(def.params[i]!, i) : undefined, val: a.val }));
      returned = this.helpers.noteCall(name, f.fnDef, passed, callSite(n, fn));
    }
    return returned;
  }

  /** The recursive merge helper the code runs in (through its callbacks), if any. */
  private inMergeHelper(f: Frame): string | undefined {
    for (let x: Frame | undefined = f; x; x = x.outer) if (x.fnName) return this.mergeHelpers.has(x.fnName) ? x.fnName : undefined;
    return undefined;
  }

  /**
   * `deepMerge(settings, req.body)` with a recursive merge of this file: one finding per flow, where the
   * polluting property lands (the helper's own write, reported once whoever calls it); only a helper
   * without such a write (it copies through `Object.assign`, say) is reported at the call, like lodash.merge.
   */
  private checkMergeHelper(n: JsNode, fn: JsNode, name: string, args: CallArgs, f: Frame): void {
    const shape = this.mergeHelpers.get(name);
    // the helper's own recursion (`deepMerge(target[k], source[k])`) is not a second finding
    if (shape === undefined || this.inMergeHelper(f) === name) return;
    this.mergeHelpersCalled.add(name);
    const a = args.positional[shape.param];
    if (!a) return;
    for (const { rule, sink } of this.assignSinks) {
      if (!sink.computedMember || !this.active.has(rule)) continue;
      const why = fires(a.val, rule, sink);
      if (!why) continue;
      if (!shape.writes.length) {
        this.hit(rule, callSite(n, fn), `${why.text} is deep-merged by ${name}(), which copies any key (__proto__)`, `${name}(…)`, why.weak);
        continue;
      }
      for (const w of shape.writes) {
        const earlier = this.mergeWritesReported.get(w);
        if (earlier) {
          // reported once; this call is one more way in
          (earlier.via ??= []).push(callSite(n, fn), ...this.helpers.callsInto(this.helpers.rerunningNow()));
          continue;
        }
        this.mergeWritesReported.set(w, this.hit(rule, w, `${name}() copies keys of ${why.text} without rejecting __proto__ / constructor`, `${this.src(field(w, 'left') ?? w).replace(/\s+/g, '').slice(0, 40)} = …`, why.weak, undefined, undefined, [callSite(n, fn)]));
      }
    }
  }

  /**
   * An option the call sets to `false` that one of the conditions is about (`httpOnly: false` on its own line of a
   * `res.cookie(…, {…})`): where the finding goes, as a reader looks for the setting rather than the call.
   */
  private switchedOff(conds: readonly CompiledArgCondition[], args: CallArgs, call: JsNode): JsNode | undefined {
    // (a pattern that is one switch turned on, `isDev: true`, is reported where it is turned on too; a switch that is
    // one condition among others, `credentials: true` beside a reflected origin, is not the finding's place)
    const onlySwitch = conds.filter((x) => x.keyword !== undefined).length === 1;
    for (const c of conds) {
      if (c.keyword === undefined || c.absent) continue;
      const a = args.keywords.get(c.keyword);
      if (!a || (a.node.type !== 'false' && !(a.node.type === 'true' && c.equals === true && !c.negate && onlySwitch))) continue;
      const at = a.node.parent?.type === 'pair' ? a.node.parent : a.node;
      return at;
    }
    // (one option whose written value is the flaw - GraphQL Yoga's `cors: (request) => ({ origin: …, credentials: true })`
    // - on a line of its own inside options spread over lines: reported on that line, as socket.io's nested cors is)
    const ownLine = (x: JsNode) => !this.text.slice(x.start, x.end).includes('\n') && this.text.slice(call.start, x.start).includes('\n');
    const sole = conds.filter((c) => c.keyword !== undefined && !c.absent && !c.negate);
    if (sole.length === 1 && !sole[0]!.keyword!.includes('.')) {
      const a = args.keywords.get(sole[0]!.keyword!);
      const pair = a?.node.parent?.type === 'pair' ? a.node.parent : undefined;
      if (pair && ownLine(pair)) return pair;
    }
    // (several settings that together make the flaw, written in one nested object on a line of its own - socket.io's
    // `cors: { origin: true, credentials: true }` - are reported where that object is: two of three labelled batches
    // put the label there)
    const nodes = conds.filter((c) => c.keyword?.includes('.') && !c.absent).map((c) => args.keywords.get(c.keyword!)?.node);
    if (nodes.length < 2 || nodes.some((x) => !x)) return undefined;
    const pairs = nodes.map((x) => (x!.parent?.parent?.type === 'object' ? x!.parent.parent.parent : undefined));
    const first = pairs[0];
    if (first?.type !== 'pair' || pairs.some((x) => x !== first)) return undefined;
    return ownLine(first) ? first : undefined;
  }

  private arg(args: CallArgs, index: number | undefined, keyword: string | undefined): Arg | undefined {
    if (keyword !== undefined) {
      const k = args.keywords.get(keyword);
      if (k) return k;
    }
    if (index !== undefined) return args.positional[index];
    return undefined;
  }

  private condHolds(c: CompiledArgCondition, args: CallArgs): boolean {
    const test = (a: Arg | undefined): boolean => {
      if (c.absent) return !a;
      if (!a) return false;
      let lit = literalOf(a.node, this.text);
      // `origin: (origin, cb) => cb(null, true)`: a callback option that always answers true is `true`.
      if (c.equals === true && !lit.ok && FUNCTION_TYPES.has(a.node.type) && alwaysAnswersTrue(a.node, this.text)) lit = { ok: true, value: true };
      if (c.equals !== undefined && !(lit.ok && lit.value === c.equals)) return false;
      // For text built here (template, concatenation), `matches` reads the constant text it starts with.
      const text = lit.ok ? lit.value : a.val.prefix;
      if (c.matches && !(typeof text === 'string' && c.matches.test(text))) return false;
      // `starts-with`: the constant start of a literal or of text built from one (`path.join(os.tmpdir(), 'x')`).
      if (c.startsWith && !(typeof text === 'string' && c.startsWith.test(text))) return false;
      if (c.untrusted && !a.val.untrusted) return false;
      if (c.constant && !isConst(a.val)) return false;
      if (c['less-than'] !== undefined && !(lit.ok && typeof lit.value === 'number' && lit.value < c['less-than'])) return false;
      if (c.literal && !(lit.ok && (typeof lit.value === 'number' || (typeof lit.value === 'string' && lit.value !== '')))) return false;
      if (c.reference && !c.reference.any(this.namesOf(a.node, EMPTY_FRAME))) return false;
      // The argument's source text as written (a template literal: `sid=${sid}; Path=/`).
      if (c.text && !c.text.test(this.writtenText(a.node))) return false;
      if (c.listHead) {
        const head = a.node.type === 'array' ? named(a.node)[0] : undefined;
        const hl = head ? literalOf(head, this.text) : undefined;
        if (!hl?.ok || typeof hl.value !== 'string' || !c.listHead.test(hl.value)) return false;
      }
      return true;
    };
    let ok: boolean;
    if (c.any) ok = [...args.positional, ...args.keywords.values()].some((a) => test(a));
    else if (c.receiver) ok = test(args.receiver);
    else ok = test(this.arg(args, c.index, c.keyword));
    return c.negate ? !ok : ok;
  }

  /** Calls of a wrapper of the file (`searchOne(filter)`) already reported as sinks, with the categories reported. */
  private reportedAtWrapper?: Map<JsNode, Set<string>>;

  /** `guards`: categories the cross-file pass found the called function of another module to be no sink of. */
  private checkSinks(n: JsNode, fn: JsNode, names: string[], recv: Val | undefined, args: CallArgs, result: Val, f: Frame, guards?: ReadonlySet<string>, ownMethod = false): Val {
    const digestOnly = this.readIntoDigest(n, names);
    // An outgoing request to a URL whose host is fixed or checked: the response is that server's data.
    let checkedRequest = false;
    // (the URL was the request's own: the server that answers is one the client chose, so is what it says)
    let fetchedFrom: string | undefined;
    // `async function send(to, subject, html) {…}` of this file: its own helper (analysed with what it is given), not
    // the `send` package's function that a sink names by that bare name.
    const own = ownMethod ? this.src(fn) : fn.type === 'identifier' && this.helpers.has(this.src(fn)) && !this.imports.alias.has(this.src(fn)) && this.declaresFunction(this.src(fn)) ? this.src(fn) : undefined;
    // `this.readings.aggregate(id)` with `readings: ReadingsService` of the project: its own method (which the cross-file
    // pass analyses with what it is given), not a library's `*.aggregate`.
    const ownService = names.some((x) => OWN_SERVICE_METHOD.test(x) && PROJECT_SPEC.test(x));
    // A database read (`pool.query(sql, [req.params.id])`): its rows are what the table holds, not the key it was given.
    let dbRead = false;
    for (const { rule, sink } of this.set.sinkIndex.lookup(names)) {
      if (!this.active.has(rule)) continue;
      if (own && !sink.wrappers && (ownMethod || sink.call?.patterns.includes(own))) continue;
      if (ownService && sink.call?.patterns.every((p) => p.startsWith('*.') || p === '*')) continue;
      if (digestOnly && rule.category === 'path') continue;
      if (!sink.when.every((c) => this.condHolds(c, args))) continue;
      // (`*.search` is an LDAP search only in a file that imports an LDAP client: `userRepo.search(…)` is not)
      if (sink.imports && !sink.imports.some((m) => this.imports.imports(m))) continue;
      // (`mysql.format(sql, values)`, a library's known call, is no project's own database wrapper)
      if (sink.call?.patterns.includes('*') && this.set.sanitizerIndex.lookup(names).length) continue;
      if (sink.unlessInFunction) {
        const around = enclosingFunction(n);
        // (in its code: a comment that names the call switches nothing off)
        if (around && sink.unlessInFunction.test(this.src(around)) && sink.unlessInFunction.test(codeOf(around, this.text))) continue;
      }
      // (another module's function named like this sink whose body was read and guards: `deepMerge` skipping `__proto__`)
      if (sink.call && guards?.has(rule.category)) continue;
      if (rule.category === 'sql' && this.readsWithValues(fn, sink, args)) dbRead = true;
      const candidates: Arg[] = [];
      // (a redirect's options object - `redirect(url, { headers })` - is no target)
      for (const i of sink.args) if (args.positional[i] && !(rule.category === 'redirect' && args.positional[i]!.node.type === 'object')) candidates.push(args.positional[i]!);
      for (const k of sink.keywords) if (args.keywords.has(k)) candidates.push(args.keywords.get(k)!);
      if (sink.receiver && recv) candidates.push({ node: fn, val: recv });
      if (rule.category === 'ssrf' && candidates.length && candidates.every((a) => a.val.untrusted && !fires(a.val, rule, sink))) checkedRequest = true;
      for (const a of candidates) {
        if (sink.text && !isText(a)) continue;
        const why = fires(a.val, rule, sink);
        if (!why) continue;
        if (sink.exceptKeys && this.onlyUnderKeys(a.node, sink.exceptKeys, rule, sink, args)) continue;
        // Reported at the call (its name's line), as the Python scanner and the peers do: a call spread over
        // lines (`pool.query(\n  \`SELECT … ${id}\`\n)`) is found on the line that names the sink.
        const site = callSite(n, fn);
        this.hit(rule, site, `${why.text} reaches ${this.callee(fn)}`, this.callee(fn) + '(…)', why.weak, sink.cwe);
        // (a wrapper of the file reported where it is handed the filter: not again at the search inside it)
        if (own && sink.wrappers) (this.reportedAtWrapper ??= new Map()).set(n, (this.reportedAtWrapper.get(n) ?? new Set()).add(rule.category));
        if (rule.category === 'ssrf' && !why.weak && a.val.untrusted) fetchedFrom = a.val.untrusted.src;
        // (`await fs.writeFile(dest, buf)` reported, then `fs.readFile(dest)`, `fs.rm(dest)`, `thumbnail(dest)`: one path,
        // one flaw, reported at its first use; later uses of the same variable on this path are not new findings - unless
        // that finding is suppressed on its line: an allow given for a read must not silence a later delete)
        const held = rule.category === 'path' && a.node.type === 'identifier' ? this.src(a.node) : undefined;
        if (held && f.env.get(held) === a.val && !suppressedAt(this.text, site.start)) f.env.set(held, clear(a.val, PATH_ONLY));
        result = clear(result, new Set([rule.category]));
        break;
      }
    }
    // (the class's own method: what it returns is its body's, analysed as a helper)
    if (ownMethod) return result;
    // `const config = (await axios.get(req.query.url)).data` then `axios.post(config.registration_endpoint)`: a response
    // from a server the client chose names the next URL as the client likes (for SSRF only: a proxy writing the
    // response out is the first request's finding).
    if (fetchedFrom !== undefined) {
      const answer = onlyFor(tainted(`the response of a request to ${fetchedFrom}`), SSRF_ONLY);
      return result.ctor ? { ...answer, ctor: result.ctor } : answer;
    }
    // `redis.get(\`share:${id}\`)`: what was stored under the key, not the key.
    if (result.untrusted && names.some((x) => STORE_READ.test(x))) return { ...unknown('stored value'), opaque: true };
    // `db.prepare(sql).all()` (better-sqlite3, node:sqlite): a prepared statement's rows are the table's data.
    if (result.untrusted && names.some((x) => PREPARED_READ.test(x))) return { ...unknown('database rows'), opaque: true };
    // `prisma.match.findMany({ where: { tournamentId } })`, `Team.findAll(…)`, `repo.findOneBy(…)`: an ORM read's records
    // are the table's (a list of untrusted data searched with `.find` is still that data)
    if (result.untrusted && !recv?.untrusted && names.some((x) => ORM_READ.test(x))) return { ...unknown('database rows'), opaque: true };
    if (dbRead && !isConst(result)) return { ...unknown('database rows'), opaque: true };
    return checkedRequest && result.untrusted ? unknown(`${this.callee(fn)}() response`) : result;
  }

  /**
   * `{ _id: request.body.id, owner: request.user.id }`: an object literal argument whose properties that
   * fire at the sink all sit under `keys` (read from the call's evaluated properties; a spread or a
   * property not found there counts as firing).
   */
  private onlyUnderKeys(obj: JsNode, keys: ReadonlySet<string>, rule: TaintRule, sink: CompiledSink, args: CallArgs): boolean {
    if (obj.type !== 'object') return false;
    let under = false;
    for (const prop of named(obj)) {
      const key = prop.type === 'shorthand_property_identifier' ? this.src(prop) : prop.type === 'pair' ? propertyName(field(prop, 'key') ?? prop, this.text) : undefined;
      if (key === undefined) return false;
      const a = args.keywords.get(key);
      const own = a && (a.node === prop || a.node.parent === prop || a.node === field(prop, 'value'));
      if (!a || !own) return false;
      if (!fires(a.val, rule, sink)) continue;
      if (!keys.has(key)) return false;
      under = true;
    }
    return under;
  }

  /**
   * A SQL sink's call given its values apart (`pool.query(sql, [id])`): a read whose rows are the table's. For the
   * SQL-text wrapper sink (`*`: a project's own database handle, made by a helper of another module) only a query
   * method with its values written as an array counts.
   */
  private readsWithValues(fn: JsNode, sink: CompiledSink, args: CallArgs): boolean {
    const values = args.positional[1]?.node;
    if (!values) return false;
    if (!sink.call?.patterns.includes('*')) return this.queryParams(values);
    return values.type === 'array' && fn.type === 'member_expression' && DB_READ_METHOD.test(this.src(field(fn, 'property') ?? fn));
  }

  /** A query's bound parameters (`[tenantId, id]`, `{ id }`, `params`): values the driver sends apart from the SQL text. */
  private queryParams(node: JsNode): boolean {
    return node.type === 'array' || node.type === 'object' || node.type === 'identifier' || node.type === 'member_expression';
  }

  /**
   * `createHash('sha256').update(readFileSync(p))`: a file read straight into a hash or HMAC discloses only
   * its digest, not its content, so the read is not a traversal finding.
   */
  private readIntoDigest(n: JsNode, names: string[]): boolean {
    if (!names.some((x) => /(^|\.)read[A-Za-z]*$/.test(x))) return false;
    const argList = n.parent?.type === 'await_expression' ? n.parent.parent : n.parent;
    const outer = argList?.type === 'arguments' ? argList.parent : undefined;
    const callee = outer?.type === 'call_expression' ? field(outer, 'function') : undefined;
    if (!callee || callee.type !== 'member_expression' || this.src(field(callee, 'property') ?? callee) !== 'update') return false;
    return /\bcreate(Hash|Hmac)\s*\(/.test(this.src(field(callee, 'object') ?? callee));
  }

  /** Assignments to sink properties (`el.innerHTML = …`, `location.href = …`) and computed members (`obj[a][b] = v`). */
  private checkAssignSinks(at: JsNode, left: JsNode, val: Val, f: Frame): void {
    if (!this.assignSinks.length) return;
    let names: string[] | undefined;
    for (const { rule, sink } of this.assignSinks) {
      if (sink.computedMember) {
        // Inside a recursive merge helper the finding is the call that hands it untrusted data.
        if (left.type !== 'subscript_expression' || this.inMergeHelper(f)) continue;
        const why = this.computedMember(left, val, f, rule);
        if (why) this.hit(rule, at, why, `${this.src(left).replace(/\s+/g, '').slice(0, 40)} = …`);
        continue;
      }
      names ??= this.targetNames(left, f);
      if (!sink.assign!.any(names)) continue;
      if (sink.text && !isText({ node: field(at, 'right') ?? at, val })) continue;
      const why = fires(val, rule, sink);
      if (why) this.hit(rule, at, `${why.text} is assigned to ${this.callee(left)}`, `${this.callee(left)} = …`, why.weak, sink.cwe);
    }
  }

  /** `target[key] = v` where key is untrusted: nested (`a[k1][k2] = v`) or storing untrusted data. */
  private computedMember(left: JsNode, val: Val, f: Frame, rule: TaintRule): string | undefined {
    const keyUntrusted = (sub: JsNode): boolean => {
      const idx = field(sub, 'index');
      if (!idx || idx.type === 'string' || idx.type === 'number') return false;
      const v = this.expr(idx, { ...f, env: copyEnv(f.env) });
      return !!v.untrusted && !v.untrusted.clean.has(rule.category) && !v.untrusted.local;
    };
    const obj = field(left, 'object');
    const nested = obj?.type === 'subscript_expression';
    if (keyUntrusted(left) && (nested || (val.untrusted && !val.untrusted.clean.has(rule.category)))) return 'an untrusted key picks the property written (__proto__, constructor)';
    if (nested && obj && keyUntrusted(obj)) return 'an untrusted key picks the object written (__proto__)';
    return undefined;
  }

  /** Object properties and JSX attributes with a sink name (`dangerouslySetInnerHTML`, `innerHTML: …`). */
  private checkPropertySinks(at: JsNode, name: string, valueNode: JsNode, val: Val, _f: Frame): void {
    const list = this.assignSinks;
    // `{ redirect: { destination } }`: a property of an object held under another key also goes by both names
    // (a sink written `redirect.destination` is not every `destination` of a shipment or a route).
    const holder = (at.type === 'pair' || at.type === 'shorthand_property_identifier') && at.parent?.type === 'object' ? at.parent.parent : undefined;
    const outerKey = holder?.type === 'pair' ? field(holder, 'key') : undefined;
    const outer = outerKey ? propertyName(outerKey, this.text) : undefined;
    const dotted = outer ? `${outer}.${name}` : undefined;
    // (`{ location: row.location }` in a JSON body is a field, not the page's `location`; `headers: { location }` is
    // the header)
    const globalName = name === 'location' && at.type !== 'jsx_attribute' && outer?.toLowerCase() !== 'headers';
    for (let i = 0; i < list.length; i++) {
      const { rule, sink } = list[i]!;
      if (!sink.assign || !((sink.assign.has(name) && !globalName) || (dotted && sink.assign.has(dotted)))) continue;
      if (sink.text && !isText({ node: valueNode, val })) continue;
      const why = fires(val, rule, sink);
      if (why) this.hit(rule, at, `${why.text} is assigned to ${name}`, `${name}=…`, why.weak, sink.cwe);
    }
  }

  private callee(fn: JsNode): string {
    const s = this.src(fn).replace(/^await\s+/, '').replace(/\s+/g, '');
    return s.length > 48 ? s.slice(0, 47) + '…' : s;
  }

  private hit(rule: Rule, node: { start: number; end: number }, detail: string, preview: string, weak = false, cwe?: string[], key?: string, via?: Array<{ start: number; end: number }>): Hit {
    const severity = weak ? lower(rule.severity) : rule.severity;
    const h: Hit = { rule, node, detail, severity, cwe, preview, key: key ?? this.src(node).replace(/\s+/g, ' ') };
    // A taint finding inside a helper run again for a caller's data: the calls that brought the data in.
    const rerunning = rule.kind === 'taint' ? this.helpers.rerunningNow() : [];
    const into = rerunning.length ? this.helpers.callsInto(rerunning) : [];
    if (via?.length || into.length) h.via = [...(via ?? []), ...into];
    this.hits.push(h);
    return h;
  }

  // ---------------------------------------------------------------- patterns

  private patternApplies(p: { imports?: string[] }): boolean {
    return !p.imports || p.imports.some((m) => this.imports.imports(m));
  }

  private checkCallPatterns(n: JsNode, names: string[], args: CallArgs, f: Frame): void {
    const done = new Set<Rule>();
    const callee = field(n, 'function');
    // (the listener whose parameter is called, looked up once for all the `callback-of` patterns)
    const listener = callee?.type === 'identifier' && this.set.callbackPatterns.length ? this.listenerParam(n, callee) : undefined;
    if (listener) {
      for (const { rule, pattern: p } of this.set.callbackPatterns) {
        if (done.has(rule) || !this.active.has(rule) || !this.patternApplies(p)) continue;
        const spec = p.callbackOf!;
        if (listener.index !== spec.param || !spec.call.any([listener.registrar]) || (spec.event && !(listener.event !== undefined && spec.event.test(listener.event)))) continue;
        if (!p.args.every((c) => this.condHolds(c, args))) continue;
        this.hit(rule, callSite(n, callee!), this.callee(callee!), this.callee(callee!) + '(…)', false, p.cwe);
        done.add(rule);
      }
    }
    for (const { rule, pattern: p } of this.set.callPatternIndex.lookup(names)) {
      if (done.has(rule) || !this.active.has(rule) || !this.patternApplies(p)) continue;
      if (p.excludeCall?.any(names)) continue;
      if (!p.args.every((c) => this.condHolds(c, args))) continue;
      if (p.context && !this.contextMatches(n, f, p.context, p.excludeContext)) continue;
      // `exclude-context` alone: not when a name around the call, or one its value goes on to, says otherwise.
      if (!p.context && p.excludeContext && excludedBy(this.namesAround(n, f, ANY_NAME), p.excludeContext)) continue;
      if (p.unlessGuarded && guardedBy(n, this.text, p.unlessGuarded)) continue;
      if (p.mentions) {
        const ids = [...args.positional, ...args.keywords.values()].flatMap((a) => identifiers(a.node, this.text));
        if (!ids.some((x) => p.mentions!.test(x))) continue;
      }
      // (`const { iss } = decodeJwt(token)` to find the issuer's keys, the token then verified further on: what the
      // function goes on to do; a call whose result is returned is what the function hands back)
      // (in the rest of the block the call is in: another branch's verification of another token verifies nothing here)
      if (p.unlessInFunction && !returned(n)) {
        let block: JsNode | undefined = n.parent;
        while (block && block.type !== 'statement_block' && block.type !== 'program') block = block.parent;
        if (block && p.unlessInFunction.test(this.src(block)) && p.unlessInFunction.test(codeOf(block, this.text).slice(n.end - block.start))) continue;
      }
      // (the options object, written elsewhere, already reported by this rule where it is written: not again at each use)
      const at = args.optionsFrom;
      if (at && this.hits.some((h) => h.rule === rule && h.node.start >= at.start && h.node.end <= at.end)) continue;
      const fn = field(n, 'function') ?? field(n, 'constructor') ?? n;
      this.hit(rule, this.switchedOff(p.args, args, n) ?? callSite(n, fn), this.callee(fn), this.callee(fn) + '(…)', false, p.cwe);
      done.add(rule);
    }
  }

  /**
   * The listener `callee` (called at `n`) is a parameter of, when that function is handed to a call (`app.on(
   * 'certificate-error', (e, wc, url, err, cert, callback) => …)`): the parameter's position, the registering call as
   * written and its event (a first argument written as a string). The nearest function declaring the name decides.
   */
  private listenerParam(n: JsNode, callee: JsNode): { index: number; registrar: string; event?: string } | undefined {
    const name = this.src(callee);
    for (let up = n.parent; up; up = up.parent) {
      if (!FUNCTION_TYPES.has(up.type)) continue;
      const params = field(up, 'parameters') ?? field(up, 'parameter');
      const list = params ? (params.type === 'identifier' ? [params] : named(params)) : [];
      const index = list.findIndex((p) => this.src(paramPattern(p) ?? p) === name);
      if (index < 0) continue;
      const call = up.parent?.type === 'arguments' ? up.parent.parent : undefined;
      const registrar = call?.type === 'call_expression' ? field(call, 'function') : undefined;
      if (!registrar) return undefined;
      const first = named(up.parent!)[0];
      return { index, registrar: this.src(registrar), ...(first?.type === 'string' ? { event: stringValue(first, this.text) } : {}) };
    }
    return undefined;
  }

  private checkReference(n: JsNode, names: string[]): void {
    const parent = n.parent;
    if (parent?.type === 'member_expression' && field(parent, 'object') === n) return;
    if ((parent?.type === 'call_expression' && field(parent, 'function') === n) || (parent?.type === 'new_expression' && field(parent, 'constructor') === n)) return;
    for (const { rule, pattern: p } of this.set.referenceIndex.lookup(names)) {
      if (!this.active.has(rule) || !this.patternApplies(p)) continue;
      this.hit(rule, enclosingCall(n) ?? n, this.src(n), this.src(n).replace(/\s+/g, ''), false, p.cwe, this.src(n));
      return;
    }
  }

  private checkAssignPatterns(at: JsNode, targets: string[], right: JsNode, f: Frame): void {
    if (!targets.length) return;
    // The value's literal(s), read only once a pattern names the target (most assignments match none).
    let lit: Literal | undefined;
    let items: Literal[] | undefined;
    // Only the patterns naming one of the targets, in rule order (most assignments match none).
    const list = this.assignPatterns.lookup(targets);
    for (let i = 0; i < list.length; i++) {
      const { rule, p } = list[i]!;
      if (!this.active.has(rule) || !this.patternApplies(p)) continue;
      lit ??= literalOf(right, this.text);
      // `origin: (origin, cb) => cb(null, origin || true)`: a decision callback that allows everything is `true`.
      if (p.value === true && !lit.ok && FUNCTION_TYPES.has(right.type) && alwaysAnswersTrue(right, this.text)) lit = { ok: true, value: true };
      items ??= right.type === 'array' ? named(right).map((x) => literalOf(x, this.text)) : [];
      if (p.value !== undefined && !(lit.ok && lit.value === p.value) && !items.some((i) => i.ok && i.value === p.value)) continue;
      if (p.valueText && !p.valueText.test(this.src(right))) continue;
      if (p.context && !this.contextNames(at, f).some((x) => p.context!.test(x))) continue;
      if (p.unlessGuarded && guardedBy(at, this.text, p.unlessGuarded)) continue;
      const shown = lit.ok && typeof lit.value !== 'string' ? String(lit.value) : '…';
      this.hit(rule, at, this.src(at).replace(/\s+/g, ' ').slice(0, 80), `${targets[0]} = ${shown}`, false, p.cwe);
      return;
    }
  }

  /**
   * A call pattern's `context`: the names around the call say what its value is for, or, when it is
   * stored in a variable, the names that variable goes on to (`user.resetToken = r`, `{ url: \`/s/${id}\` }`);
   * `exclude-context` rules a match out when a name, in snake_case, says otherwise (`element_id`, `request_id`).
   */
  private contextMatches(n: JsNode, f: Frame, context: RegExp, exclude: RegExp | undefined): boolean {
    const names = this.namesAround(n, f, context);
    return names.some((x) => context.test(x)) && !(exclude && excludedBy(names, exclude));
  }

  /** The names around a call, and the names its value goes on to when none around it matches `context`. */
  private namesAround(n: JsNode, f: Frame, context: RegExp): string[] {
    const direct = this.contextNames(n, f);
    return direct.some((x) => context.test(x)) ? direct : [...direct, ...this.useNames(n)];
  }

  /**
   * The names a value stored in a variable goes on to within its function: the variables, properties and
   * object keys given the variable (or text built from it), and `url-path-segment` when it becomes a
   * segment of a URL path (`\`https://x/s/${id}\``, `'/files/' + name`): an identifier handed out in a link.
   */
  private useNames(n: JsNode): string[] {
    let decl: JsNode | undefined;
    for (let p = n.parent; p && !p.type.endsWith('_statement') && p.type !== 'statement_block'; p = p.parent) {
      // (`out += alphabet[…Math.random()…]` in a loop: an accumulator, read where it is used after)
      if (p.type === 'variable_declarator' || p.type === 'augmented_assignment_expression' || p.type === 'assignment_expression') {
        decl = p;
        break;
      }
      if (FUNCTION_TYPES.has(p.type)) return [];
    }
    const id = decl ? field(decl, decl.type === 'variable_declarator' ? 'name' : 'left') : undefined;
    if (!decl || id?.type !== 'identifier') return [];
    const name = this.src(id);
    let scope: JsNode | undefined = decl.parent;
    while (scope && scope.type !== 'statement_block' && scope.type !== 'program') scope = scope.parent;
    // (an assignment to an accumulator declared further out: its uses are anywhere in the function's body)
    if (decl.type !== 'variable_declarator') {
      while (scope && scope.type !== 'program' && !(scope.parent && (FUNCTION_TYPES.has(scope.parent.type) || scope.parent.type === 'function_declaration' || scope.parent.type === 'method_definition'))) scope = scope.parent;
    }
    if (!scope) return [];
    const out: string[] = [];
    const visit = (x: JsNode): void => {
      if (out.length > 16) return;
      if ((x.type === 'identifier' || x.type === 'shorthand_property_identifier') && x.start > decl!.end && this.src(x) === name) {
        const targets: string[] = [];
        // `return out`: the function that builds the value says what it is for (`passwordResetCode()`)
        const stmt = ancestorStatement(x);
        if (stmt?.type === 'return_statement') {
          const fn = enclosingFunctionName(stmt, (k) => this.src(k));
          if (fn) targets.push(fn);
        }
        for (let p = x.parent; p && !p.type.endsWith('_statement') && p.type !== 'statement_block'; p = p.parent) {
          if (FUNCTION_TYPES.has(p.type)) break;
          const target = p.type === 'variable_declarator' ? field(p, 'name') : p.type === 'assignment_expression' ? field(p, 'left') : p.type === 'pair' ? field(p, 'key') : undefined;
          if (target) targets.push(this.src(target));
        }
        // `decoded.payload`: the part of the value read (a decoded token's claims)
        const up = x.parent;
        if (up?.type === 'member_expression' && field(up, 'object') === x) {
          const prop = field(up, 'property');
          if (prop) targets.push(this.src(prop));
        }
        const prefix = pathPrefixBefore(x, this.text);
        if (prefix !== undefined && (URL_TEXT.test(prefix) || (prefix.startsWith('/') && targets.some((t) => URL_NAME.test(t))))) out.push('url-path-segment');
        out.push(...targets);
      }
      for (const c of named(x)) visit(c);
    };
    visit(scope);
    return out;
  }

  /** `z.object({ number: z.string().min(6), pin: z.string() })` (or a `const` holding one): every field a scalar. */
  private zodScalarObject(n: JsNode): boolean {
    const init = n.type === 'identifier' ? this.topLevelInit(this.src(n)) : n;
    const obj = init ? this.zodObjectShape(init) : undefined;
    return !!obj && named(obj).length > 0 && named(obj).every((pr) => pr.type === 'pair' && ZOD_SCALAR.test(this.src(field(pr, 'value') ?? pr).replace(/\s+/g, '')));
  }

  /**
   * A hapi route's handler (`{ method, path, options: { validate: { query: Joi.object({ … }) } }, handler }`): hapi
   * rejects a request its Joi schemas refuse, so in the handler `request.query` (`payload`, `params`, `headers`) holds
   * only what the schema declares: no MongoDB operator object when every field is a scalar, and no text at all in a
   * field that is a number, a boolean, a date, an allow-listed value (`.valid(…)`), hex, alphanumeric or a GUID.
   */
  private bindValidatedRequest(fn: JsNode, paramNodes: JsNode[], f: Frame): void {
    const pair = fn.parent?.type === 'pair' && propertyName(field(fn.parent, 'key') ?? fn.parent, this.text) === 'handler' ? fn.parent : undefined;
    const route = pair?.parent?.type === 'object' ? pair.parent : undefined;
    const first = paramNodes[0] ? paramPattern(paramNodes[0]) : undefined;
    if (!route || first?.type !== 'identifier') return;
    const prop = (obj: JsNode | undefined, key: string): JsNode | undefined => {
      const hit = obj?.type === 'object' ? named(obj).find((x) => x.type === 'pair' && propertyName(field(x, 'key') ?? x, this.text) === key) : undefined;
      return hit ? field(hit, 'value') ?? undefined : undefined;
    };
    const validate = prop(route, 'validate') ?? prop(prop(route, 'options'), 'validate') ?? prop(prop(route, 'config'), 'validate');
    if (validate?.type !== 'object') return;
    // (`failAction: 'log'` or `'ignore'` lets a refused request through)
    const failAction = prop(validate, 'failAction');
    if (failAction && !/^['"`]error['"`]$/.test(this.src(failAction))) return;
    const request = this.src(first);
    for (const section of ['query', 'payload', 'params', 'headers']) {
      let schema = prop(validate, section);
      if (schema?.type === 'identifier') schema = this.topLevelInit(this.src(schema));
      const shape = schema ? this.joiObjectShape(schema) : undefined;
      const source = shape ? this.set.sources.prefixOf([`${request}.${section}`, `request.${section}`]) : undefined;
      if (!shape || !source) continue;
      const fields = named(shape).filter((x) => x.type === 'pair');
      const types = fields.map((x) => [propertyName(field(x, 'key') ?? x, this.text), this.src(field(x, 'value') ?? x).replace(/\s+/g, '')] as const);
      const safe = types.flatMap(([k, t]) => (k && JOI_NO_TEXT.test(t) ? [k] : []));
      let val: Val = this.sourceVal(source);
      // (`.unknown()` / `allowUnknown` lets keys the schema does not name through, objects included)
      const open = /\.unknown\(|allowUnknown/.test(this.src(schema!));
      if (!open && types.length && types.every(([, t]) => JOI_SCALAR.test(t))) val = clear(val, NO_OPERATORS);
      f.env.set(`${request}.${section}`, safe.length ? { ...val, safePaths: safe } : val);
      for (const k of safe) f.env.set(`${request}.${section}.${k}`, CONST);
    }
  }

  /** The object literal of a Joi object schema (`Joi.object({ … })`, `Joi.object().keys({ … })`, with options chained). */
  private joiObjectShape(n: JsNode): JsNode | undefined {
    for (let x: JsNode | undefined = n; x?.type === 'call_expression'; ) {
      const callee = field(x, 'function');
      const arg = named(field(x, 'arguments') ?? x)[0];
      const text = callee ? this.src(callee).replace(/\s+/g, '') : '';
      if (/^(Joi|joi)\.object$|\.keys$/.test(text) && arg?.type === 'object') return arg;
      x = callee?.type === 'member_expression' ? field(callee, 'object') ?? undefined : undefined;
    }
    return undefined;
  }

  /** The object literal `z.object({ … })` is given, when `n` is that call. */
  private zodObjectShape(n: JsNode): JsNode | undefined {
    const fnNode = n.type === 'call_expression' ? field(n, 'function') : undefined;
    if (!fnNode || this.src(fnNode).replace(/\s+/g, '') !== 'z.object') return undefined;
    const obj = named(field(n, 'arguments') ?? n)[0];
    return obj?.type === 'object' ? obj : undefined;
  }

  /**
   * The fields of a zod object schema (`z.object({ … })`, through `.strict()` / `.partial()` and the like, or a
   * constant of the file holding one) whose type admits no free text: an enum, a literal, a number, a boolean, a
   * date, a UUID. Undefined when `n` is no such schema.
   */
  private zodSafeFields(n: JsNode, depth = 0): string[] | undefined {
    if (depth > 4) return undefined;
    if (n.type === 'identifier') {
      const init = this.topLevelInit(this.src(n));
      return init ? this.zodSafeFields(init, depth + 1) : undefined;
    }
    // (a raw shape, as an MCP server's tool takes: `{ path: z.string(), limit: z.number() }`)
    const shape = n.type === 'object' && named(n).some((pr) => pr.type === 'pair' && /^z\./.test(this.src(field(pr, 'value') ?? pr))) ? n : undefined;
    if (n.type !== 'call_expression' && !shape) return undefined;
    const fnNode = shape ? undefined : field(n, 'function');
    if (!shape && (!fnNode || fnNode.type !== 'member_expression')) return undefined;
    if (shape || this.src(fnNode!).replace(/\s+/g, '') === 'z.object') {
      const obj = shape ?? this.zodObjectShape(n);
      if (!obj) return undefined;
      const out: string[] = [];
      for (const pr of named(obj)) {
        if (pr.type !== 'pair') continue;
        const key = propertyName(field(pr, 'key') ?? pr, this.text);
        const v = field(pr, 'value');
        const t = v ? this.src(v).replace(/\s+/g, '') : '';
        if (key && ZOD_NO_TEXT.test(t) && !ZOD_WIDENED.test(t)) out.push(key);
      }
      return out;
    }
    // (`.extend({ … })` adds fields this does not vouch for: only the base's)
    const obj = field(fnNode!, 'object');
    return obj ? this.zodSafeFields(obj, depth + 1) : undefined;
  }

  /**
   * The zod schema declared beside a tool's callback (the callback's argument `i` of the call): a `parameters`,
   * `inputSchema` or `schema` property of the object holding the callback or of another object argument, or a raw
   * shape (`{ path: z.string() }`) or `z.object(…)` given just before the callback. Its no-text fields.
   */
  private toolSchemaSafeFields(argsNode: JsNode | undefined, i: number): string[] | undefined {
    if (!argsNode || argsNode.type !== 'arguments') return undefined;
    const list = named(argsNode);
    const schemaProp = (o: JsNode | undefined) => {
      if (o?.type !== 'object') return undefined;
      for (const pr of named(o)) {
        const key = pr.type === 'pair' ? propertyName(field(pr, 'key') ?? pr, this.text) : undefined;
        if (key === 'parameters' || key === 'inputSchema' || key === 'schema') return field(pr, 'value');
      }
      return undefined;
    };
    const found = schemaProp(list[i]) ?? list.map((a) => schemaProp(a)).find((x) => x) ?? (i > 0 ? list[i - 1] : undefined);
    return found ? this.zodSafeFields(found) : undefined;
  }

  private topInits?: Map<string, JsNode>;
  /** `const X = …` (exported or not) at the file's top level: X's initial value. */
  private topLevelInit(name: string): JsNode | undefined {
    if (!this.topInits) {
      this.topInits = new Map();
      for (const st of this.root ? named(this.root) : []) {
        const decl = st.type === 'export_statement' ? named(st).find((c) => c.type === 'lexical_declaration' || c.type === 'variable_declaration') : st;
        if (decl?.type !== 'lexical_declaration' && decl?.type !== 'variable_declaration') continue;
        for (const d of named(decl)) {
          const id = d.type === 'variable_declarator' ? field(d, 'name') : undefined;
          const v = d.type === 'variable_declarator' ? field(d, 'value') : undefined;
          if (id?.type === 'identifier' && v) this.topInits.set(this.src(id), v);
        }
      }
    }
    return this.topInits.get(name);
  }

  /** Names that say what a node is for: the enclosing function, the variable, property or argument it goes to. */
  private contextNames(n: JsNode, f: Frame): string[] {
    const out: string[] = [];
    const calls: string[] = [];
    for (let p = n.parent; p && p.type !== 'statement_block' && p.type !== 'program'; p = p.parent) {
      if (p.type === 'variable_declarator') {
        const t = field(p, 'name');
        // (`const [pin] = useState(() => …)`: the names it is destructured into)
        if (t?.type === 'array_pattern') out.push(...named(t).filter((x) => x.type === 'identifier').map((x) => this.src(x)));
        else if (t) out.push(this.src(t));
      } else if (p.type === 'assignment_expression' || p.type === 'augmented_assignment_expression') {
        const t = field(p, 'left');
        if (t) out.push(this.src(t));
      } else if (p.type === 'pair') {
        const t = field(p, 'key');
        if (t) out.push(this.src(t));
      } else if (p.type === 'call_expression') {
        const fn = field(p, 'function');
        if (fn && p !== n) calls.push(this.src(fn));
      } else if (p.type === 'public_field_definition') {
        const t = field(p, 'name');
        if (t) out.push(this.src(t));
      } else if (p.type === 'return_statement' || p.type.endsWith('_statement')) break;
    }
    // The name the value goes to says what it is for; without one, the function that builds it
    // (`function generateToken() { return Math.random()… }`) does.
    if (out.length) return [...out, ...calls];
    out.push(f.fnName, ...calls);
    const fn = enclosingFunctionName(n, (k) => this.src(k), true);
    if (fn) out.push(fn);
    return out;
  }

  // ---------------------------------------------------------------- credentials

  private stringLiteral(node: JsNode): string | undefined {
    // `Buffer.from('6b3a…', 'hex')`, `new TextEncoder().encode('…')`: a key made from a literal is that literal
    const made = node.type === 'call_expression' ? KEY_FROM_LITERAL.exec(this.src(node)) : undefined;
    if (made) {
      const arg = named(field(node, 'arguments') ?? node)[0];
      const lit = arg ? literalOf(arg, this.text) : undefined;
      if (lit?.ok && typeof lit.value === 'string') return lit.value;
      // `Buffer.from(process.env.KEY || '6f1c…', 'utf8')`: the fallback inside is the key that ships
      if (arg && arg.type === 'binary_expression') return this.stringLiteral(arg);
    }
    // `Env.get('PG_PASSWORD', '…')`: the default is the credential that ships
    if (node.type === 'call_expression') return envFallback(node, this.text)?.literal;
    // `process.env.SECRET || 'dev-secret'`: the fallback is the credential that ships.
    if (node.type === 'binary_expression' && /^(\|\||\?\?)$/.test(operator(node) ?? '')) {
      const r = field(node, 'right');
      return r ? this.stringLiteral(r) : undefined;
    }
    const lit = literalOf(node, this.text);
    return lit.ok && typeof lit.value === 'string' ? lit.value : undefined;
  }

  private credHit(rule: CredentialRule, at: JsNode, name: string, value: string): void {
    this.hits.push({ rule, node: at, detail: name, severity: rule.severity, preview: `${name} = ${redact(value)}`, key: `${name}\0${value}` });
  }

  /** A credential-named variable, property, field or parameter given a literal (names in camelCase are read as snake_case). */
  private checkCredential(at: JsNode, name: string, value: JsNode): void {
    if (!this.credRules.length) return;
    // `secrets: ['gx-remember-2f9c1a7be3d4']` (Remix cookies, express-session's key lists, Keygrip): the list of a
    // secret's values, newest first; one finding for the list.
    if (value.type === 'array') {
      const before = this.hits.length;
      const one = name.replace(/(secret|key|password|token)s$/i, '$1');
      for (const item of named(value)) if (item.type === 'string' && this.hits.length === before) this.checkCredential(at, one, item);
      return;
    }
    const fallback = envFallback(value, this.text);
    const lit = fallback?.literal ?? this.stringLiteral(value);
    if (lit === undefined) return;
    const snake = snakeCase(name);
    for (const rule of this.credRules) {
      // `process.env.SESSION_KEY || 'filedrop-legacy-key'`, `Env.get('PG_PASSWORD', '…')`: the default of a
      // secret read from the environment is that secret, shipped; it need not look random to count.
      // (not a path or a URL of one: `privateKeyPath: process.env.JWT_PRIVATE_KEY_PATH || '/etc/app/jwt.key'`)
      // (only with a fallback: the exclusion regex is a long alternation V8 compiles on first use)
      const notSecret = fallback !== undefined && !!rule.excludeNames && (rule.excludeNames.test(snake) || rule.excludeNames.test(fallback?.variable.toLowerCase() ?? ''));
      if (fallback && !notSecret && (isCredentialName(rule, snake) || SECRETISH.test(name) || SECRETISH.test(fallback.variable))) {
        const v = credentialValue(rule, fallback.literal);
        if (v !== undefined) this.credHit(rule, at, name, v);
        continue;
      }
      const pw = urlPassword(rule, lit);
      if (pw) {
        this.credHit(rule, at, name, pw);
        continue;
      }
      if (!isCredentialName(rule, snake)) continue;
      const v = credentialValue(rule, lit, snake);
      if (v !== undefined) this.credHit(rule, at, name, v);
    }
  }

  private checkCredentialFallback(n: JsNode): void {
    if (!this.credRules.length) return;
    const fallback = envFallback(n, this.text);
    if (!fallback) return;
    const name = fallback.variable;
    for (const rule of this.credRules) {
      const pw = urlPassword(rule, fallback.literal);
      if (pw) {
        this.credHit(rule, n, name, pw);
        continue;
      }
      if (!SECRETISH.test(name) || rule.excludeNames?.test(name.toLowerCase())) continue;
      const v = credentialValue(rule, fallback.literal);
      if (v !== undefined) this.credHit(rule, n, name, v);
    }
  }

  private checkCredentialCompare(n: JsNode, a: JsNode, b: JsNode): void {
    if (!this.credRules.length) return;
    for (const [x, y] of [
      [a, b],
      [b, a],
    ] as const) {
      const nm = x.type === 'identifier' ? this.src(x) : x.type === 'member_expression' ? this.src(field(x, 'property') ?? x) : undefined;
      if (!nm || !/pass|pwd|secret/i.test(nm)) continue;
      const snake = snakeCase(nm);
      for (const rule of this.credRules) {
        if (!isCredentialName(rule, snake)) continue;
        const v = credentialValue(rule, this.stringLiteral(y), snake);
        if (v !== undefined) this.credHit(rule, n, nm, v);
      }
    }
  }

  private checkCredentialCall(n: JsNode, names: string[], args: CallArgs): void {
    if (!this.credRules.length) return;
    const positional = args.positional;
    const creds = this.credRules;
    for (let i = 0; i < positional.length; i++) {
      // The argument's literal is read once, and only for a rule that looks into URLs.
      let lit: string | undefined | null = null;
      for (let r = 0; r < creds.length; r++) {
        const rule = creds[r]!;
        if (!rule.urlCredentials) continue;
        if (lit === null) lit = this.stringLiteral(positional[i]!.node);
        const pw = urlPassword(rule, lit);
        if (pw) this.credHit(rule, n, `${names[0] ?? 'call'} URL`, pw);
      }
    }
    const matching = this.set.credentialCallIndex.lookup(names);
    for (let m = 0; m < matching.length; m++) {
      const { rule, args: idx, keywords } = matching[m]!;
      if (!this.active.has(rule)) continue;
      for (const i of idx) {
        const a = args.positional[i];
        const v = a ? keyArgument(rule, this.stringLiteral(a.node)) : undefined;
        if (v !== undefined) this.credHit(rule, n, `${names[0]} argument ${i + 1}`, v);
      }
      for (const kw of keywords) {
        const a = args.keywords.get(kw);
        const lit = a ? this.stringLiteral(a.node) : undefined;
        const v = keyArgument(rule, lit);
        if (v === undefined) continue;
        // The property check has already reported what reads as a credential by its name.
        const snake = snakeCase(kw);
        if (!(isCredentialName(rule, snake) && credentialValue(rule, lit, snake) !== undefined)) this.credHit(rule, n, kw, v);
      }
    }
  }

  // ---------------------------------------------------------------- guards (sanitising checks)

  /** Variables a condition proves safe when it evaluates to `truth`, with the categories. */
  private guards(cond: JsNode, truth: boolean, f: Frame): ReadonlyMap<string, Set<string>> {
    // Only these conditions can vouch for anything: the rest (a member, an identifier that keeps no check) need no map or helpers.
    const t = cond.type;
    if (t !== 'parenthesized_expression' && t !== 'unary_expression' && t !== 'binary_expression' && t !== 'call_expression' && !(t === 'identifier' && this.conditionBindings.has(this.src(cond)))) return NO_GUARDS;
    const out = new Map<string, Set<string>>();
    const add = (n: JsNode | undefined, cats: Set<string>) => {
      // `RE.test(String(name))`, `ALLOWED.has(x.toString())`: the check is of x's text.
      if (n?.type === 'call_expression') {
        const callee = field(n, 'function');
        const argv = named(field(n, 'arguments') ?? n);
        if (callee?.type === 'identifier' && this.src(callee) === 'String' && argv.length === 1) n = argv[0];
        else if (callee?.type === 'member_expression' && argv.length === 0 && CASE_FOLDS.has(this.src(field(callee, 'property') ?? callee))) n = field(callee, 'object');
      }
      const k = n ? this.key(n) : undefined;
      if (k && cats.size) out.set(k, new Set([...(out.get(k) ?? []), ...cats]));
    };
    const merge = (m: ReadonlyMap<string, Set<string>>) => {
      for (const [k, v] of m) out.set(k, new Set([...(out.get(k) ?? []), ...v]));
    };
    const through = (n: JsNode): JsNode => (UNWRAP.has(n.type) && named(n)[0] ? through(named(n)[0]!) : n);
    // `event.origin` checked against a constant or an allow-list: the message comes from a known window.
    const messageFrom = (n: JsNode) => {
      const k = this.key(n);
      if (!k?.endsWith('.origin')) return;
      const base = k.slice(0, -'.origin'.length);
      if (this.lookup(base, f)?.untrusted?.src.includes('message')) out.set(base, new Set(['all']));
    };
    // `u.hostname === 'api.example.com'`, `ALLOWED_HOSTS.has(u.hostname)`: where the URL u points is checked.
    const hostChecked = (n: JsNode) => {
      // `ALLOWED.includes(u.hostname.toLowerCase())`: the check is of u's host, case folded.
      const callee = n.type === 'call_expression' ? field(n, 'function') : undefined;
      if (callee?.type === 'member_expression' && !named(field(n, 'arguments') ?? n).length && CASE_FOLDS.has(this.src(field(callee, 'property') ?? callee))) n = field(callee, 'object') ?? n;
      let k = this.key(n);
      // `host = u.hostname; if (!ALLOWED.has(host)) return`: the check is of u's host.
      const alias = k ? f.derived?.get(k) : undefined;
      if (alias && HOST_CHECK.test(alias)) k = alias;
      else if (!HOST_CHECK.test(this.src(n))) return;
      const base = k?.split('.')[0];
      // `u.origin === location.origin`: u itself (its pathname, its href) points where the check allows.
      if (base && k!.split('.').length === 2) out.set(base, new Set([...(out.get(base) ?? []), 'ssrf', 'redirect']));
      const origin = base ? f.derived?.get(base) : undefined;
      if (origin) out.set(origin, new Set([...(out.get(origin) ?? []), 'ssrf', 'redirect']));
      const inner = through(n);
      if (inner.type === 'member_expression') {
        const obj = field(inner, 'object');
        const ctorArg = obj && (obj.type === 'new_expression' || obj.type === 'call_expression') ? named(field(obj, 'arguments') ?? obj)[0] : undefined;
        if (ctorArg) add(ctorArg, new Set(['ssrf', 'redirect']));
      }
    };
    // `u.protocol === 'https:'`, `const { protocol } = new URL(url); protocol === 'http:'`: the URL's scheme is the web's or mail's
    // (the `scheme` mark: a URL handed to the OS - Electron's openExternal - can no longer be file:, smb: or a custom
    // protocol; where it points is still anyone's)
    const schemeChecked = (n: JsNode, lit: unknown) => {
      if (typeof lit !== 'string' || !/^(?:https?|mailto):$/i.test(lit)) return;
      // (`new URL(url).protocol === 'https:'`: the check is of url's scheme)
      const inner = through(n);
      const made = inner.type === 'member_expression' && this.src(field(inner, 'property') ?? inner) === 'protocol' ? field(inner, 'object') : undefined;
      const ctorArg = made?.type === 'new_expression' ? named(field(made, 'arguments') ?? made)[0] : undefined;
      if (ctorArg) add(ctorArg, new Set(['scheme']));
      let k = this.key(n);
      const alias = k ? f.derived?.get(k) : undefined;
      if (alias?.endsWith('.protocol')) k = alias;
      else if (!k?.endsWith('.protocol')) return;
      const base = k.slice(0, -'.protocol'.length);
      if (base) out.set(base, new Set([...(out.get(base) ?? []), 'scheme']));
      const origin = base ? f.derived?.get(base) : undefined;
      if (origin) out.set(origin, new Set([...(out.get(origin) ?? []), 'scheme']));
    };
    switch (cond.type) {
      case 'parenthesized_expression':
        return named(cond)[0] ? this.guards(named(cond)[0]!, truth, f) : out;
      case 'identifier': {
        // a check kept in a const (see declarator); followed once (a binding that names itself ends here)
        const bound = this.conditionBindings.get(this.src(cond));
        if (!bound || this.conditionDepth > 2 || this.reassignedSince(bound, cond)) return out;
        this.conditionDepth++;
        try {
          return this.guards(bound, truth, f);
        } finally {
          this.conditionDepth--;
        }
      }
      case 'unary_expression': {
        const arg = named(cond)[0];
        if (operator(cond) === '!' && arg) return this.guards(arg, !truth, f);
        return out;
      }
      case 'binary_expression': {
        const op = operator(cond);
        const l = field(cond, 'left');
        const r = field(cond, 'right');
        if (!l || !r) return out;
        if ((op === '&&' && truth) || (op === '||' && !truth)) {
          merge(this.guards(l, truth, f));
          merge(this.guards(r, truth, f));
          return out;
        }
        // `if (full !== root && !full.startsWith(root + sep)) throw`: past it, one of the two holds; what both
        // vouch for holds either way.
        if ((op === '&&' && !truth) || (op === '||' && truth)) {
          const a = this.guards(l, truth, f);
          if (a.size === 0) return out; // nothing on one side: nothing both vouch for
          const b = this.guards(r, truth, f);
          for (const [k, cats] of a) {
            const other = b.get(k);
            if (!other) continue;
            const both = other.has('all') ? cats : cats.has('all') ? other : new Set([...cats].filter((c) => other.has(c)));
            if (both.size) out.set(k, new Set(both));
          }
          return out;
        }
        const eq = op === '===' || op === '==';
        const ne = op === '!==' || op === '!=';
        // `LIST.indexOf(x) !== -1` is LIST.includes(x); `full.indexOf(root + sep) !== 0` is !full.startsWith(…)
        const asCall = indexOfTest(l, r, op, this.text);
        if (asCall) {
          this.indexOfMeans = asCall.means;
          try {
            return this.guards(asCall.call, asCall.holds === truth, f);
          } finally {
            this.indexOfMeans = undefined;
          }
        }
        // `typeof x === 'number'`
        if ((eq && truth) || (ne && !truth)) {
          const lu = through(l);
          if (lu.type === 'unary_expression' && operator(lu) === 'typeof') {
            const lit = literalOf(r, this.text);
            if (lit.ok && (lit.value === 'number' || lit.value === 'boolean')) add(named(lu)[0], ALL);
            // A string cannot carry MongoDB operators or object keys.
            else if (lit.ok && lit.value === 'string') add(named(lu)[0], new Set(['no-operators', 'prototype']));
            return out;
          }
          const subject = (n: JsNode) => {
            add(n, ALL);
            messageFrom(n);
            hostChecked(n);
          };
          // `full === root` with root a value of the program's own: full is that value.
          const ownValue = (x: JsNode) => x.type === 'identifier' && !this.lookup(this.src(x), f)?.untrusted && !!this.lookup(this.src(x), f);
          if (ownValue(r) && l.type === 'identifier') add(l, ALL);
          else if (ownValue(l) && r.type === 'identifier') add(r, ALL);
          const litR = literalOf(r, this.text);
          const litL = literalOf(l, this.text);
          if (litR.ok) schemeChecked(l, litR.value);
          else if (litL.ok) schemeChecked(r, litL.value);
          if (litR.ok || /^[A-Z][A-Z0-9_]*$/.test(this.src(r)) || OWN_ORIGIN.test(this.src(r))) subject(l);
          else if (litL.ok || OWN_ORIGIN.test(this.src(l))) subject(r);
          // `dest.origin !== url.origin` with `dest = new URL(next, url.origin)`: two URLs on one origin (the page's own).
          else if (/\.origin$/.test(this.src(l)) && /\.origin$/.test(this.src(r)) && this.key(l)?.split('.')[0] !== this.key(r)?.split('.')[0]) {
            subject(l);
            subject(r);
          }
        }
        // A key compared with '__proto__' / 'constructor' has been looked at: either branch.
        if (eq || ne) {
          for (const [x, y] of [
            [l, r],
            [r, l],
          ] as const) {
            const lit = literalOf(y, this.text);
            if (lit.ok && typeof lit.value === 'string' && /^(__proto__|constructor|prototype)$/.test(lit.value)) add(x, new Set(['prototype']));
          }
        }
        if (op === 'in' && truth) add(l, ALL);
        return out;
      }
      case 'call_expression': {
        // `FORBIDDEN_KEYS.has(key)` with '__proto__' in the list: the key has been looked at, either branch.
        const deny = this.denyListCheck(cond);
        if (deny) add(deny, new Set(['prototype']));
        // `parts.some((p) => FORBIDDEN_KEYS.has(p))`: every element has been looked at.
        const iter = field(cond, 'function');
        if (iter?.type === 'member_expression' && /^(some|every|find|findIndex)$/.test(this.src(field(iter, 'property') ?? iter))) {
          const cb = named(field(cond, 'arguments') ?? cond)[0];
          const body = cb && FUNCTION_TYPES.has(cb.type) ? field(cb, 'body') : undefined;
          const check = body?.type === 'call_expression' ? body : body?.type === 'unary_expression' && named(body)[0]?.type === 'call_expression' ? named(body)[0] : undefined;
          if (check && this.denyListCheck(check)) add(field(iter, 'object'), new Set(['prototype']));
          // `TRUSTED.some((o) => back.startsWith(o + '/'))`, `ORIGINS.some((o) => url === o)`: checked against a constant list
          if (truth && /^(some|find)$/.test(this.src(field(iter, 'property') ?? iter)) && cb && body) {
            const listed = this.listedCheck(field(iter, 'object'), cb, body, f);
            if (listed) {
              add(listed.subject, listed.cats);
              hostChecked(listed.subject);
            }
          }
        }
        if (!truth) return out;
        const fn = field(cond, 'function');
        if (!fn) return out;
        const argNodes = named(field(cond, 'arguments') ?? cond);
        const text = this.src(fn);
        let last = text.slice(text.lastIndexOf('.') + 1);
        if (last === 'indexOf' && this.indexOfMeans) last = this.indexOfMeans;
        if (fn.type === 'member_expression') {
          const obj = field(fn, 'object');
          // allow-lists: ALLOWED.includes(x), allowed.has(x); a regex test: /^\d+$/.test(x)
          // `Object.prototype.hasOwnProperty.call(target, key)`, `Object.hasOwn(target, key)`: an own key is never __proto__.
          if ((text.endsWith('hasOwnProperty.call') || text === 'Object.hasOwn') && argNodes[1]) add(argNodes[1], new Set(['prototype']));
          // A regex that leaves the end open (`/^https?:\/\//i.test(url)`) checks a prefix, not the whole value.
          const openEnded = last === 'test' && !!obj && this.regexChecksPrefixOnly(obj);
          // ...unless the prefix it demands is a path on this site (`/^\/(?![\/\\])/`): no other host.
          if (openEnded && argNodes[0] && this.regexChecksPrefixOnly(obj!, /^\^\\\/(?!\\\/|\[\\\/)/)) add(argNodes[0], new Set(['redirect', 'ssrf']));
          if ((last === 'includes' || last === 'has' || last === 'test' || last === 'hasOwnProperty') && argNodes[0] && !openEnded) {
            add(argNodes[0], ALL);
            messageFrom(argNodes[0]);
            hostChecked(argNodes[0]);
          }
          if (this.set.knowledge.validatorMethods.has(last)) for (const a of argNodes.slice(0, 1)) add(a, ALL);
          // `u.hostname.endsWith('.hooks.example.com')`: a suffix that starts at a label boundary fixes the domain.
          if (last === 'endsWith' && obj && HOST_CHECK.test(this.src(obj)) && argNodes[0] && this.constText(argNodes[0])?.startsWith('.')) hostChecked(obj);
          if (last === 'startsWith' && obj) {
            const v = this.expr(obj, { ...f, env: copyEnv(f.env) });
            const normalized = (v.untrusted ?? v.nonConstant)?.clean.has('path-normalized');
            // A literal prefix, or a constant of the file (`PREFIX = '!'`), vouches for the URL only when it fixes the host
            // (`'https://'` alone does not).
            const lit = argNodes[0] ? this.constText(argNodes[0]) : undefined;
            const urlSafe = lit === undefined || prefixFixesHost(lit);
            // (`url.startsWith('https://')` does fix the scheme)
            const webScheme = lit !== undefined && /^https?:\/\//i.test(lit);
            add(obj, new Set([...(normalized ? ['path'] : []), ...(urlSafe ? ['ssrf', 'redirect'] : []), ...(webScheme ? ['scheme'] : [])]));
          }
        } else if (this.set.knowledge.validatorMethods.has(last) && argNodes[0]) add(argNodes[0], ALL);
        // `validator.isURL(u, { host_whitelist: [...] })`: a check given an allow-list.
        const listed = argNodes.some((a) => a.type === 'object' && named(a).some((p) => p.type === 'pair' && /(white|allow)_?list|allowed_?(hosts|origins|domains)/i.test(this.src(field(p, 'key') ?? p))));
        if (listed && argNodes[0]) add(argNodes[0], ALL);
        // `if (isAllowedRedirect(url))`, `if (validators.isSafePath(p))`: a predicate named for what it checks.
        if (this.set.knowledge.validatorNames?.test(last)) for (const a of argNodes.slice(0, 1)) add(a, ALL);
        // `isRelativeRedirect(next)`: named for a check of some rules only (a relative URL stays on the site; as a path it can still climb).
        else for (const z of this.set.knowledge.namedValidators) if (z.names.test(last)) for (const a of argNodes.slice(0, 1)) add(a, new Set(z.clears));
        return out;
      }
      default:
        return out;
    }
  }

  /**
   * `LIST.some((o) => x.startsWith(o + '/'))` / `(o) => x === o` with LIST a constant list of the file: x is one of
   * the listed values (all), or starts with one of them followed by a path (redirect- and SSRF-safe when every entry
   * fixes a host). The subject node and what it is clean of, or undefined.
   */
  private listedCheck(list: JsNode | undefined, cb: JsNode, body: JsNode, f: Frame): { subject: JsNode; cats: Set<string> } | undefined {
    const entries = list?.type === 'identifier' ? this.constLists.get(this.src(list)) : undefined;
    const params = field(cb, 'parameters') ?? field(cb, 'parameter');
    const p = params ? (params.type === 'identifier' ? params : named(params)[0]) : undefined;
    if (!list || !p) return undefined;
    const item = this.src(paramPattern(p) ?? p);
    // `config.allowedHosts.some((h) => u.hostname === h || u.hostname.endsWith(`.${h}`))`: a list of the program's own
    // (a constant of the file or any value no request made), each entry the whole host or a parent domain of it.
    const ownList = !!entries?.length || ((list.type === 'member_expression' || list.type === 'identifier') && isConst(this.expr(list, { ...f, env: copyEnv(f.env) })));
    if (ownList) {
      const alternatives = orOperands(body);
      const subjects = alternatives.map((a) => this.hostEntryMatch(a, item));
      const first = subjects[0];
      if (first && subjects.every((x) => x && this.src(x) === this.src(first))) return { subject: first, cats: alternatives.length === 1 && isEquality(body) ? new Set(['all']) : new Set(['ssrf', 'redirect']) };
    }
    if (!entries?.length) return undefined;
    if (body.type !== 'call_expression') return undefined;
    const fn = field(body, 'function');
    const arg = named(field(body, 'arguments') ?? body)[0];
    if (fn?.type !== 'member_expression' || this.src(field(fn, 'property') ?? fn) !== 'startsWith' || !arg) return undefined;
    const text = this.src(arg).replace(/\s+/g, '');
    // the entry itself fixes the host only with a path after it (`o + '/'`), or when every entry ends in `/`
    const fixes = text === `${item}+'/'` || text === `${item}+"/"` || text === `\`\${${item}}/\`` || (text === item && entries.every((e) => e.endsWith('/')));
    if (!fixes || !entries.every((e) => prefixFixesHost(e.endsWith('/') ? e : `${e}/`))) return undefined;
    const subject = field(fn, 'object');
    return subject ? { subject, cats: new Set(['redirect', 'ssrf']) } : undefined;
  }

  /** `x === item` (or `item === x`), or `x.endsWith(`.${item}`)` / `x.endsWith('.' + item)`: the x it compares with a list's item. */
  private hostEntryMatch(e: JsNode, item: string): JsNode | undefined {
    while (e.type === 'parenthesized_expression' && named(e)[0]) e = named(e)[0]!;
    if (isEquality(e)) {
      const l = field(e, 'left');
      const r = field(e, 'right');
      return l && this.src(l) === item ? r : r && this.src(r) === item ? l : undefined;
    }
    const fn = e.type === 'call_expression' ? field(e, 'function') : undefined;
    const arg = fn ? named(field(e, 'arguments') ?? e)[0] : undefined;
    if (fn?.type !== 'member_expression' || this.src(field(fn, 'property') ?? fn) !== 'endsWith' || !arg) return undefined;
    const text = this.src(arg).replace(/\s+/g, '');
    return text === `\`.\${${item}}\`` || text === `'.'+${item}` || text === `"."+${item}` ? field(fn, 'object') : undefined;
  }

  /**
   * Whether a name the kept check `bound` reads is written between the check and its test at `use` (`const ok =
   * LIST.includes(back); back = other; if (ok) …`): the check no longer speaks for it. Read from the text, so a
   * write in a string or a comment counts too (the check is then not used: erring toward reporting).
   */
  private reassignedSince(bound: JsNode, use: JsNode): boolean {
    if (use.start <= bound.end) return false;
    // (asked again each time the test is evaluated, and the text between can be most of a large file)
    let byUse = this.reassignments.get(bound);
    if (!byUse) this.reassignments.set(bound, (byUse = new Map()));
    let answer = byUse.get(use.start);
    if (answer === undefined) byUse.set(use.start, (answer = this.writtenBetween(bound, use)));
    return answer;
  }
  private readonly reassignments = new Map<JsNode, Map<number, boolean>>();

  private writtenBetween(bound: JsNode, use: JsNode): boolean {
    const between = this.text.slice(bound.end, use.start);
    const names = new Set(this.src(bound).match(/[A-Za-z_$][\w$]*/g) ?? []);
    for (const name of names) {
      if (!between.includes(name)) continue;
      const escaped = identifierPattern(name);
      if (new RegExp(`(^|[^\\w$.])${escaped}\\s*(?:[-+*/%&|^]|\\*\\*|<<|>>>?|\\?\\?|&&|\\|\\|)?=(?!=)|(\\+\\+|--)\\s*${escaped}\\b|\\b${escaped}\\s*(\\+\\+|--)`).test(between)) return true;
    }
    return false;
  }

  /** A string literal, or a name bound once in the file to one (`const SUFFIX = '.example.com'`). */
  private constText(n: JsNode): string | undefined {
    const lit = literalOf(n, this.text);
    if (lit.ok) return typeof lit.value === 'string' ? lit.value : undefined;
    if (n.type !== 'identifier') return undefined;
    // (a search of the whole text per name, once: templates that start with the same constant are common)
    const key = this.src(n);
    if (this.constTexts.has(key)) return this.constTexts.get(key);
    const name = identifierPattern(key);
    const m = new RegExp(`\\bconst\\s+${name}\\s*(?::\\s*string\\s*)?=\\s*(['"\`])([^'"\`$\\\\]*)\\1`).exec(this.text);
    this.constTexts.set(key, m?.[2]);
    return m?.[2];
  }
  private readonly constTexts = new Map<string, string | undefined>();

  /**
   * `/^(\w+\s?)*$/.test(name)`, `name.match(RE)` with such a regex bound to RE: a regex whose nested repetition can
   * backtrack for exponential time (config/regex-safety.ts), run on request data: ReDoS (CWE-1333), reported by
   * the rules' `regex` category.
   */
  private checkBacktrackingRegex(n: JsNode, fn: JsNode, last: string, recvNode: JsNode | undefined, recv: Val | undefined, args: CallArgs): void {
    let re: JsNode | undefined;
    let subject: Val | undefined;
    if ((last === 'test' || last === 'exec') && recvNode) {
      re = recvNode;
      subject = args.positional[0]?.val;
    } else if (/^(match|matchAll|replace|replaceAll|search|split)$/.test(last) && args.positional[0]) {
      re = args.positional[0].node;
      subject = recv;
    }
    // untrusted data, or what an exported function is given (`export function isValidSku(sku) { return /^(\w+-?)+$/.test(sku) }`)
    const from = subject?.untrusted && !subject.untrusted.local ? subject.untrusted : subject?.nonConstant?.exposed ? subject.nonConstant : undefined;
    if (!re || !from) return;
    const literal = re.type === 'regex' ? re : re.type === 'identifier' ? this.regexBinding(re) : undefined;
    const pattern = literal ? this.src(field(literal, 'pattern') ?? literal) : undefined;
    const why = pattern ? exponentialBacktracking(pattern) : undefined;
    const rule = why ? this.set.rules.find((r): r is TaintRule => r.kind === 'taint' && r.category === 'regex' && this.active.has(r)) : undefined;
    const what = from === subject?.untrusted ? `untrusted data (${from.src})` : `the value an exported function is given (${from.src})`;
    if (rule) this.hit(rule, callSite(n, fn), `${what} is matched by a regex that can backtrack for exponential time: ${why}`, `${this.callee(fn)}(…)`, from !== subject?.untrusted);
  }

  /** The regex literal a name of the file is bound to (`const NAME_RE = /…/`). */
  private regexBinding(id: JsNode): JsNode | undefined {
    return this.regexBindings.get(this.src(id));
  }

  /**
   * Whether `re` (a regex literal, or a name the file binds to one) is anchored at the start but not at the end:
   * it vouches for how a value begins (`^https?://`), not for what it holds.
   */
  private regexChecksPrefixOnly(re: JsNode, prefix?: RegExp): boolean {
    let node: JsNode | undefined = re;
    if (re.type === 'identifier') node = this.regexBinding(re);
    if (node?.type !== 'regex') return false;
    const pattern = this.src(field(node, 'pattern') ?? node);
    return pattern.startsWith('^') && !/(^|[^\\])\$$/.test(pattern) && (!prefix || prefix.test(pattern));
  }

  /** `@Get(':id') show(…)`: a method with one of the rules' route decorators (NestJS sends a returned string as HTML). */
  private isRouteMethod(fn: JsNode): boolean {
    const decos = named(fn).filter((c) => c.type === 'decorator');
    const siblings = fn.parent ? named(fn.parent) : [];
    for (let i = siblings.indexOf(fn) - 1; i >= 0 && siblings[i]!.type === 'decorator'; i--) decos.push(siblings[i]!);
    return decos.some((d) => this.set.knowledge.routeDecorators.has(this.src(d).replace(/^@/, '').split('(')[0]!.split('.').pop()!));
  }

  /**
   * A handler whose return value is the response: the function handed to h3's / Nuxt's / Nitro's
   * `defineEventHandler(…)` (`eventHandler`, `defineCachedEventHandler`), or a Fastify route handler. A string returned
   * is sent as HTML unless the handler says otherwise.
   */
  private isEventHandler(fn: JsNode): boolean {
    const call = fn.parent?.type === 'arguments' ? fn.parent.parent : undefined;
    const callee = call?.type === 'call_expression' ? field(call, 'function') : undefined;
    if (!callee) return false;
    if (named(fn.parent!)[0] === fn && EVENT_HANDLER_MAKERS.test(this.src(callee))) return true;
    // Fastify: `app.get('/x', opts, async (request, reply) => \`<h1>…\`)` sends what the handler returns (an Express
    // handler's return value is ignored; Fastify's names its second parameter `reply`)
    const params = field(fn, 'parameters');
    const second = params ? named(params).filter((p) => p.type !== 'comment')[1] : undefined;
    return callee.type === 'member_expression' && ROUTE_METHOD.test(this.src(field(callee, 'property') ?? callee)) && !!second && /^reply\b/.test(this.src(second));
  }

  private checkReturnSinks(at: JsNode, valueNode: JsNode, val: Val): void {
    for (const r of this.active) {
      if (r.kind !== 'taint') continue;
      for (const sink of r.sinks) {
        if (!sink.return) continue;
        if (sink.text && !isText({ node: valueNode, val })) continue;
        const why = fires(val, r, sink);
        if (why) this.hit(r, at, `${why.text} is returned as the response`, 'return …', why.weak, sink.cwe);
      }
    }
  }

  /** `function send(…)` or `const send = …` in this file (not a method or property named so: `{ async fetch(req) {} }`). */
  private declared?: ReadonlySet<string>;
  private declaresFunction(name: string): boolean {
    // every such name of the file in one pass: a search per name was quadratic in large files
    this.declared ??= new Set(Array.from(this.text.matchAll(DECLARED_NAME), (m) => m[1] ?? m[2]!));
    return this.declared.has(name);
  }

  private callsOwnClass(fn: JsNode, recv: Val | undefined): boolean {
    if (fn.type !== 'member_expression') return false;
    // `this.findOne(id)` in a class that defines findOne: its own method, not a library's
    const cls = field(fn, 'object')?.type === 'this' ? enclosingClassName(fn, this.text) : undefined;
    if (cls && this.classMethods.get(cls)?.has(this.src(field(fn, 'property') ?? fn))) return true;
    // `const service = new UserService()` of this file: `service.find(id)` is its own method (when the class defines it).
    const made = recv?.ctor?.match(/^([A-Za-z_$][\w$]*)\(\)$/);
    if (made && this.classMethods.get(made[1]!)?.has(this.src(field(fn, 'property') ?? fn))) return true;
    if (!this.fieldTypes.size) return false;
    const obj = field(fn, 'object');
    if (obj?.type !== 'member_expression' || field(obj, 'object')?.type !== 'this') return false;
    const t = this.fieldTypes.get(this.src(field(obj, 'property') ?? obj));
    return !!t && this.classes.has(t);
  }

  /** `X.has(k)` / `X.includes(k)` where X is a constant list naming '__proto__' or 'constructor': the checked key. */
  private denyListCheck(cond: JsNode): JsNode | undefined {
    const fn = field(cond, 'function');
    if (fn?.type !== 'member_expression') return undefined;
    const obj = field(fn, 'object');
    const method = this.src(field(fn, 'property') ?? fn);
    if (!obj || (method !== 'has' && method !== 'includes')) return undefined;
    const list = this.constLists.get(this.src(obj));
    if (!list?.some((x) => x === '__proto__' || x === 'constructor' || x === 'prototype')) return undefined;
    return named(field(cond, 'arguments') ?? cond)[0];
  }

  private applyGuards(g: ReadonlyMap<string, Set<string>>, f: Frame): void {
    if (g.size === 0) return;
    for (const [k, cats] of g) {
      const v = this.lookup(k, f);
      if (v) f.env.set(k, clear(v, cats));
      else {
        // A checked request field (`req.query.url`) is remembered like a variable from here on.
        const s = this.set.sources.prefixOf([k]);
        if (s) f.env.set(k, clear(this.sourceVal(s), cats));
        else {
          // `details.url` of a tainted parameter `details`: the checked part is remembered on its own.
          for (let i = k.lastIndexOf('.'); i > 0; i = k.lastIndexOf('.', i - 1)) {
            const base = this.lookup(k.slice(0, i), f);
            if (!base) continue;
            if (!isConst(base)) f.env.set(k, clear(carried(base), cats));
            break;
          }
        }
      }
    }
  }
}

const NO_KEYWORDS: ReadonlyMap<string, Arg> = new Map();
const NO_GUARDS: ReadonlyMap<string, Set<string>> = new Map();

type AssignPattern = { rule: PatternRule; p: PatternRule['patterns'][number] };
const assignIndexes = new WeakMap<RuleSet, NameIndex<AssignPattern>>();
/** Every pattern rule's `assign` patterns, indexed by the names they match, in rule and pattern order. */
function assignPatternIndex(set: RuleSet): NameIndex<AssignPattern> {
  let index = assignIndexes.get(set);
  if (!index) {
    index = new NameIndex<AssignPattern>();
    for (const rule of set.rules) if (rule.kind === 'pattern') for (const p of rule.patterns) if (p.assign) index.add(p.assign, { rule, p });
    assignIndexes.set(set, index);
  }
  return index;
}

const EMPTY_FRAME: Frame = { env: new Map(), fnName: '' };

/**
 * A node-style decision callback (`(origin, cb) => cb(null, origin || true)`) that, on a path with no
 * condition, answers `true` or echoes what it was asked about: it allows everything.
 */
function alwaysAnswersTrue(fn: JsNode, text: string): boolean {
  const src = (n: JsNode) => text.slice(n.start, n.end);
  const ps = field(fn, 'parameters');
  const names = ps ? named(ps).map((p) => paramName(p, text)) : [];
  const [asked, cb] = names;
  if (!asked) return false;
  const body = field(fn, 'body');
  if (!body) return false;
  const allows = (v: JsNode | undefined): boolean => {
    if (!v) return false;
    const t = src(v).replace(/\s+/g, '');
    return t === 'true' || t === asked || t === `${asked}||true` || t === `${asked}??true` || t === `!!${asked}` || t === `true||${asked}` || t === `Boolean(${asked})`;
  };
  let found = false;
  const walk = (n: JsNode): void => {
    if (found || n.type === 'if_statement' || n.type === 'ternary_expression' || n.type === 'switch_statement' || (n !== body && FUNCTION_TYPES.has(n.type))) return;
    if (n.type === 'binary_expression' && /^(&&|\|\|)$/.test(operator(n) ?? '') && !allows(n)) return;
    if (cb && n.type === 'call_expression' && src(field(n, 'function') ?? n) === cb) {
      const a = named(field(n, 'arguments') ?? n);
      if (allows(a[1])) found = true;
    }
    // Hono and others take the answer as the return value: `origin: (origin) => origin`.
    if (n.type === 'return_statement' && allows(named(n)[0])) found = true;
    for (const c of named(n)) walk(c);
  };
  if (body.type !== 'statement_block' && allows(body)) return true;
  walk(body);
  return found;
}

/** `['a', 'b']`, `new Set(['a', 'b'])`, `Object.freeze([...])`: the strings of a constant list. */
function constStrings(n: JsNode, text: string): string[] | undefined {
  let v = n;
  while ((v.type === 'new_expression' || v.type === 'call_expression') && field(v, 'arguments')) {
    const first = named(field(v, 'arguments')!)[0];
    if (!first) return undefined;
    v = first;
  }
  if (v.type !== 'array') return undefined;
  const out: string[] = [];
  for (const x of named(v)) {
    const s = x.type === 'string' ? stringValue(x, text) : undefined;
    if (s === undefined) return undefined;
    out.push(s);
  }
  return out;
}

const TEMP_DIR_CALLS = new Set(['os.tmpdir', 'node:os.tmpdir', 'os.default.tmpdir']);
const MKDTEMP_CALLS = new Set(['fs.mkdtempSync', 'fs.mkdtemp', 'fs.promises.mkdtemp', 'fs/promises.mkdtemp', 'fs-extra.mkdtemp', 'fs-extra.mkdtempSync', 'fs.default.mkdtempSync']);
const PATH_JOINS = new Set(['path.join', 'path.resolve', 'path.default.join', 'path.default.resolve', 'path.posix.join']);

/** Channels between parts of one program: worker_threads' parentPort, the process's IPC channel (a `new Worker()` is told by its constructor, not its name). */
const OWN_CHANNEL = /^(?:(?:worker_threads\.|workerThreads\.)?parentPort|process|cluster\.worker)!?$/;

/** What a helper's body escapes, read from the replacements it makes: HTML entities, regex metacharacters. */
function escapedCategories(body: string): Set<string> {
  const out = new Set<string>();
  if (body.length > 2000) return out;
  if (/&lt;/.test(body) && /&(gt|quot|#0?39|#x27|amp);/.test(body)) out.add('xss');
  // `s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)`: every markup character becomes a numeric entity.
  if (/\.replace(?:All)?\(\s*\/\[[^\]\/]*<[^\]\/]*\]\/[a-z]*g/.test(body) && /[`'"]&#(?:x)?\$\{|['"]&#(?:x)?['"]\s*\+/.test(body)) out.add('xss');
  // `JSON.stringify(state).replace(/</g, '\\u003c')`: no `<` is left (the way to put JSON in a <script> block).
  if (/\/<\/g|\/\[[^\]\/]*<[^\]\/]*\]\/[a-z]*g/.test(body) && /\\\\u003c|\\\\x3c/i.test(body)) out.add('xss');
  if (/\\\\\$&|\\\\\$1/.test(body) && /replace/.test(body)) out.add('regex');
  // `'"' + name.replace(/"/g, '""') + '"'` (or with backticks): an SQL identifier quoted the standard way, each quote
  // inside doubled (pg-format's quoteIdent, written by hand).
  if (/\.replace(?:All)?\(\s*(?:\/"\/g|'"')\s*,\s*(?:'""'|`""`)\s*\)/.test(body) && /'"'\s*\+|`"\$\{/.test(body)) out.add('sql');
  if (/\.replace(?:All)?\(\s*(?:\/`\/g|'`'|"`")\s*,\s*(?:'``'|"``")\s*\)/.test(body) && /'`'\s*\+|"`"\s*\+/.test(body)) out.add('sql');
  // RFC 4515 escapes (`*` → \\2a, `(` → \\28, `\\` → \\5c): an LDAP filter value escaper.
  if (/\\\\2a/i.test(body) && /\\\\28/.test(body) && /replace/.test(body)) out.add('ldap');
  // Everything but a kept set of name characters stripped: safe for every sink but SQL, where a bare name is still
  // an identifier the caller chose (`ORDER BY ${col}`), as in the Python front end.
  if (/\.replace(All)?\(\s*\/\[\^(?:[^\]\/\\]|\\[wd.\-_ ])*\]\+?\/[a-z]*g[a-z]*\s*,\s*(''|""|``)\s*\)/.test(body)) {
    for (const c of ALL_BUT_SQL) out.add(c);
  }
  return out;
}

/**
 * Text put together from parts: carries what they carry; it is "opaque" (not the attacker's text,
 * e.g. a database row fetched with a request id) only when every untrusted part is.
 */
function joinText(...parts: Val[]): Val {
  const v: Val = join(...parts);
  const untrusted = parts.filter((p) => p.untrusted);
  if (untrusted.length && untrusted.every((p) => p.opaque)) return { ...v, opaque: true };
  return v;
}

/** Where a call is reported: a chained method call (`.where(…)` on its own line) at its method name. */
function callSite(n: JsNode, fn: JsNode): { start: number; end: number } {
  const prop = fn.type === 'member_expression' ? field(fn, 'property') : undefined;
  return prop ? { start: prop.start, end: n.end } : n;
}

/** Whether a value given to a text sink is text: not an object or array literal, not an unknown call's result. */
function isText(a: Arg): boolean {
  if (a.node.type === 'object' || a.node.type === 'array') return false;
  return !(a.val as Val).opaque;
}

/**
 * `a.indexOf(b) !== -1` (`> -1`, `>= 0`) holds when a includes b; `=== -1` (`< 0`) when it does not;
 * `=== 0` when a starts with b, `!== 0` when it does not. The indexOf call, what it stands for, and
 * whether the comparison holding means that call is true.
 */
function indexOfTest(l: JsNode, r: JsNode, op: string | undefined, text: string): { call: JsNode; means: 'includes' | 'startsWith'; holds: boolean } | undefined {
  const isIndexOf = (n: JsNode) => n.type === 'call_expression' && /\.indexOf$/.test(text.slice(field(n, 'function')?.start ?? 0, field(n, 'function')?.end ?? 0));
  const [call, num] = isIndexOf(l) ? [l, r] : isIndexOf(r) ? [r, l] : [];
  if (!call || !num || !op) return undefined;
  const v = text.slice(num.start, num.end).replace(/\s+/g, '');
  const flip = call === r; // `-1 !== a.indexOf(b)`
  const o = flip ? ({ '<': '>', '>': '<', '<=': '>=', '>=': '<=' } as Record<string, string>)[op] ?? op : op;
  if (v === '-1' && /^(!==|!=|>)$/.test(o)) return { call, means: 'includes', holds: true };
  if (v === '-1' && /^(===|==|<=)$/.test(o)) return { call, means: 'includes', holds: false };
  if (v === '0' && o === '>=') return { call, means: 'includes', holds: true };
  if (v === '0' && o === '<') return { call, means: 'includes', holds: false };
  if (v === '0' && /^(===|==)$/.test(o)) return { call, means: 'startsWith', holds: true };
  if (v === '0' && /^(!==|!=)$/.test(o)) return { call, means: 'startsWith', holds: false };
  return undefined;
}

/** The function (declaration, expression, arrow or method) a node is in. */
function enclosingFunction(n: JsNode): JsNode | undefined {
  for (let x = n.parent; x; x = x.parent) if (FUNCTION_TYPES.has(x.type) || x.type === 'function_declaration' || x.type === 'method_definition' || x.type === 'generator_function_declaration') return x;
  return undefined;
}

/** A function's name: its own, or the variable it is assigned to (`const f = () => …`). */
function functionName(fn: JsNode, text: string): string {
  const own = nameOf(fn, text);
  if (own) return own;
  const up = fn.parent;
  const n = up?.type === 'variable_declarator' ? field(up, 'name') : undefined;
  return n?.type === 'identifier' ? text.slice(n.start, n.end) : '';
}

function nameOf(fn: JsNode, text: string): string {
  const n = field(fn, 'name');
  return n ? text.slice(n.start, n.end) : '';
}

function paramPattern(p: JsNode): JsNode | undefined {
  if (p.type === 'identifier' || p.type === 'object_pattern' || p.type === 'array_pattern' || p.type === 'assignment_pattern' || p.type === 'rest_pattern') return p;
  return field(p, 'pattern') ?? named(p).find((c) => c.type === 'identifier' || c.type.endsWith('_pattern'));
}

function paramName(p: JsNode, text: string): string {
  let pat = paramPattern(p);
  if (pat?.type === 'assignment_pattern') pat = field(pat, 'left');
  if (pat?.type === 'rest_pattern') pat = named(pat)[0];
  return pat?.type === 'identifier' ? text.slice(pat.start, pat.end) : '';
}

/** Calls that turn a literal into key bytes (the literal is the key). */
const KEY_FROM_LITERAL = /^(?:Buffer\.from|(?:new\s+)?TextEncoder\(\)\.encode|Uint8Array\.from|encoder\.encode|enc\.encode)\s*\(/;

/** Callback parameters of a handler registered for later (not a `.then` or an iteration callback, which run in place). */
const REGISTERED = new WeakSet<Val[]>();
/** How the summaries name a parameter: by its name, or `#<position>` when it is destructured (`async tag(msg, [name])`). */
const paramKey = (name: string, i: number): string => name || `#${i}`;

const registered = (params: Val[]): Val[] => {
  REGISTERED.add(params);
  return params;
};

/** A Joi field that holds no free text: a number, boolean or date, an allow-listed value, hex, alphanumeric, a GUID. */
const JOI_NO_TEXT = /^(?:Joi|joi)\.(?:number|boolean|date)\(|\.(?:valid|hex|alphanum|guid|uuid|isoDate|integer)\((?![^]*\.(?:allow|concat|alter)\()/;
/** A Joi scalar (a string, number, boolean or date, whatever its validators): never an object. */
const JOI_SCALAR = /^(?:Joi|joi)\.(?:string|number|boolean|date)\(/;
/** zod field types that admit no free text (whitespace removed): enums, literals, numbers, booleans, dates, UUIDs. */
const ZOD_NO_TEXT = /^z\.(?:(?:enum|nativeEnum|literal|number|boolean|date|bigint|coerce\.(?:number|boolean|date|bigint))\(|string\(\)(?:\.\w+\([^()]*\))*?\.(?:uuid|cuid2?|ulid|datetime|ip)\(|array\(z\.(?:enum|nativeEnum|literal|number|boolean|date)\()/;
/** A zod scalar: a string, number, boolean, date, enum or literal, with validators but nothing that widens it. */
const ZOD_SCALAR = /^z\.(?:string|number|boolean|date|bigint|enum|nativeEnum|literal|coerce\.(?:string|number|boolean|date|bigint))\((?:[^()]|\([^()]*\))*\)(?:\.(?:min|max|length|regex|email|url|uuid|cuid2?|ulid|datetime|ip|trim|toLowerCase|toUpperCase|int|positive|nonnegative|negative|finite|optional|nullable|default|describe|startsWith|endsWith|includes|nonempty)\((?:[^()]|\([^()]*\))*\))*$/;
/** ...unless something widens it again (`.or(z.string())`, a transform). */
const ZOD_WIDENED = /\.(?:or|and|transform|pipe|catch)\(|z\.(?:string|any|unknown|record)\((?![^]*\.(?:uuid|cuid2?|ulid|datetime|ip)\()/;

function propertyName(k: JsNode, text: string): string | undefined {
  if (k.type === 'property_identifier' || k.type === 'identifier' || k.type === 'private_property_identifier') return text.slice(k.start, k.end);
  if (k.type === 'string') return stringValue(k, text);
  if (k.type === 'number') return text.slice(k.start, k.end);
  return undefined;
}

/**
 * A literal given where a call takes its key or secret (`jwt.sign(p, 'secret')`,
 * `session({ secret: 'keyboard cat' })`): a credential even when it reads like a placeholder
 * word, unless it is empty, an environment variable's name or a template.
 */
function keyArgument(rule: CredentialRule, literal: string | undefined): string | undefined {
  const v = credentialValue(rule, literal);
  if (v !== undefined || literal === undefined) return v;
  const t = literal.trim();
  if (t.length < 4 || /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(t) || /^\$\{|^<.*>$|^\{.*\}$|^%\(/.test(t)) return undefined;
  return literal;
}

/** `dbPassword` → `db_password`, `apiKEY` → `api_key`: credential names are written for snake_case. */
function snakeCase(name: string): string {
  // Property and variable names repeat through a file and a tree (`error`, `message`, `id`): two
  // regex replacements each time showed in profiles. The memo is dropped when it grows large.
  let out = snakeMemo.get(name);
  if (out === undefined) {
    out = name
      .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
      .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
      .toLowerCase();
    if (snakeMemo.size >= 4096) snakeMemo.clear();
    snakeMemo.set(name, out);
  }
  return out;
}
const snakeMemo = new Map<string, string>();

/** Names of functions that build markup (`contactCard`, `renderTicketPage`, `buildEmailHtml`, `receiptTemplate`). */
const HTML_BUILDER = /^[a-z]\w*(Html|HTML|Page|Card|Markup|Email|Template|Snippet|Fragment|Banner|Widget|Layout)$|^render[A-Z]\w*$|^(layout|wrapLayout)$/;
/** A module specifier of the project itself: relative, rooted, or one of the usual path aliases. */
/** Expressions a `const` may keep as a check for later (`const ok = a && LIST.includes(b)`). */
const CONDITION_NODES = new Set(['binary_expression', 'unary_expression', 'call_expression', 'parenthesized_expression']);

/** `function name(` and `const name =` (`let`, `var`), not after a `.` or inside a longer word: the name. */
const DECLARED_NAME = /(?<![.\w$])(?:function\s*\*?\s*([^\s(]+)\s*\(|(?:const|let|var)\s+([^\s=]+)\s*=)/g;

/** An identifier as a regex source (`$` is its only character a regex reads as syntax). */
function identifierPattern(name: string): string {
  return name.replace(/[$]/g, '\\$&');
}

/** Keys of a MongoDB query whose value is JavaScript the server runs: there a string is code, not a harmless value. */
const MONGO_CODE_KEYS: ReadonlySet<string> = new Set(['$where', '$function', '$accumulator']);

/** Query operators whose operand MongoDB compares as a value (an object in it is matched literally, not run). */
const MONGO_LITERAL_OPERANDS: ReadonlySet<string> = new Set(['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin']);

/** Calls that parse text into objects: what they give can be a MongoDB operator object, whatever text they read. */
const PARSE_CALLS: ReadonlySet<string> = new Set(['JSON.parse', 'JSON5.parse', 'json5.parse', 'EJSON.parse', 'bson.EJSON.parse', 'yaml.parse', 'YAML.parse', 'yaml.load', 'js-yaml.load', 'jsyaml.load', 'qs.parse', 'querystring.parse', 'node:querystring.parse', 'destr', 'secure-json-parse.parse', 'sjson.parse']);

/** A value put under such a key, or parsed into objects: being a string (`no-operators`) no longer makes it safe in the query. */
function asQueryCode(v: Val): Val {
  const drop = (o: Origin | undefined) => (o && (o.clean.has('no-operators') || o.clean.has('nosql')) ? { ...o, clean: new Set([...o.clean].filter((c) => c !== 'no-operators' && c !== 'nosql')) } : o);
  if (!v.untrusted && !v.nonConstant) return v;
  const out: Val = { ...v };
  if (v.untrusted) out.untrusted = drop(v.untrusted);
  if (v.nonConstant) out.nonConstant = drop(v.nonConstant);
  return out;
}

/** Methods of dependency-injection containers that hand out an instance (`resolve`, `get`, their async forms). */
const DI_LOOKUPS: ReadonlySet<string> = new Set(['resolve', 'get', 'getAsync', 'resolveAsync', 'getService']);

/** What the key names `Object.keys(x)` lists are clean of: no operator object, and no prototype pollution by themselves. */
const KEY_NAMES: ReadonlySet<string> = new Set(['no-operators', 'prototype']);

/** Methods that change only a text's case or outer spaces: checking their result checks the text (`toString` too). */
const CASE_FOLDS: ReadonlySet<string> = new Set(['toString', 'toLowerCase', 'toUpperCase', 'toLocaleLowerCase', 'toLocaleUpperCase', 'trim']);

/** Methods whose result is always a string (or a list of strings), whatever the receiver was. */
const STRING_RESULT: ReadonlySet<string> = new Set(['trim', 'trimStart', 'trimEnd', 'toLowerCase', 'toUpperCase', 'toLocaleLowerCase', 'toLocaleUpperCase', 'replace', 'replaceAll', 'substring', 'substr', 'padStart', 'padEnd', 'repeat', 'normalize', 'charAt', 'split']);

/**
 * What a value that cannot be a query operator object is clean of: safe in a MongoDB query object (sinks with
 * `clean-of-any: [no-operators]`), not in query text (PostgREST filters, DynamoDB expressions).
 */
const NO_OPERATORS: ReadonlySet<string> = new Set(['no-operators']);

/** Names that say a value is a secret (an environment variable's or a variable's, in any case style). */
const SECRETISH = /pass(word|wd|phrase)?|pwd|secret|token|api_?key|apikey|private_?key|signing_?key|session_?key|credential/i;
/** Where a value is given a name checkCredential reads (a variable, a property, an assignment, a parameter default). */
const NAMED_PLACE = new Set(['variable_declarator', 'pair', 'assignment_expression', 'public_field_definition', 'assignment_pattern', 'required_parameter', 'optional_parameter']);
/** Reads of the environment or a configuration store by name. */
const ENV_READ = /^(process\.env|Bun\.env|import\.meta\.env|Deno\.env\.get|env|Env|config|Config|nconf|convict)\b/;

/**
 * `process.env.X || 'default'`, `import.meta.env.X ?? 'default'`, `Env.get('X', 'default')`, `env('X', 'default')`:
 * the literal default of a value read from the environment, and the variable's name.
 */
function envFallback(node: JsNode, text: string): { literal: string; variable: string } | undefined {
  const src = (n: JsNode) => text.slice(n.start, n.end);
  if (node.type === 'binary_expression') {
    const l = field(node, 'left');
    const r = field(node, 'right');
    if (!l || !r || !/^\s*(\|\||\?\?)\s*$/.test(text.slice(l.end, r.start))) return undefined;
    const lit = literalOf(r, text);
    const left = src(l);
    if (!lit.ok || typeof lit.value !== 'string' || !ENV_READ.test(left)) return undefined;
    return { literal: lit.value, variable: left.replace(/^.*[.[('"]\s*/, '').replace(/['"\])\s]+$/, '') };
  }
  if (node.type === 'call_expression') {
    const fn = field(node, 'function');
    const args = field(node, 'arguments');
    const [name, dflt] = args ? named(args) : [];
    if (!fn || !name || !dflt || !ENV_READ.test(src(fn)) || !/^(env|get|Env\.get|env\.get|config\.get|Config\.get)$/.test(src(fn).replace(/^.*\.(?=get$)/, ''))) return undefined;
    const n = literalOf(name, text);
    const d = literalOf(dflt, text);
    if (!n.ok || typeof n.value !== 'string' || !d.ok || typeof d.value !== 'string') return undefined;
    return { literal: d.value, variable: n.value };
  }
  return undefined;
}

/**
 * The names a file exports by a list or CommonJS: `export { a, b as c }`, `export default a`,
 * `module.exports = { a, b: c }` (and `= a`), `exports.x = a` / `module.exports.x = a`. Read once per file.
 */
/** The name of the class whose body holds `n`, if any. */
function enclosingClassName(n: JsNode, text: string): string | undefined {
  for (let p = n.parent; p; p = p.parent) {
    if (p.type === 'class_declaration' || p.type === 'class') {
      const name = field(p, 'name');
      return name ? text.slice(name.start, name.end) : undefined;
    }
  }
  return undefined;
}

/** The local name of a module's default export (`export default function render`, `module.exports = render`), if named. */
function defaultExportOf(text: string): string | undefined {
  return /\b(?:export\s+default|module\.exports\s*=)\s*(?:async\s+)?(?:function\*?\s*)?(?:class\s+)?([A-Za-z_$][\w$]*)/.exec(text)?.[1];
}

function exportedNamesOf(text: string): Set<string> {
  const out = new Set<string>();
  if (!text.includes('export')) return out;
  const ids = (list: string) => {
    for (const part of list.split(',')) {
      const m = /^\s*(?:[\w$]+\s*:\s*)?([A-Za-z_$][\w$]*)/.exec(part.replace(/\s+as\s+[\w$]+/, ''));
      if (m) out.add(m[1]!);
    }
  };
  for (const m of text.matchAll(/\bexport\s*\{([^}]*)\}/g)) ids(m[1]!);
  for (const m of text.matchAll(/\bmodule\.exports\s*=\s*\{([^}]*)\}/g)) ids(m[1]!);
  for (const m of text.matchAll(/\b(?:export\s+default|module\.exports\s*=|(?:module\.)?exports\.[\w$]+\s*=)\s*([A-Za-z_$][\w$]*)\s*[;\n]/g)) out.add(m[1]!);
  return out;
}

/** The text of a string literal (escapes kept as written). */
export function stringValue(n: JsNode, text: string): string | undefined {
  if (n.type !== 'string') return undefined;
  let s = '';
  for (const c of n.children) if (c.type === 'string_fragment' || c.type === 'escape_sequence') s += text.slice(c.start, c.end);
  return s;
}

export type Literal = { ok: true; value: string | number | boolean | null } | { ok: false };

/** The value of a literal node (strings, templates without substitutions, numbers, booleans, null). */
export function literalOf(n: JsNode, text: string): Literal {
  switch (n.type) {
    case 'true':
      return { ok: true, value: true };
    case 'false':
      return { ok: true, value: false };
    case 'null':
    case 'undefined':
      return { ok: true, value: null };
    case 'number': {
      const v = Number(text.slice(n.start, n.end).replace(/_/g, ''));
      return Number.isFinite(v) ? { ok: true, value: v } : { ok: false };
    }
    case 'string':
      return { ok: true, value: stringValue(n, text) ?? '' };
    case 'template_string': {
      let s = '';
      for (const c of named(n)) {
        if (c.type === 'template_substitution') return { ok: false };
        s += text.slice(c.start, c.end);
      }
      return { ok: true, value: s };
    }
    case 'unary_expression': {
      // `!0` / `!1` (minified booleans), `-1`
      const arg = named(n)[0];
      const op = operator(n);
      const inner = arg ? literalOf(arg, text) : { ok: false as const };
      if (!inner.ok) return inner;
      if (op === '!') return { ok: true, value: !inner.value };
      if (op === '-' && typeof inner.value === 'number') return { ok: true, value: -inner.value };
      return { ok: false };
    }
    case 'parenthesized_expression':
    case 'as_expression':
    case 'satisfies_expression':
      return named(n)[0] ? literalOf(named(n)[0]!, text) : { ok: false };
    default:
      return { ok: false };
  }
}

/** The innermost call whose arguments hold this node, within the same statement. */
/**
 * The constant text a value follows when it ends a path segment's prefix: `\`https://host/s/${x}\``
 * gives `https://host/s/`, `base + '/files/' + x` gives `/files/`; undefined when x does not follow a `/`.
 */
function pathPrefixBefore(x: JsNode, text: string): string | undefined {
  const p = x.parent;
  let before: string | undefined;
  if (p?.type === 'template_substitution' && p.parent?.type === 'template_string') before = text.slice(p.parent.start + 1, p.start);
  else if (p?.type === 'binary_expression' && field(p, 'right') === x && operator(p) === '+') {
    let l = field(p, 'left');
    if (l?.type === 'binary_expression' && operator(l) === '+') l = field(l, 'right');
    if (l && (l.type === 'string' || l.type === 'template_string')) before = text.slice(l.start + 1, l.end - 1);
  }
  return before !== undefined && before.endsWith('/') ? before : undefined;
}

/** A URL, not a file path: an absolute http(s) URL, one built on a base URL or origin, or a path given to a URL-named target. */
const URL_TEXT = /^(?:https?:\/\/|\$\{[^}]*(?:url|origin|host|base|domain|site)[^}]*\})/i;
const URL_NAME = /(?:url|uri|link|href|location|redirect)$/i;

function enclosingCall(n: JsNode): JsNode | undefined {
  for (let p = n.parent; p && !p.type.endsWith('_statement') && p.type !== 'statement_block'; p = p.parent) if (p.type === 'call_expression' || p.type === 'new_expression') return p;
  return undefined;
}

function identifiers(n: JsNode, text: string): string[] {
  const out: string[] = [];
  const walk = (x: JsNode) => {
    if (x.type === 'identifier' || x.type === 'property_identifier' || x.type === 'shorthand_property_identifier') out.push(text.slice(x.start, x.end));
    for (const c of x.children) walk(c);
  };
  walk(n);
  return out;
}

/** Whether `n` is (part of) what a `return` statement or an arrow function's expression body hands back. */
function returned(n: JsNode): boolean {
  for (let x = n.parent, child: JsNode = n; x; child = x, x = x.parent) {
    if (x.type === 'return_statement') return true;
    if (x.type === 'arrow_function') return field(x, 'body') === child;
    if (x.type.endsWith('_statement') || x.type.endsWith('_declaration') || x.type === 'statement_block' || FUNCTION_TYPES.has(x.type)) return false;
  }
  return false;
}

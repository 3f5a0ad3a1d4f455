import { guardedBy } from '../taint/guarded.js';
import { prefixFixesHost } from '../taint/url-prefix.js';
import { redact } from '../../core/redact.js';
import { NOSEC_MARKERS, suppressedAt } from '../../suppress/inline.js';
import type { CompiledArgCondition, CredentialRule, PatternRule, Rule, RuleSet, TaintRule } from '../taint/compile.js';
import { credentialValue, isCredentialName, urlPassword } from '../taint/credentials.js';
import { mergeEnvs, type Env } from '../taint/scopes.js';
import { fires, lower, type Hit } from '../taint/sinks.js';
import { HelperSummaries, type FnDef } from '../taint/summaries.js';
import { CONST, carried, clear as clearFor, exposedParameter, isConst, join, tainted, unknown, withCtor, type FnRef, type TaintValue } from '../taint/value.js';
import { carriedArg, factFor, noteSafeParts, seedValue, type CarriedArg, type KnownReturn, type ModuleCall, type ReturnFact, type Seed } from '../taint/project-calls.js';
import type { Imports } from './names.js';
import type { NameSet } from '../taint/names.js';
import { codeOf, named, type PyNode } from './syntax.js';

/**
 * The Python front end's analysis of one parsed file: a walk over each
 * function (and the module and class bodies) in statement order, keeping what
 * each variable holds (taint/value.ts), checking every call against the sinks
 * of taint rules and the call patterns, and every assignment against
 * assignment patterns and the hard-coded credential rule. Scopes, helper
 * summaries, sink decisions and credential checks are the shared taint core
 * (src/scanners/taint); framework knowledge comes from the rule files.
 */
/**
 * `safeItems`: positions of a tuple the value is (`where, params = build_filters(f)` with `build_filters` of another
 * module known to put none of its untrusted arguments in the first): bound one by one, those are constants.
 */
type Val = TaintValue & { safeItems?: readonly number[] };

/** The categories Python rules use: a value clean for all of them is a constant. */
const PY_CATEGORIES = ['sql', 'xss', 'path', 'cmd', 'code', 'ssrf', 'xxe', 'ldap', 'redirect', 'mass-assignment', 'regex', 'nosql', 'xpath', 'reflection', 'cors'] as const;
const clear = (v: Val, cats: ReadonlySet<string>): Val => clearFor(v, cats, PY_CATEGORIES);

interface Frame {
  env: Env;
  /** archives whose every member was checked in a loop that raises on a bad one (`for m in tf.getmembers(): if …: raise`) */
  checkedArchives?: Set<string>;
  globals?: Env;
  fnName: string;
  /** route handler whose string return value becomes an HTML response */
  htmlReturn: boolean;
  /** for methods: the class body's names, seen as `self.X` (class-level constants such as `table = "users"`) */
  classEnv?: Env;
  /** the function of this file being analysed (for return values and callers) */
  fnDef?: FnDef;
  /** `parsed = urlparse(url)`: parsed → url, so a check on parsed.hostname vouches for url */
  derived?: Map<string, string>;
  /** `opts = {"shell": True}` / `dict(shell=True)`: the literal's entries, for `f(**opts)` */
  dicts?: Map<string, Map<string, PyNode>>;
  /** `cmd = ["git", "log", ref]`: the list or tuple literal a variable holds */
  lists?: Map<string, PyNode>;
  /** `alphabet = string.ascii_letters + string.digits`: the constant expression a variable holds, for `text` conditions */
  constExprs?: Map<string, PyNode>;
  /** on a run with arguments from callers: each such parameter's value on entry (to tell it is passed on unchanged) */
  fromCallers?: Map<string, Val>;
  /** in a class body: the class's name (`class ProductionConfig:`), for patterns with a `context` */
  className?: string;
  /** `host = urlparse(url).netloc`: host → url */
  hostOf?: Map<string, string>;
  /** in a class body: its base classes as written (`tornado.web.RequestHandler`), for handler methods */
  classBases?: string;
  /**
   * `allowed = url_has_allowed_host_and_scheme(target, …)`: a variable holding a check's result, with the check,
   * so `if not allowed: target = "/"` vouches as the inline check would (dropped when a name it mentions is rebound).
   */
  checkVars?: Map<string, PyNode>;
  /**
   * `path = services.resolve_statement(name)`: variables holding what a function of another module of the
   * project returned (its body is out of sight); `if path is None: raise` then says the helper refused the value.
   */
  ownResults?: Set<string>;
  /** `def parse(stream, allow_includes=True)`: flag parameters still holding their literal default, for `equals` conditions */
  boolDefaults?: Map<string, boolean>;
}

/** A check function of the file (see Analyzer.checkShape). */
interface CheckFn {
  params: string[];
  /** `if <cond>: raise / return False` steps: past them each condition is false */
  fails: Array<{ cond: PyNode; raises: boolean }>;
  /** the final `return <condition>` of a predicate ('true' for `return True`) */
  result?: PyNode | 'true';
  /** the parameter a validator returns after its checks (`return url`) */
  returnsParam?: string;
  /** a single `return <condition>`: its falsity says something too */
  simple: boolean;
  derived: Map<string, string>;
  hostOf: Map<string, string>;
}

/** Literals a program can change in place. */
const MUTABLE_LITERALS = new Set(['dictionary', 'list', 'set', 'dictionary_comprehension', 'list_comprehension', 'set_comprehension']);
/** Constructors of values that hold no text (dates, numbers, UUIDs, addresses): their methods give such values too. */
const TYPED_VALUE_CTOR = /^(datetime\.(datetime|date|time)\.(strptime|fromisoformat|fromtimestamp|now|today|utcnow)|datetime\.(datetime|date|time|timedelta)|uuid\.(UUID|uuid4|uuid1)|UUID|ipaddress\.\w+|decimal\.Decimal|Decimal|dateutil\.parser\.(parse|isoparse))\(\)(\.\w+\(\))*$/;
/** The name of a configured base URL (`API_BASE`, `settings.PAYMENTS_URL`, `config["BASE_URL"]`, `self.base_url`). */
const CONFIG_BASE = /^([A-Z][A-Z0-9]*_)*(BASE|ROOT|HOST|ORIGIN|ENDPOINT|SERVER|API|URL|URI|DOMAIN)(_[A-Z0-9]+)*$|^(\w+_)?(base|root|host|origin|endpoint|server|api)_?(url|uri)$/;
/** Categories whose sink text is made where a caller builds it: a helper passing it on is not the place to report. */
const PASSED_ON = new Set(['sql', 'cmd', 'code']);
/** jinja2's sandboxed environments: templates from them cannot reach Python internals (no template injection). */
const SANDBOX_ENV = /^jinja2\.sandbox\.(Immutable)?SandboxedEnvironment\(\)$/;
/** The synthetic constructor name of a jinja2 environment or template made with autoescape on. */
function autoescaped(ctor: string): string {
  if (SANDBOX_ENV.test(ctor)) return 'jinja2.AutoescapeSandboxedEnvironment()';
  return ctor.endsWith('Template()') ? 'jinja2.AutoescapeTemplate()' : 'jinja2.AutoescapeEnvironment()';
}

/** Jinja2 / Django template text that prints a variable without escaping it. */
const RAW_TEMPLATE = /\|\s*safe\b|\{%-?\s*autoescape\s+(false|off)\b/;

/** `Optional[X]` / `X | None` as X: the type a value has when it is there. */
const optionalOf = (annotation: string): string => annotation.trim().replace(/^Optional\[(.*)\]$/s, '$1').replace(/\s*\|\s*None$/, '');

const JOIN_CALLS = new Set(['os.path.join', 'posixpath.join']);
/** Calls whose result is a path starting like their first argument (`Path("/tmp/x")`). */
const TEMP_DIR_CALLS = new Set(['tempfile.gettempdir', 'tempfile.gettempdirb']);
const PATH_CALLS = new Set(['pathlib.Path', 'pathlib.PurePath', 'pathlib.PosixPath', 'os.path.abspath', 'os.fspath']);
/** A value made by calling a class (`User()`, `models.Claim()`): a record or a service object, not text. */
const MODEL_INSTANCE = /(?:^|\.)[A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*\(\)$/;
const FORMAT_METHODS = new Set(['format', 'format_map', 'join']);
const STR_METHODS = new Set(['format', 'format_map', 'join', 'strip', 'lstrip', 'rstrip', 'lower', 'upper', 'title', 'capitalize', 'casefold', 'replace', 'encode', 'decode', 'str', 'expandtabs', 'center', 'ljust', 'rjust', 'zfill', 'removeprefix', 'removesuffix', 'get']);
const MUTATORS = new Set(['append', 'extend', 'insert', 'add', 'update', 'setdefault', 'appendleft']);
const PURE = new Set(['str', 'len', 'repr', 'sorted', 'list', 'tuple', 'dict', 'set', 'min', 'max', 'sum', 'abs', 'round']);
/** Builtins (called by their bare name) whose result is made only of their arguments: `map(str, ids)`. */
const PURE_BUILTINS = new Set(['map', 'filter', 'zip', 'enumerate', 'reversed', 'range', 'any', 'all', 'format', 'bool', 'int', 'float', 'chr', 'hex', 'oct', 'bin', 'frozenset']);
const ALL = new Set(['all']);
/** A file's contents are not the path it was opened by: `open(user_path).read()` is not user text. */
/** `functools.partial(run, x)`: run with x bound. */
const PARTIAL_CALLS = new Set(['functools.partial', 'functools.partialmethod', 'partial', 'partialmethod']);
/**
 * Click options and arguments whose `type=` admits no text (`click.Choice([...])`, `int`, `click.IntRange(…)`, a flag):
 * the parameter names they declare (`"--dry-run"` → dry_run, `"-n", "lines"` → lines).
 */
function typedCliParams(decorators: string[]): Set<string> {
  const out = new Set<string>();
  for (const d of decorators) {
    if (!/\b(option|argument)\s*\(/.test(d)) continue;
    if (!/\btype\s*=\s*(click\.(Choice|IntRange|FloatRange|INT|FLOAT|BOOL|UUID|DateTime)\b|int\b|float\b|bool\b|uuid\.UUID\b)|\bis_flag\s*=\s*True\b|\bcount\s*=\s*True\b/.test(d)) continue;
    const head = d.slice(d.indexOf('(') + 1).split(/\btype\s*=|\bhelp\s*=|\bdefault\s*=/)[0] ?? '';
    for (const m of head.matchAll(/["']([-\w]+)["']/g)) out.add(m[1]!.replace(/^-+/, '').replace(/-/g, '_'));
  }
  return out;
}

/** The local user's input (sys.argv's kind): rules with `local-sources: false` leave it alone. */
function localInput(v: Val, src: string): Val {
  return v.untrusted ? { ...v, untrusted: { src, clean: v.untrusted.clean, local: true } } : v;
}

/** Calls that call a function they are given later, with the arguments given beside it (noteDispatchedCall). */
const DISPATCHERS = new Set(['add_task', 'submit', 'run_in_executor', 'to_thread', 'enqueue', 'enqueue_call', 'enqueue_in', 'enqueue_at', 'call_soon', 'call_soon_threadsafe', 'call_later', 'run_sync', 'spawn', 'start_new_thread', 'Thread', 'Process', 'Timer', 'apply_async', 'add_job']);
/** Builtins whose result holds the functions their argument holds (`list(HANDLERS.values())`). */
const REF_CONTAINERS = new Set(['list', 'tuple', 'dict', 'set', 'frozenset', 'iter', 'next', 'reversed', 'sorted']);
/** Methods that read an element out of a table (`HANDLERS.get(k)`, `.values()`). */
const TABLE_READS = new Set(['get', 'pop', 'setdefault', 'values', 'items', 'copy', 'popitem']);
const FILE_OPENERS = new Set(['open', 'io.open', 'codecs.open', 'builtins.open', 'aiofiles.open', 'gzip.open', 'bz2.open']);
/** What a check of a URL's host or scheme vouches for. */
const URL_CHECKED = new Set(['ssrf', 'redirect']);
/** Expressions a variable can hold as a check's result (`ok = is_allowed(u)`, `bad = ".." in name`). */
const CHECK_EXPRS = new Set(['call', 'comparison_operator', 'boolean_operator', 'not_operator']);
/** What a helper of another module that returns None for a value it refuses (`if path is None: raise`) vouches for. */
const REFUSED_AS_NONE = new Set(['path', 'ssrf', 'redirect']);
const MASS = new Set(['mass-assignment']);
/** Reads of a local key-value store (shelve, dbm): the stored value, whatever the key. */
const STORE_READS = /^(shelve|dbm(\.\w+)?)\.open\(\)\.(get|setdefault|keys|values|items)$/;
/**
 * Rows a Django ORM lookup returns (`get_object_or_404(Order, number=number)`, `Order.objects.get(pk=…)`): what the
 * database holds, found by the request's key, not the key itself (a lookup by a crafted key finds nothing).
 */
/** Where request bodies' classes live (`app.schemas.X`, `.dto.X`), and what they are called (`OrderCreate`, `SearchRequest`). */
const REQUEST_MODEL_MODULE = /(^|\.)(schemas?|dtos?|requests?|payloads?|serializers?|inputs?|api_models|models\.requests?)\.[A-Z]\w*$/;
const REQUEST_MODEL_NAME = /[a-z](Request|Payload|Body|Input|Create|Update|Params|Query|Search|In|Dto|DTO)$/;
const NOSQL_ONLY = new Set(['nosql']);
/** Annotations of text (and lists of it): such a parameter or model field is never an object. */
const STRING_TYPE = /^(?:(?:typing\.)?(?:List|Sequence|list|set|tuple)\[\s*)?(?:str|EmailStr|SecretStr|constr\(.*\)|(?:typing\.)?Annotated\[\s*str\b.*\])(?:\s*\])?$/;
/** Annotations of values that may be objects: a mapping, anything, JSON. */
const OBJECT_TYPE = /\b(?:dict|Dict|Mapping|MutableMapping|Any|Json|JsonValue|object|TypedDict)\b/;
/** Never an object, so never a MongoDB operator object: a string source's value (taint/schema.ts `strings`). */
const NO_OPERATORS: ReadonlySet<string> = new Set(['no-operators']);
/** Parsers of text into data: what they give may be an object, whatever text went in. */
const PARSE_CALLS: ReadonlySet<string> = new Set(['json.loads', 'json.load', 'simplejson.loads', 'ujson.loads', 'orjson.loads', 'yaml.safe_load', 'yaml.load', 'yaml.full_load', 'ast.literal_eval', 'tomllib.loads', 'toml.loads', 'msgpack.unpackb', 'pickle.loads', 'bson.json_util.loads', 'xmltodict.parse']);
/** `v` without the no-operators mark: it may hold an object again. */
function mayBeObject(v: Val): Val {
  const strip = (o: Val['untrusted']) => (o?.clean.has('no-operators') ? { ...o, clean: new Set([...o.clean].filter((c) => c !== 'no-operators')) } : o);
  return v.untrusted || v.nonConstant ? { ...v, untrusted: strip(v.untrusted), nonConstant: strip(v.nonConstant) } : v;
}
const SQL_ONLY: ReadonlySet<string> = new Set(['sql']);

/**
 * `'"' + name.replace('"', '""') + '"'` (or with backticks, through `+`, `%` or `.format`): an identifier quoted
 * for SQL the standard way, each quote inside doubled, so it cannot end the identifier (psycopg2's
 * `sql.Identifier`, written by hand).
 */
function quotesIdentifier(text: string): boolean {
  if (text.length > 300) return false;
  const m = /\.replace\(\s*(['"])(["`])\1\s*,\s*(['"])\2\2\3\s*\)/.exec(text);
  if (!m) return false;
  const q = m[2]!;
  const compact = text.replace(/\s+/g, '');
  // the text opens and closes with that quote: `'"' + …`, `'"%s"' % …`, `'"{}"'.format(…)`, `f'"{…}"'`
  const opens = compact.startsWith(`'${q}`) || compact.startsWith(`"${q}`) || compact.startsWith(`f'${q}`) || compact.startsWith(`f"${q}`);
  const closes = compact.endsWith(`${q}'`) || compact.endsWith(`${q}"`) || new RegExp(`^[f]?['"]\\${q}(?:%s|\\{\\})\\${q}['"]`).test(compact);
  return opens && closes;
}
/** What an argument vector with its own program is clean of; and the programs that make it a shell command again. */
const CMD_ONLY = new Set(['cmd']);
const SHELL_PROGRAM = /^(\/usr)?(\/bin\/)?(sh|bash|zsh|dash|ksh|cmd|cmd\.exe|powershell|pwsh|ssh|env|xargs|sudo|su)$/;
/** `a or b` (the operator token, not the text between the operands). */
const isOr = (n: PyNode): boolean => n.type === 'boolean_operator' && n.children.find((c) => !c.named)?.type === 'or';
/** A value given in every position a function may read it from (a splat, a handler called with the user's input). */
const everyPosition = (val: Val): Array<{ index: number; val: Val }> => Array.from({ length: 8 }, (_, index) => ({ index, val }));
const PATH_ONLY = new Set(['path']);
const ALL_BUT_SQL: ReadonlySet<string> = new Set(PY_CATEGORIES.filter((c) => c !== 'sql'));
const ORM_ROW = 'django.db.models.Model()';
const STORED_URL_FIELD = /(^|_)(url|uri|endpoint|webhook|callback|target)$/i;
const ONLY_SSRF: ReadonlySet<string> = new Set(PY_CATEGORIES.filter((c) => c !== 'ssrf'));
/** What only a URL's start decides: where a redirect or a request goes. */
const HOST_CATEGORIES: ReadonlySet<string> = new Set(['redirect', 'ssrf']);
const ORM_LOOKUPS = /^((django\.shortcuts\.)?(get_object_or_404|get_list_or_404|aget_object_or_404)|(.*\.)?[A-Z]\w*\.objects\.(get|aget|get_or_create|first|last))$/;
const CONTAINER_NODES = new Set(['dictionary', 'list', 'tuple', 'set', 'dictionary_comprehension', 'list_comprehension']);
/** Archive objects, whose `.open(name)` opens a member, not a path on disk. */
const ARCHIVE_CTOR = /(^|\.)(zipfile\.ZipFile|ZipFile|tarfile\.open|tarfile\.TarFile|TarFile|py7zr\.SevenZipFile|rarfile\.RarFile)\(\)$/;
/** A guard's note that the value is one of some fixed URLs: `prefix:<scheme://host>` (not a category). */
const PREFIX_CAT = 'prefix:';
/** The host this request was sent to (`request.host`, `request.get_host()`). */
const OWN_HOST = /^(self\.)?request\.(host|get_host\(\)|server_name|url_root)$/;
/** An archive's member list (`tf.getmembers()`, `zf.namelist()`): the method, and a name ending in its call. */
const MEMBER_METHODS = 'getmembers|infolist|namelist|getnames';
const MEMBER_LIST = new RegExp(`^(${MEMBER_METHODS})$`);
const MEMBER_LIST_CALL = new RegExp(`\\.(${MEMBER_METHODS})\\(\\)$`);
/** Literals a name bound once is read as in a pattern's argument conditions. */
const BOUND_LITERALS = new Set(['string', 'concatenated_string', 'integer', 'float']);
/** Calls that run a prepared SQL statement handed to them first (`conn.execute(stmt)`, `pd.read_sql(stmt, conn)`). */
const STATEMENT_RUNNERS = /^(?:execute|exec_driver_sql|scalars?|read_sql(?:_query)?)$/;
/** A condition that checks where a member's path leads (its folder, a link, `..`): a loop over members stops on it. */
const MEMBER_PATH_CHECK = /\.(startswith|is_relative_to|issym|islnk|isabs|relative_to)\(|commonpath\(|['"]\.\.['"]/;
/**
 * A comprehension's filter that looks at where a member's path leads or names a check (`if is_within(dest, m.name)`,
 * `if _member_is_contained(dest, m)`); not one that only reads its name's extension (`splitext(m.name)[1] in EXTS`).
 */
const MEMBER_FILTER = /\.(startswith|is_relative_to|issym|islnk|isabs|relative_to)\b|commonpath\(|['"]\.\.['"]|\b\w*(safe|check|valid|within|inside|contain|allowed)\w*\(/i;
const HOST_CHECK = /\.(hostname|netloc|host|scheme)\b/;

export class Analyzer {
  readonly hits: Hit<PyNode>[] = [];
  /** Calls of functions of other project modules with untrusted arguments (noteModuleCall). */
  readonly moduleCalls: ModuleCall[] = [];
  private readonly taintRules: TaintRule[];
  private readonly patternRules: PatternRule[];
  private readonly credRules: CredentialRule[];
  private readonly pending: Array<() => void> = [];
  /** the file's functions: what they return, who calls them with what */
  private readonly helpers = new HelperSummaries();
  private readonly refCache = new Map<string, FnRef>();
  /** `Class.attr` → the functions a class attribute holds (`handler = run` in the class body) */
  private readonly classRefs = new Map<string, readonly FnRef[]>();
  /** functions of the file that return functions of the file: name → those */
  private readonly returnedRefs = new Map<string, readonly FnRef[]>();
  /** `lambda` expressions of the file, by position: one summary each, its closure updated on every evaluation. */
  private readonly lambdas = new Map<number, FnDef>();
  private readonly classes = new Set<string>();
  /** upper-case names bound to a dict literal whose values are all literals */
  private readonly literalDictNodes = new Map<string, PyNode>();
  /** `APP_SETTINGS = {"debug": True, …}` at module level: the entries, for `Application(**APP_SETTINGS)` in a function. */
  private readonly moduleDicts = new Map<string, Map<string, PyNode>>();
  /** upper-case names bound to a set, list or tuple of string literals (`ALLOWED_HOSTS = {"a", "b"}`) */
  private readonly literalCollections = new Map<string, PyNode>();
  /** The string literals of a collection literal (`{"a", "b"}`, `frozenset([...])`), or undefined. */
  private collectionStrings(n: PyNode | undefined): string[] | undefined {
    if (!n) return undefined;
    if (n.type === 'identifier') return this.collectionStrings(this.literalCollections.get(this.src(n)));
    if (n.type === 'call' && /^(frozenset|set|tuple|list)$/.test(this.src(named(n)[0] ?? n))) {
      const args = named(named(n)[1] ?? n).filter((a) => a.type !== 'comment');
      return args.length === 1 && args[0] !== n ? this.collectionStrings(args[0]) : undefined;
    }
    if (n.type !== 'set' && n.type !== 'list' && n.type !== 'tuple') return undefined;
    const items = named(n).filter((a) => a.type !== 'comment').map((x) => literalOf(x, this.text));
    if (!items.length || !items.every((l) => l.ok && typeof l.value === 'string')) return undefined;
    return items.map((l) => (l.ok ? String(l.value) : ''));
  }
  /** A value looked up in a literal dict: constant; when every value is a URL with its host, any of them fixes the host. */
  /**
   * The dict literal a lookup reads, when every value in it is a literal (or a list/tuple of literals): written
   * inline (`{"up": [...]}.get(mode)`), or bound to an upper-case name of the module or of a class of the file
   * (`SORTS`, `Config.SORTS`, `self.SORTS` in a method of that class).
   */
  private literalTable(n: PyNode | undefined, f: Frame): PyNode | undefined {
    if (!n) return undefined;
    if (n.type === 'dictionary') return isLiteralDict(n, this.text) ? n : undefined;
    // `templates = {"a": "<p>A</p>"}` in this function, still holding only constants.
    if (n.type === 'identifier') {
      const local = f.constExprs?.get(this.src(n));
      const v = this.lookup(this.src(n), f);
      if (local && isLiteralDict(local, this.text) && v && isConst(v)) return local;
    }
    const k = this.key(n);
    if (!k) return undefined;
    const own = /^(self|cls)\./.test(k) && f.className ? `${f.className}.${k.slice(k.indexOf('.') + 1)}` : k;
    return this.literalDictNodes.get(own);
  }

  private literalDictValue(dict: PyNode): Val {
    const values = named(dict).map((p) => literalOf(named(p)[1] ?? p, this.text));
    const hosts = values.map((l) => (l.ok && typeof l.value === 'string' ? /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]+/.exec(l.value)?.[0] : undefined));
    return hosts.length > 0 && hosts.every((h) => h !== undefined) ? { prefix: hosts[0]! } : CONST;
  }
  /** each same-file class's bases, its ancestors' included (source text) */
  private readonly basesOf = new Map<string, string>();
  /** `self.X = ...` in any method of a class: what X holds, seen by every method (`self.base = base` in __init__). */
  private readonly instanceAttrs = new Map<string, Map<string, Val>>();
  private readonly classMethods = new Map<string, FnDef[]>();
  private readonly dirtyClasses = new Set<string>();
  /** For each dirty class, the functions whose analysis for callers' data made its attributes untrusted. */
  private readonly dirtyVia = new Map<string, Set<string>>();
  /** Hits inside functions analysed again for callers' data: those functions (Hit.via is resolved at the end). */
  private readonly viaOf = new Map<Hit<PyNode>, string[]>();
  private lastFrame: Frame | undefined;
  private readonly flaskLike: boolean;
  private readonly active: Set<Rule>;
  private readonly djangoLike: boolean;
  /** the file's check functions (predicates, validators that raise): what getting past a call to one proves */
  private readonly checks = new Map<string, CheckFn>();
  private readonly inPredicate = new Set<string>();
  /** same-file model classes (pydantic, dataclasses...): fields whose declared type or validator admits no dangerous text */
  private readonly safeFields = new Map<string, Set<string>>();
  /** Model fields a validator checks for some categories only (a host allow-list: SSRF, redirects). */
  private readonly checkedFields = new Map<string, Map<string, Set<string>>>();
  /** calls of the file's functions with untrusted arguments: `fn\0param` → the call sites */
  private readonly callSites = new Map<string, Array<{ node: PyNode; built: boolean; callee: string; via: string[] }>>();
  /** sinks reached by a parameter passed on unchanged from callers (`def q(sql): conn.execute(sql)`) */
  private readonly passedOn: Array<{ key: string; rule: TaintRule; node: PyNode; detail: string; preview: string; weak: boolean; cwe?: string[]; via: string[] }> = [];
  /** module-level names bound to a constant expression (`_LEGACY_KEY = b"..."`) */
  private readonly moduleLiterals = new Map<string, PyNode>();
  /**
   * Objects the application keeps for every request: `app["http"] = aiohttp.ClientSession()` (aiohttp),
   * `app.state.http = httpx.AsyncClient()` (FastAPI, Starlette), anywhere in the file (a start-up hook is
   * often defined after the handlers). Slot (`["http"]`, `.state.http`) → the call that made it.
   */
  private readonly sharedObjects = new Map<string, string>();
  /** names assigned at the module's top level (`INSTALLED_APPS`: a Django settings module) */
  private moduleNames = new Set<string>();
  /** Functions of the module that hand their first argument to a dispatcher with the rest (`_offload(fn, *args)`). */
  private dispatchWrappers = new Set<string>();
  private enumClasses = new Set<string>();
  /** the constant start of what each function of the file returns (null: returns differ) */
  private readonly returnPrefixes = new Map<string, string | null | undefined>();
  /**
   * Whether each analysed function of the file may return something made from its parameters; false for
   * one that only returns other things (`return open(path).read()`: the file's contents, not the path).
   */
  private readonly returnsParam = new Map<string, boolean>();
  /** Categories every parameter-made return of a function of the file was cleared of (see return_statement). */
  private readonly returnClean = new Map<string, Set<string>>();
  /** …of its returns that carried untrusted data (preferred: see returnCleanOf). */
  private readonly returnCleanUntrusted = new Map<string, Set<string>>();
  /** Whether every value each function of the file was seen to return is a constant. */
  private readonly returnsConst = new Map<string, boolean>();

  /** Calls of other modules' functions known to return clean values (or nothing of their arguments): dotted name → what. */
  private readonly knownReturns = new Map<string, { clean: ReadonlySet<string>; fresh: boolean; drops?: ReadonlyArray<{ index: number; keyword?: string }>; safeParts?: { parts: string[]; args: number[] } }>();
  /** Functions returning tuples, run with callers' data: the positions no return filled with untrusted data. */
  private readonly returnSafeItems = new Map<string, Set<string> | null>();
  /** Parameters the cross-file pass gave untrusted data, by function: parameter name → the caller's position / keyword. */
  private readonly seededParams = new Map<string, Map<string, { index: number; keyword?: string }>>();
  /** Values of other modules made by a library's constructor: dotted name → its name (`requests.Session()`). */
  private readonly knownCtors = new Map<string, string>();
  /** The module's own variables after its body ran (what returnFacts reads for values it makes). */
  private moduleEnv?: Map<string, Val>;

  constructor(
    private readonly text: string,
    private readonly set: RuleSet,
    private readonly imports: Imports,
    private readonly path: string,
    known?: readonly KnownReturn[],
  ) {
    for (const k of known ?? []) {
      if (k.ctor) this.knownCtors.set([k.spec, ...k.path].join('.'), k.ctor);
      else this.knownReturns.set([k.spec, ...k.path].join('.'), { clean: new Set(k.clean), fresh: !!k.fresh, ...(k.drops ? { drops: k.drops } : {}), ...(k.safeParts ? { safeParts: k.safeParts } : {}) });
    }
    const active = set.rules.filter((r) => !r.pathFilter || r.pathFilter(path));
    this.active = new Set(active);
    this.taintRules = active.filter((r): r is TaintRule => r.kind === 'taint');
    this.patternRules = active.filter((r): r is PatternRule => r.kind === 'pattern');
    this.credRules = active.filter((r): r is CredentialRule => r.kind === 'credentials');
    const know = set.knowledge;
    this.flaskLike = !know.htmlReturnsUnlessImports.some((m) => imports.imports(m));
    this.djangoLike = know.requestViewsWhenImports.some((m) => imports.imports(m));
  }

  /** `seeds`: parameters of this module's functions another file of the project passes untrusted data (taint/project-calls.ts). */
  run(root: PyNode, seeds?: readonly Seed[]): Hit<PyNode>[] {
    this.moduleNames = topLevelNames(root, this.text);
    this.enumClasses = enumClasses(root, this.text);
    this.dispatchWrappers = dispatchWrappers(root, this.text);
    this.noteSharedObjects(root);
    this.noteReturnCtors(root);
    const module: Frame = { env: new Map(), fnName: '', htmlReturn: false };
    this.moduleEnv = module.env;
    this.block(named(root), module);
    // (a top-level `if` merges its branches into a new map: the module's values are in the last one)
    this.moduleEnv = module.env;
    // Functions run after the module body, seeing its final globals (scripts set them at the top).
    while (this.pending.length) this.pending.shift()!();
    if (seeds) this.seed(seeds, root);
    this.helpers.follow();
    // An instance attribute that became untrusted (a constructor called with request data): its class's
    // methods see it on another run.
    for (let round = 0; round < 3 && this.dirtyClasses.size; round++) {
      const classes = [...this.dirtyClasses];
      this.dirtyClasses.clear();
      for (const c of classes) this.helpers.rerun([...(this.dirtyVia.get(c) ?? [])], () => { for (const m of this.classMethods.get(c) ?? []) m.run(); });
      this.helpers.follow();
    }
    this.reportPassedOn();
    // A finding inside a helper reached with a caller's data: the calls that brought the data in (several levels up).
    for (const [h, fns] of this.viaOf) {
      const via = this.helpers.callsInto(fns);
      if (via.length) h.via = via;
    }
    return this.hits;
  }

  private src(n: PyNode): string {
    return this.text.slice(n.start, n.end);
  }

  // ---------------------------------------------------------------- statements

  private block(stmts: PyNode[], f: Frame): void {
    for (const s of stmts) this.stmt(s, f);
  }

  private stmt(s: PyNode, f: Frame): void {
    const kids = named(s);
    switch (s.type) {
      case 'expression_statement':
        for (const k of kids) {
          if (k.type === 'assignment' || k.type === 'augmented_assignment') this.assignment(k, f);
          else {
            this.expr(k, f);
            // `check_url(url)` of a function that raises on a bad value: past it, the value is good.
            const call = k.type === 'await' ? named(k)[0] : k;
            if (call?.type === 'call') {
              const g = this.checkGuards(named(call)[0]!, named(call)[1], 'raises', f);
              if (g) this.applyGuards(g, f);
            }
          }
        }
        return;
      case 'return_statement': {
        if (!kids[0]) return;
        let v = this.expr(kids[0], f);
        this.noteReturnedItems(kids[0], f);
        if (f.htmlReturn) this.checkReturn(kids[0], v, f);
        if (f.fnName && this.returnOfSinks.has(f.fnName)) this.checkReturnOf(kids[0], v, f.fnName);
        this.helpers.noteReturn(f.fnDef, v);
        this.noteReturnedRefs(f.fnDef, v);
        // `return '"' + name.replace('"', '""') + '"'`: an identifier quoted for SQL (its quotes doubled inside).
        if (!isConst(v) && quotesIdentifier(this.src(kids[0]))) v = clear(v, SQL_ONLY);
        // `def lock_path(x): return "/tmp/%s.lock" % x`: callers' values start like the returned text.
        if (f.fnName) {
          const src = (v.nonConstant ?? v.untrusted)?.src ?? '';
          if (v.untrusted || v.built || /^(route )?parameter '/.test(src)) {
            this.returnsParam.set(f.fnName, true);
            // What every such return was checked for (`if os.path.commonpath([root, target]) != root: raise`
            // before `return target`): the callers' results are clean of it too.
            // (untrusted data is what the facts are for: a run where only parameters of unknown origin come back
            // says nothing about what becomes of a caller's request data, once a run with such data has been seen)
            const clean = (v.untrusted ?? v.nonConstant)?.clean ?? new Set<string>();
            const facts = v.untrusted ? this.returnCleanUntrusted : this.returnClean;
            const before = facts.get(f.fnName);
            facts.set(f.fnName, before === undefined ? new Set(clean) : new Set([...before].filter((c) => clean.has(c))));
          }
          this.returnsConst.set(f.fnName, (this.returnsConst.get(f.fnName) ?? true) && isConst(v));
          const before = this.returnPrefixes.get(f.fnName);
          this.returnPrefixes.set(f.fnName, before === undefined || before === v.prefix ? v.prefix : null);
        }
        return;
      }
      case 'if_statement':
        return this.ifStmt(s, kids, f);
      case 'for_statement': {
        const [target, iter, body, orelse] = kids;
        if (!target || !iter || !body) return;
        const iv = this.expr(iter, f);
        const inner = this.fork(f);
        this.bind(target, { ...iv, ctor: undefined, prefix: undefined }, inner);
        this.block(named(body), inner);
        this.mergeInto(f, [f.env, inner.env]);
        this.noteCheckedArchive(target, iter, body, f);
        if (orelse) this.block(named(named(orelse)[0] ?? orelse), f);
        return;
      }
      case 'while_statement': {
        const [cond, body] = kids;
        if (!cond || !body) return;
        this.expr(cond, f);
        const inner = this.fork(f);
        this.block(named(body), inner);
        this.mergeInto(f, [f.env, inner.env]);
        return;
      }
      case 'with_statement': {
        const clause = kids.find((k) => k.type === 'with_clause');
        for (const item of clause ? named(clause) : []) {
          const v = named(item)[0];
          if (!v) continue;
          if (v.type === 'as_pattern') {
            const [e, alias] = named(v);
            const val = e ? this.expr(e, f) : CONST;
            const target = alias ? named(alias)[0] : undefined;
            if (target) this.bind(target, val, f);
          } else this.expr(v, f);
        }
        const body = kids.find((k) => k.type === 'block');
        if (body) this.block(named(body), f);
        return;
      }
      case 'try_statement': {
        const branches: Env[] = [];
        const handlers = kids.filter((k) => k.type === 'except_clause' || k.type === 'except_group_clause');
        // `try: ipaddress.ip_address(host) except ValueError: return`: past the try, host passed the check.
        const allExit = handlers.length > 0 && handlers.every((k) => named(k).some((c) => c.type === 'block' && this.exitsHard(c)));
        for (const k of kids) {
          if (k.type === 'block') {
            this.block(named(k), f);
            if (allExit) for (const key of this.validatedByCall(named(k), f)) f.env.set(key, CONST);
          } else if (k.type === 'except_clause' || k.type === 'except_group_clause') {
            const inner = this.fork(f);
            for (const c of named(k)) if (c.type === 'block') this.block(named(c), inner);
            // (a handler that returns or raises does not carry on after the try)
            if (!named(k).some((c) => c.type === 'block' && this.exitsHard(c))) branches.push(inner.env);
          } else if (k.type === 'else_clause' || k.type === 'finally_clause') {
            if (branches.length) this.mergeInto(f, [f.env, ...branches]);
            branches.length = 0;
            for (const c of named(k)) if (c.type === 'block') this.block(named(c), f);
          }
        }
        if (branches.length) this.mergeInto(f, [f.env, ...branches]);
        return;
      }
      case 'match_statement':
        return this.matchStmt(kids, f);
      case 'function_definition':
        return this.defineFunction(s, [], f);
      case 'decorated_definition': {
        const def = kids[kids.length - 1];
        const decorators = kids.filter((k) => k.type === 'decorator');
        if (def?.type === 'function_definition') this.defineFunction(def, decorators, f);
        else if (def?.type === 'class_definition') this.classDef(def, f);
        return;
      }
      case 'class_definition':
        return this.classDef(s, f);
      case 'assert_statement': {
        const cond = kids[0];
        if (!cond) return;
        this.checkAssertPatterns(s, cond);
        this.expr(cond, f);
        this.applyGuards(this.guards(cond, true, f), f);
        return;
      }
      case 'import_statement':
      case 'import_from_statement':
      case 'future_import_statement':
      case 'global_statement':
      case 'nonlocal_statement':
      case 'pass_statement':
      case 'break_statement':
      case 'continue_statement':
        return;
      case 'block':
        return this.block(kids, f);
      default:
        // raise, delete, print, exec, match, type alias...: their expressions can still hold sinks.
        for (const k of kids) {
          if (k.type === 'block') this.block(named(k), f);
          else if (k.type.endsWith('_clause') || k.type.endsWith('_statement')) this.stmt(k, f);
          else this.expr(k, f);
        }
    }
  }

  private ifStmt(s: PyNode, kids: PyNode[], f: Frame): void {
    const [cond, body, ...rest] = kids;
    if (!cond || !body) return;
    this.expr(cond, f);
    const outcomes: Env[] = [];
    // Both sides are judged before either branch runs: a branch can rebind what the condition mentions
    // (`if not allowed: target = "/"` ends what `allowed` says about `target`).
    const onTrue = this.guards(cond, true, f);
    const onFalse = this.guards(cond, false, f);
    const thenFrame = this.fork(f);
    this.applyGuards(onTrue, thenFrame);
    this.block(named(body), thenFrame);
    if (!this.exits(body)) outcomes.push(thenFrame.env);
    // elif/else run with the condition known false
    const elseFrame = this.fork(f);
    this.applyGuards(onFalse, elseFrame);
    const alt = rest[0];
    if (!alt) outcomes.push(elseFrame.env);
    else if (alt.type === 'elif_clause') {
      // An elif chain is an if statement nested in the else branch.
      this.ifStmt(alt, [...named(alt), ...rest.slice(1)], elseFrame);
      outcomes.push(elseFrame.env);
    } else if (alt.type === 'else_clause') {
      const b = named(alt)[0];
      if (b) this.block(named(b), elseFrame);
      if (!b || !this.exits(b)) outcomes.push(elseFrame.env);
    }
    this.mergeInto(f, outcomes.length ? outcomes : [f.env]);
  }

  /**
   * `match ext: case "csv" | "json": ... case _: abort(400)`: in a case of literal patterns the subject is one of
   * them; the cases that do not leave are merged (with the fall-through when no case catches everything).
   */
  private matchStmt(kids: PyNode[], f: Frame): void {
    const [subject, body] = kids;
    if (!subject || !body) return;
    this.expr(subject, f);
    const key = this.key(subject);
    const outcomes: Env[] = [];
    let catchAll = false;
    for (const clause of named(body)) {
      if (clause.type !== 'case_clause') continue;
      const parts = named(clause);
      const patterns = parts.filter((p) => p.type === 'case_pattern');
      const guard = parts.find((p) => p.type === 'if_clause');
      const block = parts.find((p) => p.type === 'block');
      const inner = this.fork(f);
      const leaves = (p: PyNode): PyNode[] => (p.type === 'case_pattern' || p.type === 'union_pattern' ? named(p).flatMap(leaves) : [p]);
      const alts = patterns.flatMap(leaves);
      const literal = alts.length > 0 && alts.every((a) => literalOf(a, this.text).ok);
      if (key && literal) inner.env.set(key, CONST);
      if (!guard && patterns.length === 1 && (this.src(patterns[0]!) === '_' || named(patterns[0]!)[0]?.type === 'identifier' && !this.src(patterns[0]!).includes('.'))) catchAll = true;
      if (guard && named(guard)[0]) this.applyGuards(this.guards(named(guard)[0]!, true, inner), inner);
      if (block) this.block(named(block), inner);
      if (!block || !this.exits(block)) outcomes.push(inner.env);
    }
    if (!catchAll) outcomes.push(f.env);
    this.mergeInto(f, outcomes.length ? outcomes : [f.env]);
  }

  /** Whether a block always leaves (return, raise, continue, break, or an exit call such as abort()). */
  private exits(block: PyNode): boolean {
    const stmts = named(block);
    const lastStmt = stmts[stmts.length - 1];
    if (!lastStmt) return false;
    if (['return_statement', 'raise_statement', 'continue_statement', 'break_statement'].includes(lastStmt.type)) return true;
    if (lastStmt.type === 'expression_statement') {
      let e = named(lastStmt)[0];
      // `await context.abort(…)` (gRPC's aio servicers) leaves as the call does.
      if (e?.type === 'await') e = named(e)[0];
      if (e?.type === 'call') {
        const fn = named(e)[0];
        const t = fn ? this.src(fn) : '';
        return this.set.knowledge.exitCalls.has(t.slice(t.lastIndexOf('.') + 1));
      }
    }
    return false;
  }

  /**
   * `for member in tf.getmembers(): target = (dest / member.name).resolve(); if not str(target).startswith(...)
   * or member.issym(): raise ...`: every member is checked and a bad one stops the request before
   * `tf.extractall(dest)`. A check that only skips a member (`continue`) does not stop extractall.
   */
  private noteCheckedArchive(target: PyNode, iter: PyNode, body: PyNode, f: Frame): void {
    // (`members = tar.getmembers()` a statement before, the loop over `members`, then `extractall(dest, members=members)`)
    if (iter.type === 'identifier') iter = this.memberListOf(iter) ?? iter;
    if (iter.type !== 'call') return;
    const fn = named(iter)[0];
    if (fn?.type !== 'attribute' || !MEMBER_LIST.test(this.src(named(fn)[1] ?? fn))) return;
    const archive = this.key(named(fn)[0]!);
    if (!archive) return;
    if (this.checksMemberPath(named(body), identifiers(target, this.text))) (f.checkedArchives ??= new Set()).add(archive);
  }

  /** The call that runs the statement `n` makes, when `n` is its first argument (`conn.execute(text(…), …)`). */
  private runnerOf(n: PyNode): PyNode | undefined {
    const list = n.parent?.type === 'argument_list' ? n.parent : undefined;
    const call = list?.parent?.type === 'call' ? list.parent : undefined;
    const callee = call ? named(call)[0] : undefined;
    if (!call || named(list!)[0] !== n || callee?.type !== 'attribute') return undefined;
    return STATEMENT_RUNNERS.test(this.src(named(callee)[1] ?? callee)) ? call : undefined;
  }

  /** The statements of the block holding `n` (the function body, the module…) that come before the one holding it. */
  private statementsBefore(n: PyNode): PyNode[] {
    let st: PyNode | undefined = n;
    while (st?.parent && st.parent.type !== 'block' && st.parent.type !== 'module') st = st.parent;
    const block = st?.parent;
    return st && block ? named(block).slice(0, named(block).indexOf(st)) : [];
  }

  /** The `tar.getmembers()` call an earlier statement of the same block assigned to the name `list` (the last such). */
  private memberListOf(list: PyNode): PyNode | undefined {
    const name = this.src(list);
    let found: PyNode | undefined;
    for (const x of this.statementsBefore(list)) {
      const a = x.type === 'expression_statement' ? named(x)[0] : undefined;
      if (a?.type !== 'assignment') continue;
      const [left, right] = named(a);
      if (left?.type !== 'identifier' || this.src(left) !== name) continue;
      const callee = right?.type === 'call' ? named(right)[0] : undefined;
      found = callee?.type === 'attribute' && MEMBER_LIST.test(this.src(named(callee)[1] ?? callee)) ? right : undefined;
    }
    return found;
  }

  /** `for m in tf.getmembers() if m.isfile()`: the member list's name (`tf.getmembers()`) when no clause checks a member's path. */
  private uncheckedMembers(clauses: PyNode[], f: Frame): string | undefined {
    const fors = clauses.filter((c) => c.type === 'for_in_clause');
    const it = fors.length === 1 ? named(fors[0]!)[1] : undefined;
    const fn = it?.type === 'call' ? named(it)[0] : undefined;
    if (fn?.type !== 'attribute' || !MEMBER_LIST.test(this.src(named(fn)[1] ?? fn))) return undefined;
    if (clauses.some((c) => c.type === 'if_clause' && MEMBER_FILTER.test(this.src(c)))) return undefined;
    return this.namesOf(it!, f).find((x) => MEMBER_LIST_CALL.test(x));
  }

  /**
   * `x = call(…)` kept in a plain variable: its name and the calls after the assignment in the enclosing function (or
   * the module, with `inModule`), in order. Calls in the tree, not text: a comment or a string naming one runs nothing.
   */
  private callsAfterAssignment(call: PyNode, inModule: boolean): { name: string; calls: PyNode[] } | undefined {
    const assign = call.parent?.type === 'assignment' ? call.parent : undefined;
    const target = assign ? named(assign)[0] : undefined;
    if (target?.type !== 'identifier') return undefined;
    let fn: PyNode | undefined = assign!.parent;
    while (fn && fn.type !== 'function_definition' && fn.type !== 'module') fn = fn.parent;
    if (!fn || (fn.type === 'module' && !inModule)) return undefined;
    const calls: PyNode[] = [];
    const visit = (x: PyNode): void => {
      if (x.end <= assign!.end) return;
      if (x.type === 'call' && x.start >= assign!.end) calls.push(x);
      for (const c of x.children) visit(c);
    };
    visit(fn);
    return { name: this.src(target), calls };
  }

  /** `stmt = text(…)` whose variable a later statement of the same function executes (`session.execute(stmt, …)`). */
  private executedLater(call: PyNode): boolean {
    const later = this.callsAfterAssignment(call, true);
    return !!later && later.calls.some((x) => {
      const [callee, argList] = named(x);
      const first = argList?.type === 'argument_list' ? named(argList)[0] : undefined;
      const method = callee?.type === 'attribute' ? named(callee)[1] : callee?.type === 'identifier' ? callee : undefined;
      return first?.type === 'identifier' && this.src(first) === later.name && !!method && STATEMENT_RUNNERS.test(this.src(method)) && (callee!.type === 'attribute' || /^read_sql/.test(this.src(method)));
    });
  }

  /**
   * Whether `stmts` stop (raise, return) when a path made from one of `members` leaves its folder: an `if` whose
   * condition checks it (`startswith`, `commonpath`, `is_relative_to`, `..`, a link test) and exits, names made from
   * the members followed through assignments.
   */
  private checksMemberPath(stmts: PyNode[], members: Iterable<string>): boolean {
    const names = new Set(members);
    for (const st of stmts) {
      if (st.type === 'expression_statement') {
        for (const a of named(st)) if (a.type === 'assignment' && named(a)[0]?.type === 'identifier' && identifiers(named(a)[named(a).length - 1]!, this.text).some((x) => names.has(x))) names.add(this.src(named(a)[0]!));
      } else if (st.type === 'if_statement') {
        const [cond, b] = named(st);
        if (cond && b && this.exitsHard(b) && MEMBER_PATH_CHECK.test(this.src(cond)) && identifiers(cond, this.text).some((x) => names.has(x))) return true;
      }
    }
    return false;
  }

  /** `tar.extract(member, dest)` after the statements before it stopped on a path made from `member` leaving dest. */
  private checkedMemberExtract(n: PyNode, member: PyNode | undefined): boolean {
    return member?.type === 'identifier' && this.checksMemberPath(this.statementsBefore(n), [this.src(member)]);
  }

  /**
   * The names a statement of `stmts` hands to a parsing constructor that takes only valid values, its result unused
   * (`ipaddress.IPv4Address(host)`, `uuid.UUID(token)`, `int(page)`): they raise on anything else.
   */
  private validatedByCall(stmts: PyNode[], f: Frame): string[] {
    const out: string[] = [];
    for (const st of stmts) {
      const call = st.type === 'expression_statement' ? named(st)[0] : undefined;
      if (call?.type !== 'call') continue;
      const [fn, argList] = named(call);
      const arg = argList ? named(argList)[0] : undefined;
      const key = arg && (arg.type === 'identifier' || arg.type === 'attribute') ? this.key(arg) : undefined;
      if (!fn || !key) continue;
      if (this.set.sanitizerIndex.lookup(this.namesOf(fn, f)).some((z) => !z.receiver && z.clears.has('all'))) out.push(key);
    }
    return out;
  }

  /** A block that stops the request (raise, return, abort()), not one that only skips an item. */
  private exitsHard(block: PyNode): boolean {
    const last = named(block)[named(block).length - 1];
    return !!last && last.type !== 'continue_statement' && last.type !== 'break_statement' && this.exits(block);
  }

  private fork(f: Frame): Frame {
    return { ...f, env: new Map(f.env) };
  }

  private mergeInto(f: Frame, envs: Env[]): void {
    f.env = mergeEnvs(envs);
  }

  private defineFunction(def: PyNode, decorators: PyNode[], outer: Frame): void {
    const kids = named(def);
    const name = kids[0] ? this.src(kids[0]) : '';
    const params = kids.find((k) => k.type === 'parameters');
    const body = kids.find((k) => k.type === 'block');
    if (!body) return;
    const decoText = decorators.map((d) => this.src(d)).join('\n');
    // A Socket.IO event or a Dash callback: the client's data, answered with data rather than a page.
    const isEvent = decorators.some((d) => this.isEventDecorator(d));
    const isRoute = isEvent || decorators.some((d) => this.isRouteDecorator(d));
    const htmlRoute = isRoute && !isEvent && (this.flaskLike || !!this.set.knowledge.htmlRouteArguments?.test(decoText));
    // Decorators can be findings themselves (`@csrf_exempt`).
    for (const d of decorators) if (named(d)[0]) this.expr(named(d)[0]!, { ...outer, env: new Map(outer.env) });
    // Celery tasks and the like: whoever can enqueue a message chooses the arguments.
    const decoName = (d: PyNode) => lastName(this.src(named(d)[0] ?? d).replace(/\(.*$/s, ''));
    const isMessage = decorators.some((d) => this.set.knowledge.messageDecorators.has(decoName(d)));
    // `@tool`, `@mcp.tool()`, `@function_tool`: a model picks the arguments, and whatever it read (a web page, an
    // issue, a file) can pick them for it. Untrusted for every sink, paths included.
    const isTool = decorators.some((d) => this.set.knowledge.toolDecorators.has(decoName(d)));
    // `@app.command()` (Typer), `@click.command()` / `@click.option(…)`: the person running the program chose them.
    const commandDeco = !isRoute && decorators.some((d) => this.set.knowledge.commandDecorators.has(decoName(d)));
    // ...but a chat command (`@app_commands.command()` of discord.py, Slack Bolt's `@app.command("/x")`) is typed by
    // whoever is in the channel: remote input, as a route's.
    const remoteCommand = commandDeco && this.set.knowledge.remoteCommandImports.some((m) => this.imports.imports(m));
    const isCommand = commandDeco && !remoteCommand;
    // `get(self, name)` of a Tornado RequestHandler, `on_get(self, req, resp, id)` of a Falcon resource.
    const handler = outer.classEnv !== undefined ? this.set.knowledge.handlerMethods.find((h) => h.methods.test(name) && (!h.bases || h.bases.test(outer.classBases ?? ''))) : undefined;
    const isHandler = handler !== undefined;
    // `def import_remote(event, context)` at the module's top: an AWS Lambda handler (`event-handler-parameters`).
    const paramList = params ? named(params).map((p) => this.paramName(p)).join(',') : '';
    const isEventHandler = outer.fnName === '' && outer.classEnv === undefined && !!this.set.knowledge.eventHandlerParameters && paramList === this.set.knowledge.eventHandlerParameters;
    const snapshot = outer.fnName === '' && outer.globals === undefined ? undefined : new Map([...(outer.globals ?? []), ...outer.env]);
    const moduleEnv = outer.env;
    const classEnv = outer.classEnv;
    const className = classEnv ? outer.className : undefined;
    const paramNodes = params ? named(params) : [];
    const paramNames = paramNodes.map((p) => this.paramName(p));
    const self: FnDef = { name, params: paramNames, run: () => undefined };
    // A public function of the module (or public method of a public class): other modules call it, with values
    // this file cannot see (only sinks marked `parameters: true` read that).
    const exposedFn = outer.fnName === '' && !name.startsWith('_') && !(className ?? '').startsWith('_');
    const run = (taintedParams?: Map<string, Val>) => {
      const globals = snapshot ?? moduleEnv;
      const f: Frame = { env: new Map(), globals, fnName: name, htmlReturn: htmlRoute || (isHandler && handler.htmlReturns && this.flaskLike), fnDef: self };
      const firstName = paramNames[0] ?? '';
      if (classEnv && (firstName === 'self' || firstName === 'cls')) for (const [k, v] of classEnv) f.env.set(`${firstName}.${k}`, v);
      if (className && firstName === 'self') {
        f.className = className;
        for (const h of this.set.knowledge.handlerMethods) {
          if (h.bases && h.bases.test(outer.classBases ?? '')) for (const a of h.attributes) f.env.set(`self.${a}`, tainted(`self.${a}`));
        }
        // Only what matters: a constant set in one method says nothing about the attribute in another.
        for (const [k, v] of this.instanceAttrs.get(className) ?? []) if (v.untrusted || v.ctor || v.refs) f.env.set(`self.${k}`, v);
      }
      const djangoView = !isRoute && this.djangoLike && (firstName === 'request' || (firstName === 'self' && paramNames[1] === 'request'));
      paramNodes.forEach((p, i) => {
        const pname = paramNames[i];
        if (!pname) return;
        let v = this.paramValue(p, pname, isRoute || isHandler || isMessage || isTool || remoteCommand || isEventHandler || !!djangoView, decoText, f, exposedFn && pname !== 'self' && pname !== 'cls');
        // A task told which file to read was told so by the application that enqueued it (whatever the enqueuer had:
        // a path it built from the request is reported where it built it).
        const enqueued = isMessage && !isTool && !isRoute && !isHandler && !djangoView;
        if (enqueued) v = clear(v, this.set.knowledge.messageParametersCleanFor);
        // gRPC's `request`: the client's message, although the name usually means the framework's request object.
        if (isHandler && handler.dataParameters.includes(pname)) v = tainted(`${pname} of ${name}()`);
        if (isCommand && !isMessage && !isHandler && !djangoView) v = typedCliParams(decorators.map((d) => this.src(d))).has(pname) ? CONST : localInput(this.paramValue(p, pname, true, decoText, f), `command-line argument '${pname}'`);
        const given = taintedParams?.get(pname);
        const extra = given && enqueued ? clear(given, this.set.knowledge.messageParametersCleanFor) : given;
        // (what a caller passes keeps the parameter's declared type: `df: pd.DataFrame` given a frame of request data)
        f.env.set(pname, extra ? withCtor(join(v, extra), v.ctor ?? extra.ctor) : v);
        // `allow_includes: bool = True`: unless a caller says otherwise, the function runs with the default.
        const dflt = p.type === 'default_parameter' || p.type === 'typed_default_parameter' ? named(p)[named(p).length - 1] : undefined;
        if (dflt && (dflt.type === 'true' || dflt.type === 'false')) (f.boolDefaults ??= new Map()).set(pname, dflt.type === 'true');
        if (extra) (f.fromCallers ??= new Map()).set(pname, f.env.get(pname)!);
        const type = named(p).find((k) => k.type === 'type');
        if (type) this.bindModelFields(pname, this.src(type).trim().replace(/^Optional\[(.*)\]$/, '$1'), f);
        // `svc: ConversionService = Depends(…)`: an instance of a class of the file, whose methods are its helpers.
        const cls = type ? optionalOf(this.src(type)) : '';
        if (cls && this.classes.has(cls) && !f.env.get(pname)?.ctor) f.env.set(pname, { ...f.env.get(pname)!, ctor: `${cls}()` });
      });
      if (!this.returnsParam.has(name)) this.returnsParam.set(name, false);
      this.block(named(body), f);
    };
    self.run = run;
    this.helpers.define(self);
    if (className) {
      const list = this.classMethods.get(className) ?? [];
      list.push(self);
      this.classMethods.set(className, list);
      // `Client(url)` runs `Client.__init__`.
      if (name === '__init__') this.helpers.define({ name: `${className}()`, params: paramNames, run });
    }
    // A check function (`def is_allowed(url): p = urlparse(url); return p.hostname in HOSTS`, or one that
    // raises on a bad value): a call to it vouches for its arguments as its inlined conditions would.
    const check = name ? this.checkShape(body, paramNames) : undefined;
    if (check) this.checks.set(name, check);
    this.pending.push(() => run());
  }

  /**
   * Hands each seed to the function or method it names (`read_file`; `StorageService.read`; a class: its
   * `__init__`), as a call inside the file would: by position after `self`, or by keyword.
   */
  private seed(seeds: readonly Seed[], root: PyNode): void {
    for (const s of seeds) {
      const last = s.path[s.path.length - 1];
      if (!last) continue;
      // (a table of the module's functions called through by key elsewhere: `REGISTRY[method](params, caller)`)
      const table = s.path.length === 1 && !this.helpers.defs(last) ? functionTable(root, last, this.text, (x) => !!this.helpers.defs(x)) : undefined;
      const val = seedValue(s);
      for (const fnName of table ?? [last]) {
        const name = this.classes.has(fnName) ? `${fnName}()` : fnName;
        for (const def of this.helpers.defs(name) ?? []) {
          const offset = def.params[0] === 'self' || def.params[0] === 'cls' ? 1 : 0;
          const param = s.keyword ? (def.params.includes(s.keyword) ? s.keyword : undefined) : def.params[s.index + offset];
          if (!param) continue;
          this.helpers.seed(name, param, val);
          const m = this.seededParams.get(name) ?? new Map<string, { index: number; keyword?: string }>();
          m.set(param, s.keyword ? { index: -1, keyword: s.keyword } : { index: s.index });
          this.seededParams.set(name, m);
        }
      }
    }
  }

  /**
   * `run(["tar", "czf", out, "-C", src])`: an argument vector whose program is written here (and is no shell) picks
   * no command, whatever its other items hold; the helper it goes to gets it clean of command injection.
   */
  private argvList(node: PyNode, v: Val): Val {
    if ((node.type !== 'list' && node.type !== 'tuple') || !v.untrusted) return v;
    const head = named(node).find((k) => k.type !== 'comment');
    const lit = head ? literalOf(head, this.text) : undefined;
    if (!lit?.ok || typeof lit.value !== 'string' || !lit.value || SHELL_PROGRAM.test(lit.value)) return v;
    return clear(v, CMD_ONLY);
  }

  /**
   * A call of a function an imported module defines (`storage.read_file(name)` with `from .services import
   * storage`, `read_file(name)` imported by name, `svc.fetch(url)` with `svc = Fetcher()` imported) with untrusted
   * data in some argument: recorded for the engine's cross-file pass, which finds the module among the scan's files.
   */
  private noteModuleCall(n: PyNode, fn: PyNode, names: string[], args: CallArgs): void {
    const data = args.positional.map((a, i) => ({ index: i, val: this.argvList(a.node, a.val), keyword: undefined as string | undefined }));
    for (const [k, a] of args.keywords) data.push({ index: -1, val: this.argvList(a.node, a.val), keyword: k });
    // A call that is itself the finding (`fetch_all(sql)` with SQL built here): reported here, not again inside.
    if (this.hits.some((h) => h.node === n) || this.passedOn.some((p) => p.node === n)) return;
    this.recordModuleCall(n, fn, names, data);
  }

  /**
   * The one place a call of another module's function `target` (named `names`) with `data` is recorded for the
   * cross-file pass: only its untrusted arguments are carried, a function of this file is not (refsOfCall follows
   * it), and a call site is recorded once.
   */
  private recordModuleCall(n: PyNode, target: PyNode, names: string[], data: ReadonlyArray<{ index: number; val: Val; keyword?: string }>): void {
    if (target.type === 'identifier' && this.helpers.defs(this.src(target))) return;
    const spec = this.moduleSpec(target, names);
    if (spec) this.recordSpecCall(n, spec, data);
  }

  private recordSpecCall(n: PyNode, spec: string, data: ReadonlyArray<{ index: number; val: Val; keyword?: string }>): void {
    const given: CarriedArg[] = [];
    for (const d of data) {
      const c = carriedArg(d.index, d.val, d.keyword);
      if (c) given.push(c);
    }
    if (this.moduleCalls.some((c) => c.spec === spec && c.at === n.start)) return;
    if (given.length) this.moduleCalls.push({ at: n.start, spec, path: [], args: given, dotted: true });
    // `sqs.receive_message(…)` with `sqs` made in another module: a source only once the pass says what made it
    else if (this.isSourceMethod(spec) && !this.knownCtors.has(spec.slice(0, spec.lastIndexOf('.')))) this.moduleCalls.push({ at: n.start, spec, path: [], args: [], dotted: true, probe: true });
  }

  private sourceMethods?: Set<string>;
  /** Whether a dotted call name ends with a method some source names on a library's object (`boto3.client().receive_message`). */
  private isSourceMethod(spec: string): boolean {
    this.sourceMethods ??= new Set(this.set.sourceNames.filter((x) => x.includes('().')).map((x) => x.slice(x.lastIndexOf('.') + 1)));
    return this.sourceMethods.has(spec.slice(spec.lastIndexOf('.') + 1));
  }

  /** Whether `n` names an imported module (`requests` in `requests.get`), not a value. */
  private isModuleName(n: PyNode): boolean {
    return (n.type === 'identifier' || n.type === 'attribute') && this.importedName(this.src(n).split('.')[0]!);
  }

  /** Whether `head` is a name an import statement bound (a module or an imported name). */
  private importedName(head: string): boolean {
    return this.imports.alias.has(head) || this.imports.modules.has(head);
  }

  /** `os.path.splitext(…)` (also imported by name): a (root, extension) pair. */
  private isSplitext(n: PyNode): boolean {
    if (n.type !== 'call') return false;
    const callee = named(n)[0];
    return !!callee && /(^|\.)splitext$/.test(this.imports.qualify(this.src(callee)) ?? this.src(callee));
  }

  /**
   * `REGISTRY` imported by name from another module (`from .tools import REGISTRY`), written as a constant: a table
   * whose values may be that module's functions (its side, `seed`, finds them); refs to it, or undefined.
   */
  private importedTableRefs(n: PyNode, f: Frame): FnRef[] | undefined {
    if (n.type !== 'identifier') return undefined;
    const name = this.src(n);
    if (!/^[A-Z][A-Z0-9_]*$/.test(name) || !this.imports.alias.has(name) || this.imports.modules.has(name) || this.lookup(name, f)) return undefined;
    return this.moduleFunctionRefs([n], f);
  }

  /** The functions of other project modules among `values` (`web.fetch_url`, `fetch_url` imported by name), as refs. */
  private moduleFunctionRefs(values: Array<PyNode | undefined>, f: Frame): FnRef[] | undefined {
    let out: FnRef[] | undefined;
    for (const v of values) {
      if (!v || (v.type !== 'identifier' && v.type !== 'attribute')) continue;
      if (v.type === 'identifier' && (this.helpers.defs(this.src(v)) || this.lookup(this.src(v), f))) continue;
      const spec = this.moduleSpec(v, this.namesOf(v, f));
      if (!spec) continue;
      let r = this.refCache.get(`${spec}\0spec`);
      if (!r) this.refCache.set(`${spec}\0spec`, (r = { name: spec, spec }));
      (out ??= []).push(r);
    }
    return out;
  }

  /**
   * A function of another module handed to something that calls it later with the data given beside it:
   * `background.add_task(tasks.notify, url)`, `executor.submit(fetch, url)`, `loop.run_in_executor(None, fetch, url)`,
   * `Thread(target=worker.run, args=(path,))`, a Celery task's `.delay(url)` / `.apply_async(args=[url])`. Recorded as a
   * call of that function for the cross-file pass (a function of this file is followed by refsOfCall).
   */
  private noteDispatchedCall(n: PyNode, fn: PyNode, names: string[], last: string, args: CallArgs, f: Frame): void {
    let target: PyNode | undefined;
    let data: Array<{ index: number; val: Val; keyword?: string }> = [];
    const spread = (a: { node: PyNode; val: Val } | undefined) => {
      // `args=(a, b)`: each element is an argument; their values are known only together.
      const elems = a && (a.node.type === 'tuple' || a.node.type === 'list') ? named(a.node).filter((e) => e.type !== 'comment') : [];
      return elems.map((_, i) => ({ index: i, val: a!.val }));
    };
    if ((last === 'delay' || last === 'apply_async' || last === 's' || last === 'si') && fn.type === 'attribute') {
      target = named(fn)[0];
      if (last === 'apply_async') data = spread(args.keywords.get('args') ?? args.positional[0]);
      else {
        data = args.positional.map((a, i) => ({ index: i, val: a.val }));
        for (const [k, a] of args.keywords) data.push({ index: -1, val: a.val, keyword: k });
      }
    } else if (DISPATCHERS.has(last) || (fn.type === 'identifier' && this.dispatchWrappers.has(last))) {
      const kw = args.keywords.get('target') ?? args.keywords.get('func') ?? args.keywords.get('fn');
      if (kw) {
        target = kw.node;
        data = spread(args.keywords.get('args'));
      } else {
        const at = args.positional.findIndex((a) => a.node.type === 'identifier' || a.node.type === 'attribute');
        if (at >= 0 && (at === 0 || isConst(args.positional[0]!.val))) {
          target = args.positional[at]!.node;
          data = args.positional.slice(at + 1).map((a, i) => ({ index: i, val: a.val }));
          for (const [k, a] of args.keywords) data.push({ index: -1, val: a.val, keyword: k });
        }
      }
    }
    if (!target || (target.type !== 'identifier' && target.type !== 'attribute')) return;
    this.recordModuleCall(n, target, this.namesOf(target, f), data);
  }

  /** A pattern that matches every character but letters, digits, `_` and `-`, replaced by such characters (or nothing). */
  private keepsOnlyNameChars(pattern: PyNode | undefined, replacement: PyNode | undefined): boolean {
    if (!pattern || !replacement) return false;
    const p = literalOf(pattern, this.text);
    const r = literalOf(replacement, this.text);
    if (!p.ok || !r.ok || typeof p.value !== 'string' || typeof r.value !== 'string') return false;
    return /^\[\^(?:[A-Za-z0-9_]|\\[wd-]|[a-z]-[a-z]|[A-Z]-[A-Z]|0-9|-)+\][+*]?$/.test(p.value) && /^[A-Za-z0-9_-]*$/.test(r.value);
  }

  private instanceClasses?: Map<string, string>;
  /** `repo = InvoiceRepository(…)`, `self.repo = …` or `repo: InvoiceRepository` anywhere in the file: the class a name holds an instance of. */
  private instanceClassOf(name: string): string | undefined {
    if (!this.instanceClasses) {
      this.instanceClasses = new Map();
      // (`self.repo = InvoiceRepository(…)` in a constructor: the attribute holds one)
      for (const m of this.text.matchAll(/^[ \t]*((?:self\.)?[A-Za-z_]\w*)\s*(?::\s*[\w.[\]]+\s*)?=\s*([A-Z]\w*(?:\.[A-Z]\w*)*)\(/gm)) {
        if (!this.instanceClasses.has(m[1]!)) this.instanceClasses.set(m[1]!, m[2]!);
      }
      // a parameter annotated with a class (`repo: ProfileRepository = Depends(get_profiles)`)
      for (const m of this.text.matchAll(/[(,]\s*([A-Za-z_]\w*)\s*:\s*(?:Optional\[)?([A-Z]\w*)\]?\s*(?=[=,)])/g)) {
        if (!this.instanceClasses.has(m[1]!)) this.instanceClasses.set(m[1]!, m[2]!);
      }
    }
    return this.instanceClasses.get(name);
  }

  /** The dotted name of another module's function a call stands for (`.storage.read_doc`, `app.repo.Repo.find`), if any. */
  private moduleSpec(fn: PyNode, names: string[]): string | undefined {
    const direct = fn.type === 'identifier' || fn.type === 'attribute' ? this.imports.qualify(this.src(fn).replace(/\s+/g, '')) : undefined;
    // (`import media` then `media.download(url)`: qualified as written, still another module's function)
    let spec = direct;
    // (`repo.find(q)` with `repo = InvoiceRepository()` in the module, `self.repo.find(q)` with it made in __init__,
    // the class imported)
    const holder = fn.type === 'attribute' ? named(fn)[0] : undefined;
    if (!spec && holder && (holder.type === 'identifier' || (holder.type === 'attribute' && /^self\.\w+$/.test(this.src(holder))))) {
      const cls = this.instanceClassOf(this.src(holder));
      const q = cls ? this.imports.qualify(cls) : undefined;
      if (q && q !== cls) spec = `${q}.${this.src(named(fn)[1] ?? fn)}`;
    }
    // (`_repo().find(q)` with `def _repo(): return InvoiceRepository(…)` in the file, the class imported)
    const obj = fn.type === 'attribute' ? named(fn)[0] : undefined;
    const factory = obj?.type === 'call' && named(obj)[0]?.type === 'identifier' ? this.returnCtors.get(this.src(named(obj)[0]!)) : undefined;
    if (!spec && factory) spec = `${factory}.${this.src(named(fn)[1] ?? fn)}`;
    // (through an instance of an imported class: `app.fetch.Fetcher().get`; through what an imported class's
    // attribute made: `qs.by_expr(x)` with `qs = Invoice.objects.open()`, a Django manager's QuerySet)
    if (!spec) {
      const imported = new Set(this.imports.alias.values());
      const classes = [...imported].filter((q) => /(^|\.)[A-Z]\w*$/.test(q));
      spec = names.find((x) => {
        const i = x.indexOf('().');
        if (i <= 0) return false;
        const head = x.slice(0, i);
        return imported.has(head) || classes.some((c) => head.startsWith(`${c}.`));
      });
    }
    return spec && /^[\w.()]+$/.test(spec) ? spec.replace(/\(\)/g, '') : undefined;
  }

  /** What every return of `fn` carrying untrusted data was clean of (or, when none did, every return of a parameter). */
  private returnCleanOf(fn: string): Set<string> | undefined {
    return this.returnCleanUntrusted.get(fn) ?? this.returnClean.get(fn);
  }

  /** Functions of the file whose every return is clean of some categories, or a constant: what calls from other files get back. */
  returnFacts(): ReturnFact[] {
    const out: ReturnFact[] = [];
    for (const [name, param] of this.returnsParam) {
      if (param) {
        // (not the no-operators mark alone: that a helper hands back strings matters to a query's values, not to what
        // its callers in other modules may do with the result)
        const clean = [...(this.returnCleanOf(name) ?? [])].filter((c) => c !== 'no-operators');
        if (clean.length) out.push({ name, clean });
      } else if (this.returnsConst.get(name) && this.helpers.has(name)) out.push({ name, clean: ['all'] });
      // (`def kpi_rows(metric): return pd.read_sql(…)`: a query's rows, whatever it was asked)
      else if (this.helpers.has(name)) out.push({ name, clean: [], fresh: true });
    }
    // `stage_scan(data, suffix=".png")` returning a temporary path made from `suffix`: the data it was given untrusted
    // never comes back, so the callers' results owe nothing to that argument.
    for (const [name, params] of this.seededParams) {
      if (!this.returnsParam.get(name)) continue;
      const back = this.helpers.returnedParams(name);
      const drops = [...params].filter(([p]) => !back?.has(p)).map(([, at]) => at);
      if (drops.length) factFor(out, name).drops = drops;
    }
    // `build_filters(filters)` returning `(" AND ".join(clauses), params)`: the clauses hold none of the filters' values
    for (const [name, items] of this.returnSafeItems) {
      const seeded = this.seededParams.get(name);
      const args = seeded ? [...seeded.values()].filter((a) => a.index >= 0).map((a) => a.index) : [];
      if (items?.size && args.length) factFor(out, name).safeParts = { parts: [...items], args };
    }
    // `session = requests.Session()`, `client = httpx.Client()` at the module's top: a library's object, which importers
    // call by its name (`from .clients import session; session.get(url)`).
    for (const [name, v] of this.moduleEnv ?? []) {
      if (!v.ctor || name.includes('.') || this.returnsParam.has(name) || this.classes.has(v.ctor.replace(/\(\)$/, ''))) continue;
      out.push({ name, clean: [], ctor: v.ctor });
    }
    return out;
  }

  /** Records tainted arguments of a call to a function defined in this file (`helper(x)`, `self.helper(x)`). */
  private noteLocalCall(n: PyNode, fn: PyNode, args: CallArgs, f: Frame): Val | undefined {
    let name: string | undefined;
    let method = false;
    if (fn.type === 'identifier') name = this.classes.has(this.src(fn)) ? `${this.src(fn)}()` : this.src(fn);
    else if (fn.type === 'attribute') {
      const [obj, attr] = named(fn);
      const ownClass = (o: PyNode) => this.src(o) === 'self' || this.src(o) === 'cls' || this.namesOf(o, EMPTY_FRAME_WITH(this.lastFrame)).some((x) => this.classes.has(x.replace(/\(\)$/, '')));
      if (obj && attr && ownClass(obj)) {
        name = this.src(attr);
        method = true;
      }
    }
    if (!name || !this.helpers.defs(name)) return undefined;
    return this.noteCallTo(name, method, n, fn, args.positional.map((a) => a.val), args.keywords, f);
  }

  /**
   * A call of the file's function `name` with these argument values (`bound` ones first: `partial(run, x)`):
   * untrusted ones are recorded for the helper's next run, its call site for diff scans.
   */
  private noteCallTo(name: string, method: boolean, n: PyNode, fn: PyNode, positional: Val[], keywords: ReadonlyMap<string, { val: Val }>, f: Frame): Val | undefined {
    const defs = this.helpers.defs(name);
    if (!defs) return undefined;
    let returned: Val | undefined;
    for (const def of defs) {
      const offset = (method || name.endsWith('()')) && (def.params[0] === 'self' || def.params[0] === 'cls') ? 1 : 0;
      const passed = positional.map((val, i) => ({ param: def.params[i + offset], val }));
      for (const [k, a] of keywords) if (def.params.includes(k)) passed.push({ param: k, val: a.val });
      returned = this.helpers.noteCall(name, f.fnDef, passed, callSite(n, fn));
      for (const p of passed) {
        if (!p.param || !p.val.untrusted) continue;
        const key = `${name}\0${p.param}`;
        const list = this.callSites.get(key) ?? [];
        if (!list.some((c) => c.node === n)) list.push({ node: n, built: !!p.val.built, callee: this.callee(fn), via: this.helpers.rerunningNow() });
        this.callSites.set(key, list);
      }
    }
    return returned;
  }

  // ---------------------------------------------------------------- functions as values

  /** One FnRef per function (values compare them by identity). */
  private ref(name: string, method = false): FnRef {
    const k = method ? `${name}\0m` : name;
    let r = this.refCache.get(k);
    if (!r) this.refCache.set(k, (r = method ? { name, method } : { name }));
    return r;
  }

  /** `def pick(k): return HANDLERS[k]`: a function of the file that returns functions of the file (`pick(k)(d)`). */
  private noteReturnedRefs(fn: FnDef | undefined, v: Val): void {
    if (fn && v.refs) this.returnedRefs.set(fn.name, join({ refs: this.returnedRefs.get(fn.name) }, v).refs!);
  }

  /** The function of the file a bare name is (`run`; the class `Helper` is its constructor). */
  private fnRefOf(name: string): FnRef | undefined {
    if (this.classes.has(name)) return this.helpers.has(`${name}()`) ? this.ref(`${name}()`) : undefined;
    return this.helpers.has(name) ? this.ref(name) : undefined;
  }

  /** `x.m(…)` where x is an instance of a class of the file (or the class) that defines m itself. */
  private callsOwnMethod(fn: PyNode, f: Frame): boolean {
    if (fn.type !== 'attribute') return false;
    const obj = named(fn)[0];
    const own = obj ? this.ownClassOf(obj, f) : undefined;
    const method = this.src(named(fn)[1] ?? fn);
    return !!own && this.methodsOf(own.cls).some((d) => d.name === method);
  }

  /** The methods of the file's class `cls` and of its ancestors defined in the file. */
  private methodsOf(cls: string): FnDef[] {
    const out = [...(this.classMethods.get(cls) ?? [])];
    for (const b of (this.basesOf.get(cls) ?? '').match(/[A-Za-z_]\w*/g) ?? []) if (b !== cls) out.push(...(this.classMethods.get(b) ?? []));
    return out;
  }

  /** The class of the file `obj` is an instance of (`self`, `h` holding `Helper()`), or the class itself (`Helper`). */
  private ownClassOf(obj: PyNode, f: Frame): { cls: string; instance: boolean } | undefined {
    const s = this.src(obj);
    if ((s === 'self' || s === 'cls') && f.className) return { cls: f.className, instance: true };
    for (const x of this.namesOf(obj, f)) {
      const c = x.replace(/\(\)$/, '');
      if (this.classes.has(c)) return { cls: c, instance: x !== c };
    }
    return undefined;
  }

  /** `h.run`, `self.run`, `Helper.run`: a method of a class of the file (read off an instance, it is bound to it). */
  private methodRef(obj: PyNode, name: string, f: Frame): FnRef | undefined {
    if (!this.helpers.has(name)) return undefined;
    if (obj.type === 'call' && !this.ownClassOf(obj, f)) return undefined;
    const s = this.src(obj);
    const own = this.ownClassOf(obj, f);
    if (own) return this.methodsOf(own.cls).some((d) => d.name === name) ? this.ref(name, own.instance) : undefined;
    return s === 'self' || s === 'cls' ? this.ref(name, true) : undefined;
  }

  /** `Shell.handler` with `handler = run` in the class body: the functions a class attribute holds. */
  private classAttrRefs(obj: PyNode, name: string, f: Frame): readonly FnRef[] | undefined {
    const own = this.ownClassOf(obj, f);
    return own ? this.classRefs.get(`${own.cls}.${name}`) : undefined;
  }

  /**
   * `lambda c: run(c)`: a function of the file like any other (a summary under a name of its own), analysed
   * when something calls it. Its body sees the enclosing names as they are when it runs.
   */
  private lambda(n: PyNode, outer: Frame): Val {
    const kids = named(n);
    const paramsNode = kids[0]?.type === 'lambda_parameters' ? kids[0] : undefined;
    const body = kids[kids.length - 1];
    if (!body || body === paramsNode) return CONST;
    const name = `<lambda@${n.start}>`;
    const paramNames = (paramsNode ? named(paramsNode) : []).map((p) => this.paramName(p));
    const env = outer.env;
    const globals = outer.globals;
    let def = this.lambdas.get(n.start);
    const run = (taintedParams?: Map<string, Val>) => {
      const f: Frame = { env: new Map(), globals: globals ? new Map([...globals, ...env]) : env, fnName: name, htmlReturn: false, fnDef: def, className: outer.className };
      for (const p of paramNames) {
        if (!p) continue;
        const extra = taintedParams?.get(p);
        const v = extra ? join(unknown(`parameter '${p}'`), extra) : unknown(`parameter '${p}'`);
        f.env.set(p, v);
        if (extra) (f.fromCallers ??= new Map()).set(p, v);
      }
      const v = this.expr(body, f);
      this.helpers.noteReturn(def, v);
      this.noteReturnedRefs(def, v);
    };
    if (def) def.run = run;
    else {
      def = { name, params: paramNames, run };
      this.lambdas.set(n.start, def);
      this.helpers.define(def);
      // Its body once as written, like a function's: a call pattern in it (`map(lambda e: hashlib.sha1(e))`)
      // counts whether or not anything untrusted is ever passed in.
      const self = def;
      this.pending.push(() => self.run());
    }
    return { refs: [this.ref(name)] };
  }

  /**
   * The functions of the file a call's value may be, and the ones it may call: `partial(run, x)` is run with x
   * bound, `getattr(self, "run")` / `getattr(self, "do_" + k)` the methods so named, a lookup in a table of
   * handlers (`HANDLERS.get(k)`) one of them. Any other call's result is no function of the file. A function
   * handed to a call together with untrusted data (`map(run, xs)`, `pool.submit(run, x)`, `sorted(xs,
   * key=run)`) may be called with that data: it is noted as called so at this call.
   */
  private refsOfCall(n: PyNode, fn: PyNode, names: string[], last: string, recv: Val | undefined, args: CallArgs, f: Frame, result: Val): Val {
    const first = args.positional[0];
    let refs: readonly FnRef[] | undefined;
    let handsOver = true;
    if (first?.val.refs && names.some((x) => PARTIAL_CALLS.has(x))) {
      const bound = args.positional.slice(1).map((a) => a.val);
      refs = first.val.refs.map((r) => ({ ...r, bound: [...(r.bound ?? []), ...bound] }));
      handsOver = false;
    } else if (fn.type === 'identifier' && last === 'getattr' && first && args.positional[1]) {
      refs = this.getattrRefs(first.node, args.positional[1], f, args.positional[2]?.val.refs);
      handsOver = false;
    } else if (fn.type === 'identifier' && REF_CONTAINERS.has(last) && !this.lookup(last, f)) {
      // `sorted(HANDLERS.values())`, `dict(ls=run)` hold the handlers; `sorted(xs, key=run)` still calls run back
      refs = last === 'dict' ? join(...args.positional.map((a) => a.val), ...[...args.keywords.values()].map((a) => a.val)).refs : first?.val.refs;
    } else if (fn.type === 'attribute' && TABLE_READS.has(last)) refs = recv?.refs;
    if (handsOver) {
      const handed = last === 'dict' ? [] : [...args.positional, ...args.keywords.values()].filter((a) => a.val.refs && !(refs && a === first));
      if (handed.length) {
        const data = join(...[...args.positional, ...args.keywords.values()].filter((a) => !a.val.refs).map((a) => carried(a.val)), ...args.extra.map(carried), recv?.untrusted && fn.type === 'attribute' ? carried(recv) : undefined);
        if (data.untrusted) {
          for (const a of handed) {
            for (const r of a.val.refs!) {
              if (r.spec) this.recordSpecCall(n, r.spec, everyPosition(data));
              else this.noteCallTo(r.name, !!r.method, n, fn, [...(r.bound ?? []), ...new Array<Val>(8).fill(data)], new Map(), f);
            }
          }
        }
      }
    }
    // `pick(k)(d)`: what a function of the file returns (`self.pick(k)` too)
    if (!refs) {
      const obj = fn.type === 'attribute' ? named(fn)[0] : undefined;
      const own = fn.type === 'identifier' ? this.src(fn) : obj && (/^(self|cls)$/.test(this.src(obj)) || this.ownClassOf(obj, f)) ? this.src(named(fn)[1] ?? fn) : undefined;
      if (own) refs = this.returnedRefs.get(own);
    }
    if (refs?.length) return { ...result, refs };
    if (!result.refs) return result;
    const { refs: _, ...rest } = result;
    return isConst(rest) && rest.prefix === undefined && rest.ctor === undefined && rest.built === undefined ? CONST : rest;
  }

  /**
   * `gr.Button("Go").click(classify, inputs=[img, url])`, `gr.Interface(fn=explain, …)`: a function of the file
   * registered as the handler of what a user sends through the UI (`handler-registrations`) is called with untrusted
   * values in every parameter.
   */
  private registeredHandlers(n: PyNode, fn: PyNode, names: string[], last: string, args: CallArgs, f: Frame): void {
    for (const r of this.set.knowledge.handlerRegistrations) {
      if (!r.calls.has(last) && !names.some((x) => r.calls.has(x))) continue;
      if (!r.imports.some((m) => this.imports.imports(m))) continue;
      const a = (r.keyword ? args.keywords.get(r.keyword) : undefined) ?? args.positional[r.index];
      if (!a) continue;
      const input = tainted(`${names[0] ?? last}() input`);
      for (const ref of a.val.refs ?? []) this.noteCallTo(ref.name, !!ref.method, n, fn, new Array<Val>(8).fill(input), new Map(), f);
      // (a handler another module defines, `CommandHandler("rss", handlers.rss)`: followed by the cross-file pass)
      for (const ref of this.moduleFunctionRefs([a.node], f) ?? []) this.recordSpecCall(a.node, ref.spec!, everyPosition(input));
    }
  }

  /**
   * `client.on_message = on_message` (paho-mqtt): a function of the file assigned to an attribute that the library calls
   * with what others send (`handler-registrations` with `attributes`) is called with untrusted values in every parameter.
   */
  private assignedHandler(target: PyNode, value: PyNode, val: Val, f: Frame): void {
    const attr = named(target)[1];
    if (!attr) return;
    const name = this.src(attr);
    for (const r of this.set.knowledge.handlerRegistrations) {
      if (!r.attributes.has(name) || !r.imports.some((m) => this.imports.imports(m))) continue;
      const input = tainted(`${name} handler input`);
      for (const ref of val.refs ?? []) this.noteCallTo(ref.name, !!ref.method, value, value, new Array<Val>(8).fill(input), new Map(), f);
      // (a handler another module defines, `client.on_message = handlers.on_message`: followed by the cross-file pass)
      for (const ref of this.moduleFunctionRefs([value], f) ?? []) this.recordSpecCall(value, ref.spec!, everyPosition(input));
    }
  }

  /** `getattr(obj, "run")`, `getattr(self, "do_" + action)`: the methods of the file's class that name can be. */
  private getattrRefs(obj: PyNode, attr: { node: PyNode; val: Val }, f: Frame, dflt: readonly FnRef[] | undefined): FnRef[] | undefined {
    const out: FnRef[] = [...(dflt ?? [])];
    const lit = literalOf(attr.node, this.text);
    if (lit.ok && typeof lit.value === 'string') {
      const r = this.methodRef(obj, lit.value, f);
      if (r) out.push(r);
    } else {
      const own = this.ownClassOf(obj, f);
      const prefix = attr.val.prefix ?? '';
      if (own) for (const d of this.methodsOf(own.cls)) if (d.name.startsWith(prefix) && out.length < 32) out.push(this.ref(d.name, own.instance));
    }
    return out.length ? out : undefined;
  }

  /** A call of a value that is a function of the file (`r(x)` with `r = run`, `HANDLERS[k](x)`, `partial(run)(x)`). */
  private callThroughRefs(n: PyNode, fn: PyNode, recv: Val | undefined, args: CallArgs, f: Frame): Val | undefined {
    const k = fn.type === 'identifier' || fn.type === 'attribute' ? this.key(fn) : undefined;
    let callee = k ? this.lookup(k, f) : fn.type === 'attribute' ? undefined : recv;
    if (!callee && fn.type === 'attribute') {
      const [obj, attr] = named(fn);
      // `run.__call__(d)` is run(d)
      const refs = obj && attr ? (this.src(attr) === '__call__' ? this.expr(obj, f).refs : this.classAttrRefs(obj, this.src(attr), f)) : undefined;
      if (refs) callee = { refs };
    }
    if (!callee?.refs) return undefined;
    let returned: Val | undefined;
    // `fn(**args)`: the mapping's values may be any parameter.
    const spread = args.splat?.untrusted ? new Array<Val>(8).fill(args.splat) : [];
    const positional = [...args.positional.map((a) => a.val), ...spread];
    for (const r of callee.refs) {
      if (r.spec) this.recordSpecCall(n, r.spec, [...(r.bound ?? []), ...positional].map((val, index) => ({ index, val })).concat([...args.keywords].map(([keyword, a]) => ({ index: -1, val: a.val, keyword }))));
      else returned = join(returned, this.noteCallTo(r.name, !!r.method, n, fn, [...(r.bound ?? []), ...positional], args.keywords, f));
    }
    return returned;
  }

  private classDef(def: PyNode, outer: Frame): void {
    const cname = named(def)[0];
    if (cname?.type === 'identifier') this.classes.add(this.src(cname));
    const body = named(def).find((k) => k.type === 'block');
    if (!body) return;
    const bases = named(def).find((k) => k.type === 'argument_list');
    // `class Download(BaseHandler)` with `class BaseHandler(RequestHandler)` earlier in the file: the
    // ancestors' bases count too, so a handler base class defined in the file still marks its handlers.
    let classBases = bases ? this.src(bases) : '';
    if (bases) for (const b of named(bases)) if (b.type === 'identifier') classBases += ` ${this.basesOf.get(this.src(b)) ?? ''}`;
    if (cname?.type === 'identifier') this.basesOf.set(this.src(cname), classBases);
    const f: Frame = { env: new Map(), globals: outer.globals ?? outer.env, fnName: '', htmlReturn: false, className: cname ? this.src(cname) : undefined, classBases };
    // Methods see the module's globals, not the class body's names (those only as self.X).
    for (const s of named(body)) {
      if (s.type === 'function_definition' || s.type === 'decorated_definition') this.stmt(s, { ...f, env: outer.globals ?? outer.env, globals: undefined, classEnv: f.env });
      else this.stmt(s, f);
    }
    if (cname?.type === 'identifier') {
      // `Config.API_BASE` elsewhere in the module: the class's constants, as written in its body.
      // Only values nobody can change in place (a dict or list class attribute is often a registry filled later).
      for (const [k, v] of f.env) {
        const node = f.constExprs?.get(k);
        if (/^[A-Za-z_]\w*$/.test(k) && isConst(v) && node && !MUTABLE_LITERALS.has(node.type)) outer.env.set(`${this.src(cname)}.${k}`, v);
        if (/^[A-Za-z_]\w*$/.test(k) && v.refs) this.classRefs.set(`${this.src(cname)}.${k}`, v.refs);
      }
      const checked = new Map<string, Set<string>>();
      const safe = this.modelSafeFields(body, outer, checked);
      if (safe.size) this.safeFields.set(this.src(cname), safe);
      if (checked.size) this.checkedFields.set(this.src(cname), checked);
    }
  }

  /**
   * Fields of a model class (pydantic, dataclass, marshmallow...) that hold no dangerous text: declared with a
   * type that cannot carry any (`int`, an Enum of the file, `Literal["a", "b"]`, a pattern constraint), or
   * checked by a field validator that raises unless the value is good (`if v not in REGIONS: raise`).
   */
  private modelSafeFields(body: PyNode, outer: Frame, checked: Map<string, Set<string>>): Set<string> {
    const out = new Set<string>();
    const know = this.set.knowledge;
    for (const st of named(body)) {
      if (st.type === 'expression_statement') {
        const a = named(st)[0];
        if (a?.type !== 'assignment') continue;
        const [left, ...rest] = named(a);
        const type = rest.find((k) => k.type === 'type');
        const dflt = rest.find((k) => k.type !== 'type');
        // `page = forms.IntegerField()`, `status = serializers.ChoiceField(choices=...)`, `fields.Str(validate=OneOf([...]))`.
        if (left?.type === 'identifier' && !type && dflt?.type === 'call') {
          const ctor = lastName(this.src(named(dflt)[0] ?? dflt));
          const oneOf = /\bvalidate\s*=\s*(validate\.)?OneOf\(/.test(this.src(dflt));
          if (know.typedFields.has(ctor) || oneOf) out.add(this.src(left));
          continue;
        }
        if (left?.type !== 'identifier' || !type) continue;
        const t = optionalOf(this.src(type));
        const literalType = /^(typing\.)?Literal\[/.test(t);
        const constrained = anchoredPattern(t) || (dflt?.type === 'call' && /(^|\.)Field$/.test(this.src(named(dflt)[0] ?? dflt)) && anchoredPattern(this.src(dflt)));
        if (literalType || constrained || this.enumClasses.has(t) || know.safeParameterTypes?.test(t)) out.add(this.src(left));
        // (a text field is a string: never a MongoDB operator object)
        else if (STRING_TYPE.test(t)) checked.set(this.src(left), new Set([...(checked.get(this.src(left)) ?? []), ...NO_OPERATORS]));
        continue;
      }
      if (st.type !== 'decorated_definition') continue;
      const def = named(st)[named(st).length - 1];
      if (def?.type !== 'function_definition') continue;
      const fields: string[] = [];
      for (const d of named(st).filter((k) => k.type === 'decorator')) {
        const call = named(d)[0];
        if (call?.type !== 'call' || !know.fieldValidators.has(lastName(this.src(named(call)[0] ?? call)))) continue;
        for (const a of named(named(call)[1] ?? call)) {
          const l = literalOf(a, this.text);
          if (l.ok && typeof l.value === 'string') fields.push(l.value);
        }
      }
      if (!fields.length) continue;
      const params = named(named(def).find((k) => k.type === 'parameters') ?? def).map((p) => this.paramName(p));
      const value = params[0] === 'self' || params[0] === 'cls' ? params[1] : params[0];
      const fnBody = named(def).find((k) => k.type === 'block');
      const check = fnBody && value ? this.checkShape(fnBody, params) : undefined;
      if (!check || (check.returnsParam !== undefined && check.returnsParam !== value)) continue;
      const cats = this.checkFacts(check, 'returns', `${this.src(named(def)[0] ?? def)}()`, outer)?.get(value!);
      if (cats && (cats.has('all') || PY_CATEGORIES.every((c) => cats.has(c)))) for (const x of fields) out.add(x);
      // `if urlparse(v).hostname not in HOSTS: raise ValueError`: the field is checked for what the check covers.
      else if (cats?.size) for (const x of fields) checked.set(x, new Set([...(checked.get(x) ?? []), ...cats]));
    }
    return out;
  }

  /** `form.cleaned_data["page"]` / `serializer.validated_data.get("status")` of a typed field of a form class of the file. */
  private typedField(data: PyNode, field: PyNode, f: Frame): boolean {
    if (data.type !== 'attribute') return false;
    const [obj, attr] = named(data);
    if (!obj || !attr || !this.set.knowledge.validatedDataAttributes.has(this.src(attr))) return false;
    const l = literalOf(field, this.text);
    if (!l.ok || typeof l.value !== 'string') return false;
    const name = l.value;
    return this.namesOf(obj, f).some((x) => this.safeFields.get(x.replace(/\(\)$/, ''))?.has(name));
  }

  /** `x: Model` / `x = Model(**data)`: the model's safe fields are constants. */
  private bindModelFields(name: string, model: string, f: Frame): void {
    const safe = this.safeFields.get(model);
    for (const field of safe ?? []) f.env.set(`${name}.${field}`, CONST);
    const whole = f.env.get(name);
    if (whole) for (const [field, cats] of this.checkedFields.get(model) ?? []) if (!safe?.has(field)) f.env.set(`${name}.${field}`, clear(whole, cats));
  }

  private paramName(p: PyNode): string {
    if (p.type === 'identifier') return this.src(p);
    const first = named(p)[0];
    if (!first) return '';
    if (first.type === 'identifier') return this.src(first);
    return '';
  }

  private paramValue(p: PyNode, name: string, fromRequest: boolean, decoText: string, f: Frame, exposed = false): Val {
    const kids = named(p);
    const type = kids.find((k) => k.type === 'type');
    const dflt = p.type === 'default_parameter' || p.type === 'typed_default_parameter' ? kids[kids.length - 1] : undefined;
    if (dflt) {
      this.expr(dflt, f);
      this.checkCredentialParam(p, name, dflt);
    }
    const know = this.set.knowledge;
    if (!fromRequest || (know.nonDataParameters.has(name) && !(type && this.isRequestModel(this.src(type))))) {
      const v = exposed && !fromRequest ? exposedParameter(`parameter '${name}'`) : unknown(`parameter '${name}'`);
      const ctor = type ? this.annotatedCtor(type) : undefined;
      return ctor ? { ...v, ctor } : v;
    }
    if (type && know.safeParameterTypes?.test(this.src(type).trim())) return CONST;
    // `department: Department` where `class Department(str, Enum)`: the framework only admits a member (a closed set).
    if (type && this.enumClasses.has(optionalOf(this.src(type)))) return CONST;
    // `schema: str = Depends(tenant_schema)`: what the application's own dependency hands over (a session, the
    // user, a value it checked), not text from the request; its request parameters are the dependency's own.
    if (dflt && know.injectedDefaults?.test(this.src(dflt))) return CONST;
    // `code: str = Query(..., pattern="^[A-Z]{3}$")`: the framework refuses anything else (anchored patterns only).
    if (dflt?.type === 'call' && know.patternDefaults.has(lastName(this.src(named(dflt)[0] ?? dflt))) && anchoredPattern(this.src(named(dflt)[1] ?? dflt))) return CONST;
    // Flask/Werkzeug `<int:id>`, Bottle `<id:int>`.
    if (know.safePathConverters.some((c) => decoText.includes(`<${c}:${name}>`) || decoText.includes(`<${name}:${c}>`))) return CONST;
    // A path part, a query-string field or a parameter typed as text is a string, never an object (so never a
    // MongoDB operator): only a body (a model, a mapping, `Any`, `Body()`) can be one.
    const t = type ? optionalOf(this.src(type)).trim() : '';
    const objectish = (!!type && (OBJECT_TYPE.test(t) || this.isRequestModel(this.src(type)))) || (!!dflt && /(^|\.)Body\(/.test(this.src(dflt)) && !STRING_TYPE.test(t));
    const v = tainted(`route parameter '${name}'`);
    return objectish ? v : clear(v, NO_OPERATORS);
  }

  /**
   * `session: aiohttp.ClientSession`: the instance an annotation names, as `aiohttp.ClientSession()` would have made
   * it (so `session.get(url)` is that class's method). Only an imported class: a name of the file or a builtin type
   * says nothing the sinks know.
   */
  private annotatedCtor(type: PyNode): string | undefined {
    const t = optionalOf(this.src(type)).trim();
    if (!/^[A-Za-z_][\w.]*$/.test(t)) return undefined;
    // (`hub: Hub` with `class Hub` in the file: its methods are the class's, analysed as the file's helpers)
    if (this.classes.has(t)) return `${t}()`;
    if (!this.importedName(t.split('.')[0]!)) return undefined;
    return `${this.imports.qualify(t) ?? t}()`;
  }

  /** `req: DeliveryRequest` with `class DeliveryRequest(BaseModel)` in the file: the request's body. */
  private isRequestModel(annotation: string): boolean {
    const name = optionalOf(annotation);
    const bases = this.basesOf.get(name);
    if (bases) return bases.split(/[^\w.]+/).some((b) => this.set.knowledge.requestModelBases.has(b.slice(b.lastIndexOf('.') + 1)));
    // `req: FeedImportRequest` imported from the project's schemas module: its body is in another file, but a
    // class a route takes as a parameter, from a module of schemas or named for a request, is the request's body.
    const q = (/^[A-Z]\w*$/.test(name) ? this.imports.qualify(name) : undefined) ?? name;
    return q !== name && (REQUEST_MODEL_MODULE.test(q) || REQUEST_MODEL_NAME.test(name));
  }

  /** The decorator's callee as written (`app.get` of `@app.get("/x")`), or undefined. */
  private decoratorCallee(d: PyNode): string | undefined {
    let e = named(d)[0];
    if (e?.type === 'call') e = named(e)[0];
    return e ? this.src(e) : undefined;
  }

  private isRouteDecorator(d: PyNode): boolean {
    const text = this.decoratorCallee(d);
    if (!text) return false;
    const last = text.slice(text.lastIndexOf('.') + 1);
    // A bare `@get("/x")` is a route when imported from a framework (`from litestar import get`), not from the
    // application's own package (`from .cache import get`).
    const qualified = this.imports.qualify(text) ?? text;
    const imported = !text.includes('.') && qualified.includes('.') && !qualified.startsWith('.');
    return this.set.knowledge.routeDecorators.has(last) && (text.includes('.') || imported || last === 'route' || last === 'api_view');
  }

  /** `@socketio.on("join")`, `@sio.event`, `@callback(…)` in a file importing their framework (`event-decorators`). */
  private isEventDecorator(d: PyNode): boolean {
    const text = this.decoratorCallee(d);
    if (!text) return false;
    const last = text.slice(text.lastIndexOf('.') + 1);
    return this.set.knowledge.eventDecorators.some((e) => e.names.has(last) && e.imports.some((m) => this.imports.imports(m)));
  }

  // ---------------------------------------------------------------- assignment

  private assignment(a: PyNode, f: Frame): Val {
    const kids = named(a);
    const left = kids[0];
    const right = kids.length > 1 ? kids[kids.length - 1] : undefined;
    if (!left) return CONST;
    if (!right || right.type === 'type') return CONST; // a bare annotation
    let val = right.type === 'assignment' ? this.assignment(right, f) : this.expr(right, f);
    // `session: aiohttp.ClientSession = request.app["http"]`: an instance of the class the annotation names.
    const annotation = kids.length > 2 && kids[1]!.type === 'type' ? this.annotatedCtor(kids[1]!) : undefined;
    if (annotation && !val.ctor) val = { ...val, ctor: annotation };
    if (a.type === 'augmented_assignment') {
      const old = this.lookupTarget(left, f);
      const op = a.children.find((c) => !c.named)?.type ?? '';
      const v = join(old, val);
      const builtNow = (op === '+=' || op === '%=') && !isConst(val);
      this.bind(left, builtNow ? { ...v, built: true } : v, f);
    } else {
      this.checkAssignPatterns(a, left, right, f);
      this.checkAssignSinks(a, left, val, f);
      if (left.type === 'attribute') this.assignedHandler(left, right, val, f);
      if (left.type === 'identifier') {
        const entries = this.dictEntries(right);
        // `UPSTREAMS = {"billing": "https://billing.internal", ...}`: every value is a literal, so a lookup
        // in it yields one of the values the code wrote, whatever key the request chose.
        const lname = this.src(left);
        // In a class body, `Config.SORTS` (and `self.SORTS` in its methods).
        const tableName = f.className && !f.fnName ? `${f.className}.${lname}` : lname;
        if (/^[A-Z][A-Z0-9_]*$/.test(lname) && isLiteralDict(right, this.text)) this.literalDictNodes.set(tableName, right);
        else this.literalDictNodes.delete(tableName);
        if (/^[A-Z][A-Z0-9_]*$/.test(lname) && this.collectionStrings(right)) this.literalCollections.set(lname, right);
        else this.literalCollections.delete(lname);
        if (entries) (f.dicts ??= new Map()).set(this.src(left), entries);
        else f.dicts?.delete(this.src(left));
        if (!f.fnName && !f.className && /^[A-Z][A-Z0-9_]*$/.test(lname)) {
          if (entries) this.moduleDicts.set(lname, entries);
          else this.moduleDicts.delete(lname);
        }
        const list = this.listNode(right, f);
        if (list) (f.lists ??= new Map()).set(this.src(left), list);
        else f.lists?.delete(this.src(left));
        if (isConst(val) && right.type !== 'call') (f.constExprs ??= new Map()).set(lname, right);
        else f.constExprs?.delete(lname);
        if (!f.fnName && !f.className) {
          if (isConst(val) && right.type !== 'call') this.moduleLiterals.set(lname, right);
          else this.moduleLiterals.delete(lname);
        }
      }
      this.checkCredentialAssign(a, left, right);
      // `parsed = urlparse(url)`, `host = urlparse(url).netloc`: a check on them is a check on url.
      this.noteDerivation(left, right, f);
      this.bind(left, val, f, this.isSplitext(right) ? right : undefined);
      if (left.type === 'identifier') this.noteCheckVar(this.src(left), right, val, f);
      // `flt = ClaimFilter(**body)` / `ClaimFilter.model_validate(body)`: a validated model.
      if (left.type === 'identifier' && right.type === 'call') {
        const callee = this.src(named(right)[0] ?? right).replace(/\.(parse_obj|parse_raw|model_validate|model_validate_json|from_dict|load)$/, '');
        if (this.safeFields.has(callee)) this.bindModelFields(this.src(left), callee, f);
      }
    }
    return val;
  }

  /**
   * `ok = is_allowed(url)` / `allowed = url_has_allowed_host_and_scheme(target, …)` / `bad = ".." in name`: the
   * variable stands for the check while nothing it mentions is rebound. `path = services.resolve(name)` of a
   * function of the project's other modules: noted for a later `if path is None: raise`.
   */
  private noteCheckVar(name: string, right: PyNode, val: Val, f: Frame): void {
    while (right.type === 'parenthesized_expression' && named(right)[0]) right = named(right)[0]!;
    if (CHECK_EXPRS.has(right.type) && !isConst(this.checkInputs(right, f))) (f.checkVars ??= new Map()).set(name, right);
    const call = right.type === 'await' ? named(right)[0] : right;
    if (call?.type === 'call' && !isConst(val) && this.ownModuleCall(named(call)[0], f)) (f.ownResults ??= new Set()).add(name);
  }

  /** What the names a check mentions hold (a check of constants only proves nothing worth keeping). */
  private checkInputs(e: PyNode, f: Frame): Val {
    return join(...nodesOfType(e, 'identifier').filter((id) => !isCallee(id)).map((id) => this.lookup(this.src(id), f) ?? CONST));
  }

  /** A rebinding of `k` ends what variables standing for checks that mention it (or `k` itself) say. */
  private forgetChecks(k: string, f: Frame): void {
    f.ownResults?.delete(k);
    f.boolDefaults?.delete(k);
    if (!f.checkVars?.size) return;
    const base = k.split('.')[0]!;
    for (const [name, e] of f.checkVars) {
      if (name === k || nodesOfType(e, 'identifier').some((id) => this.src(id) === base)) f.checkVars.delete(name);
    }
  }

  /**
   * A call of a function of another module of the same project: imported relatively (`from . import services`,
   * `from ..services import exports`) or from a package named by a folder of this file's path (`from app.services
   * import exports` in `app/routers/items.py`). Not a function of this file, not a library.
   */
  private ownModuleCall(fn: PyNode | undefined, f: Frame): boolean {
    if (!fn || (fn.type !== 'identifier' && fn.type !== 'attribute')) return false;
    const text = this.src(fn);
    if (fn.type === 'identifier' && this.helpers.defs(text)) return false;
    const q = this.imports.qualify(text);
    if (!q) return false;
    if (q.startsWith('.')) return true;
    const dirs = this.path.split(/[\\/]/).slice(0, -1);
    return dirs.includes(q.split('.')[0]!) && q.split('.').length > 1;
  }

  /** The list or tuple literal an expression is or starts with (`["git"] + args`, a variable holding one). */
  private listNode(n: PyNode, f: Frame): PyNode | undefined {
    if (n.type === 'list' || n.type === 'tuple') return n;
    if (n.type === 'identifier') return f.lists?.get(this.src(n));
    if (n.type === 'parenthesized_expression') return named(n)[0] ? this.listNode(named(n)[0]!, f) : undefined;
    if (n.type === 'binary_operator' && n.children.find((c) => !c.named)?.type === '+') return named(n)[0] ? this.listNode(named(n)[0]!, f) : undefined;
    return undefined;
  }

  /** The string-keyed entries of a dict literal or a `dict(k=v)` call. */
  private dictEntries(n: PyNode): Map<string, PyNode> | undefined {
    const out = new Map<string, PyNode>();
    if (n.type === 'dictionary') {
      for (const p of named(n)) {
        if (p.type !== 'pair') continue;
        const [k, v] = named(p);
        const lit = k ? literalOf(k, this.text) : undefined;
        if (v && lit?.ok && typeof lit.value === 'string') out.set(lit.value, v);
      }
      return out;
    }
    if (n.type === 'call' && named(n)[0] && this.src(named(n)[0]!) === 'dict') {
      for (const a of named(named(n)[1] ?? n)) {
        if (a.type !== 'keyword_argument') continue;
        const [k, v] = named(a);
        if (k && v) out.set(this.src(k), v);
      }
      return out;
    }
    return undefined;
  }

  /** The value a source gives: untrusted, or for a source limited to some categories, clean for the rest. */
  private sourceVal(s: string): Val {
    let v = tainted(s, this.set.localSources.has(s));
    if (this.set.stringSources.has(s)) v = clear(v, NO_OPERATORS);
    const only = this.set.sourceCategories.get(s);
    return only ? clear(v, new Set(PY_CATEGORIES.filter((c) => !only.has(c)))) : v;
  }

  private noteInstanceAttr(cls: string, attr: string, val: Val): void {
    const attrs = this.instanceAttrs.get(cls) ?? new Map<string, Val>();
    this.instanceAttrs.set(cls, attrs);
    const old = attrs.get(attr);
    const merged: Val = old ? { ...join(old, val), ctor: old.ctor ?? val.ctor } : val;
    attrs.set(attr, merged);
    if (merged.untrusted && !old?.untrusted) {
      this.dirtyClasses.add(cls);
      const via = this.dirtyVia.get(cls) ?? new Set<string>();
      for (const fn of this.helpers.rerunningNow()) via.add(fn);
      this.dirtyVia.set(cls, via);
    }
  }

  private lookupTarget(t: PyNode, f: Frame): Val {
    const key = this.key(t);
    return key ? (f.env.get(key) ?? f.globals?.get(key) ?? CONST) : CONST;
  }

  /** A stable variable key for `x`, `self.x`, `a.b.c`; undefined for anything else. */
  private key(n: PyNode): string | undefined {
    if (n.type === 'identifier') return this.src(n);
    if (n.type === 'attribute') {
      const [obj, attr] = named(n);
      if (!obj || !attr) return undefined;
      const base = this.key(obj);
      return base ? `${base}.${this.src(attr)}` : undefined;
    }
    return undefined;
  }

  private bind(target: PyNode, val: Val, f: Frame, right?: PyNode): void {
    switch (target.type) {
      case 'identifier':
      case 'attribute': {
        const k = this.key(target);
        if (k) f.env.set(k, val);
        if (k) this.forgetChecks(k, f);
        if (k && f.className && /^self\.\w+$/.test(k)) this.noteInstanceAttr(f.className, k.slice(5), val);
        if (target.type === 'attribute') this.expr(named(target)[0]!, f);
        return;
      }
      case 'subscript': {
        const [base, ...idx] = named(target);
        for (const i of idx) this.expr(i, f);
        const k = base ? this.key(base) : undefined;
        if (k) f.env.set(k, join(f.env.get(k) ?? f.globals?.get(k), val));
        return;
      }
      case 'pattern_list':
      case 'tuple_pattern':
      case 'list_pattern':
      case 'tuple':
      case 'list':
      case 'expression_list': {
        const parts = named(target);
        const rparts = right && (right.type === 'tuple' || right.type === 'expression_list') ? named(right) : undefined;
        // `root, ext = os.path.splitext(name)`: the extension holds no separator.
        const ext = right && parts.length === 2 && this.isSplitext(right) ? clear(val, PATH_ONLY) : undefined;
        // (`where, params = build_filters(f)`: a position known to hold none of the untrusted arguments is a constant)
        const safe = val.safeItems;
        parts.forEach((p, i) => this.bind(p, rparts && rparts.length === parts.length ? this.expr(rparts[i]!, { ...f, env: new Map(f.env) }) : safe?.includes(i) ? CONST : i === 1 && ext ? ext : val, f));
        return;
      }
      case 'list_splat_pattern':
      case 'parenthesized_expression':
      case 'as_pattern_target': {
        const inner = named(target)[0];
        if (inner) this.bind(inner, val, f);
        return;
      }
      default:
        return;
    }
  }

  // ---------------------------------------------------------------- expressions

  private lookup(name: string, f: Frame): Val | undefined {
    return f.env.get(name) ?? f.globals?.get(name);
  }

  private expr(n: PyNode, f: Frame): Val {
    switch (n.type) {
      case 'identifier': {
        const v = this.lookup(this.src(n), f);
        if (v) return v;
        const names = this.namesOf(n, f);
        const s = this.set.sources.prefixOf(names);
        if (s) return this.sourceVal(s);
        this.checkReference(n, names);
        const name = this.src(n);
        const val = this.imports.alias.has(name) || /^[A-Z][A-Z0-9_]*$/.test(name) || BUILTIN_NAMES.has(name) ? CONST : unknown(`'${name}'`);
        // `r = run`: the value is the function (calling r calls run).
        const ref = this.fnRefOf(name);
        return ref ? { ...val, refs: [ref] } : val;
      }
      case 'attribute': {
        const k = this.key(n);
        const known = k ? this.lookup(k, f) : undefined;
        if (known) return known;
        const names = this.namesOf(n, f);
        const s = this.set.sources.prefixOf(names);
        if (s) return this.sourceVal(s);
        this.checkReference(n, names);
        const [obj, attr] = named(n);
        const ov = obj ? this.expr(obj, f) : CONST;
        if (names.some((x) => x.startsWith('os.environ'))) return CONST; // see ENV_GETTER in call()
        // `f = h.run`, `self.run` handed on: a method of a class of the file.
        const mref = obj && attr ? this.methodRef(obj, this.src(attr), f) : undefined;
        const refs = mref ? [mref] : obj && attr ? this.classAttrRefs(obj, this.src(attr), f) : undefined;
        if (isConst(ov)) return refs ? { refs } : CONST;
        // `hook.url` of a row fetched from the database: an address some user configured (a webhook, a logo), which the
        // server then fetches (stored SSRF); for anything else the row is the application's data.
        if (ov.ctor && (ov.ctor === ORM_ROW || ORM_LOOKUPS.test(ov.ctor.replace(/\(\)$/, ''))) && attr && STORED_URL_FIELD.test(this.src(attr))) return clear(tainted(`stored ${this.src(attr)}`), ONLY_SSRF);
        const out: Val = { untrusted: ov.untrusted, nonConstant: ov.nonConstant, built: ov.built };
        if (refs) out.refs = refs;
        // A receiver sanitizer also names attributes (`serializer.validated_data`: only declared fields).
        const attrSan = this.set.sanitizerIndex.lookup(names).filter((s) => s.receiver);
        return attrSan.length ? clear(out, new Set(attrSan.flatMap((s) => [...s.clears]))) : out;
      }
      case 'call':
        return this.call(n, f);
      case 'string':
        return this.stringVal(n, f);
      case 'concatenated_string': {
        const parts = named(n).map((p) => this.expr(p, f));
        const v = join(...parts);
        const first = parts[0];
        return first?.prefix !== undefined ? { ...v, prefix: first.prefix } : v;
      }
      case 'integer':
      case 'float':
      case 'true':
      case 'false':
      case 'none':
      case 'ellipsis':
        return CONST;
      case 'lambda':
        return this.lambda(n, f);
      case 'binary_operator': {
        const [l, r] = named(n);
        if (!l || !r) return CONST;
        const lv = this.expr(l, f);
        let rv = this.expr(r, f);
        const op = n.children.find((c) => !c.named)?.type;
        // `"... id = %d" % lot_id`: a number conversion only ever writes digits (or raises).
        if (op === '%' && !isConst(rv)) rv = this.percentArgs(l, r, rv, f);
        // `reverse("submitted") + "?" + request.GET.urlencode()`: past a `?` or `#` written after a start no untrusted
        // data chose, the text is a query or a fragment (as in f-strings): it picks no host.
        if (op === '+' && rv.untrusted && !lv.untrusted && /["'][^"']*[?#][^"']*["']\s*$/.test(this.src(l))) rv = clear(rv, HOST_CATEGORIES);
        // `set(request.args["types"].split(",")) & EVENT_TYPES`: an intersection with a constant set holds only its items.
        if (op === '&' && (this.collectionStrings(l) || this.collectionStrings(r))) return CONST;
        const v = join(lv, rv);
        if (op === '%' || op === '+') {
          // `Markup("<b>%s</b>") % name`: a type whose own `%` escapes (a sanitizer named `<ctor>.__mod__`).
          const mod = op === '%' && lv.ctor ? this.set.sanitizerIndex.lookup([`${lv.ctor}.__mod__`])[0] : undefined;
          if (mod) return clear(v, mod.clears);
          // Both sides written in the code: `BASE + "/"` starts with both texts.
          if (isConst(v) && op === '+' && lv.prefix !== undefined && rv.prefix !== undefined) return { prefix: lv.prefix + rv.prefix };
          if (isConst(v)) return lv.prefix !== undefined ? { prefix: op === '%' ? lv.prefix.split('%')[0] : lv.prefix } : CONST;
          const out: Val = { ...v, built: true };
          if (lv.prefix !== undefined) out.prefix = op === '%' ? lv.prefix.split('%')[0] : lv.prefix;
          return out;
        }
        // `Path("/tmp") / name` starts with "/tmp/".
        if (op === '/' && lv.prefix !== undefined && lv.ctor && PATH_CALLS.has(lv.ctor.replace(/\(\)$/, ''))) {
          return { ...v, prefix: lv.prefix.endsWith('/') ? lv.prefix : `${lv.prefix}/`, ctor: lv.ctor };
        }
        return v;
      }
      case 'comparison_operator': {
        for (const k of named(n)) this.expr(k, f);
        this.checkCredentialCompare(n);
        return CONST;
      }
      case 'not_operator':
        for (const k of named(n)) this.expr(k, f);
        return CONST;
      case 'subscript': {
        const [base, ...idx] = named(n);
        for (const i of idx) this.expr(i, f);
        const table = this.literalTable(base, f);
        if (table) return this.literalDictValue(table);
        // `REGISTRY[method]` of another module's table of functions: a call of it is a call of any of them
        const external = base && idx[0] ? this.importedTableRefs(base, f) : undefined;
        if (external) return { refs: external };
        if (base && idx[0] && this.typedField(base, idx[0], f)) return CONST;
        // `os.path.splitext(name)[1]`: an extension holds no separator, whatever the name was.
        if (base && idx[0] && this.isSplitext(base) && /^-?1$/.test(this.src(idx[0]))) return clear(carried(this.expr(base, f)), PATH_ONLY);
        if (!base) return CONST;
        const whole = this.expr(base, f);
        // (`db["comments"]` of a library's object - a pymongo/motor database - is that library's too: its collection)
        return whole.ctor && !whole.untrusted ? { ...carried(whole), ctor: `${whole.ctor}[]` } : carried(whole);
      }
      case 'list_comprehension':
      case 'set_comprehension':
      case 'generator_expression':
      case 'dictionary_comprehension': {
        const inner = this.fork(f);
        const [body, ...clauses] = named(n);
        for (const c of clauses) {
          if (c.type === 'for_in_clause') {
            const [t, it] = named(c);
            if (t && it) this.bind(t, carried(this.expr(it, inner)), inner);
          } else if (c.type === 'if_clause') {
            const cond = named(c)[0];
            if (cond) {
              this.expr(cond, inner);
              this.applyGuards(this.guards(cond, true, inner), inner);
            }
          }
        }
        if (!body) return CONST;
        // `[m for m in tf.getmembers() if m.isfile()]`: every member whose name nothing checked is still any path the
        // archive's author chose; the list is read as `getmembers()` itself (python-archive-extraction's `members=`).
        const listed = n.type === 'list_comprehension' ? this.uncheckedMembers(clauses, inner) : undefined;
        if (listed) return { ...this.expr(body, inner), ctor: listed };
        // `{k: v for k in FIELDS}` / `{k: v for k, v in data.items() if k in ALLOWED}`: keys from an
        // allow-list choose no field the code did not name.
        if (n.type === 'dictionary_comprehension' && body.type === 'pair') {
          const [k, v] = named(body);
          const kv = k ? this.expr(k, inner) : CONST;
          const vv = v ? this.expr(v, inner) : CONST;
          return isConst(kv) ? clear(vv, MASS) : join(kv, vv);
        }
        return this.expr(body, inner);
      }
      case 'dictionary': {
        const pairs = named(n);
        let v = join(...pairs.map((k) => this.expr(k, f)));
        // `TOOLS = {"fetch": web.fetch_url, …}`: a table of other modules' functions, called through later.
        const external = this.moduleFunctionRefs(pairs.map((p) => (p.type === 'pair' ? named(p)[1] : undefined)), f);
        if (external) v = { ...v, refs: join({ refs: v.refs }, { refs: external }).refs };
        // Only literal keys: the fields are the code's own.
        const literalKeys = pairs.every((p) => p.type === 'comment' || (p.type === 'pair' && named(p)[0] !== undefined && literalOf(named(p)[0]!, this.text).ok));
        if (!literalKeys) return v;
        const cleared = clear(v, MASS);
        return v.refs && !cleared.refs ? { ...cleared, refs: v.refs } : cleared;
      }
      case 'named_expression': {
        const [t, v] = named(n);
        if (!t || !v) return CONST;
        const val = this.expr(v, f);
        this.bind(t, val, f);
        return val;
      }
      case 'keyword_argument': {
        const v = named(n)[1];
        return v ? this.expr(v, f) : CONST;
      }
      case 'conditional_expression': {
        // `lang if lang in LANGS else "en"`: each branch is taken with the condition known true or false.
        const [a, c, b] = named(n);
        if (c) this.expr(c, f);
        const yes = this.fork(f);
        const no = this.fork(f);
        if (c) {
          this.applyGuards(this.guards(c, true, f), yes);
          this.applyGuards(this.guards(c, false, f), no);
        }
        return join(a ? this.expr(a, yes) : CONST, b ? this.expr(b, no) : CONST);
      }
      case 'pair': {
        this.checkCredentialPair(n);
        // `{"strict": False}` in a settings dict: an `assign:` pattern on `[strict]` sees it as `settings["strict"] = False`
        const [key, value] = named(n);
        const keyLit = key ? literalOf(key, this.text) : undefined;
        const parts = named(n).map((k) => this.expr(k, f));
        if (value && keyLit?.ok && typeof keyLit.value === 'string') {
          // …and an entry of a response's `headers` dict (`Response(headers={"Location": url})`) is a header set
          const targets = [`[${keyLit.value}]`, ...(this.underHeaders(n) ? [`headers[${keyLit.value}]`] : [])];
          this.matchAssignPatterns(n, targets, value, f, `"${keyLit.value}": …`);
          if (targets.length > 1) this.checkAssignSinkTargets(n, targets.slice(1), parts[1] ?? CONST, `"${keyLit.value}"`);
        }
        return join(...parts);
      }
      default: {
        const parts = named(n).map((k) => this.expr(k, f));
        const v = join(...parts);
        if (n.type === 'parenthesized_expression' || n.type === 'await') return parts[0] ?? CONST;
        return v;
      }
    }
  }

  /** What the values a `%` format inserts carry, leaving out those converted as numbers (`%d`, `%i`, `%.2f`). */
  private percentArgs(l: PyNode, r: PyNode, rv: Val, f: Frame): Val {
    const lit = literalOf(l, this.text);
    if (!lit.ok || typeof lit.value !== 'string') return rv;
    const specs = [...lit.value.matchAll(/%(\([^)]*\))?[-#0 +]*(\*|\d+)?(\.(\*|\d+))?[hlL]?([diouxXeEfFgGcrsa%])/g)].filter((m) => m[5] !== '%');
    if (!specs.length || specs.some((m) => m[1] !== undefined || m[2] === '*' || m[4] === '*')) return rv;
    const numeric = (m: RegExpMatchArray) => /[diouxXeEfFgG]/.test(m[5]!);
    const items = r.type === 'tuple' ? named(r).filter((x) => x.type !== 'comment') : [r];
    if (r.type !== 'tuple' && specs.length !== 1) return rv;
    if (items.length !== specs.length || items.some((x) => x.type === 'list_splat')) return rv;
    const kept = items.filter((_, i) => !numeric(specs[i]!)).map((x) => this.expr(x, { ...f, env: new Map(f.env) }));
    return join(...kept);
  }

  private stringVal(n: PyNode, f: Frame): Val {
    let prefix = '';
    let seenInterp = false;
    const parts: Val[] = [];
    let leading = true;
    let configBase: string | undefined;
    // `f"{platform['login_url']}?{query}"`: past a `?` or `#` written here, after a start no untrusted data chose,
    // the text is a query or a fragment: it cannot pick the host a redirect or a request goes to.
    let startTrusted = true;
    let inQuery = false;
    for (const c of n.children) {
      if (c.type === 'interpolation') {
        const e = named(c)[0];
        let pv = e ? this.expr(e, f) : CONST;
        if (inQuery && pv.untrusted) pv = clear(pv, HOST_CATEGORIES);
        else if (pv.untrusted) startTrusted = false;
        parts.push(pv);
        // `f"{BASE}/{tail}"` with a fixed BASE starts with BASE's text.
        if (leading && !seenInterp && prefix === '' && isConst(pv) && pv.prefix !== undefined) prefix = pv.prefix;
        // `f"{settings.API_BASE}/users/{uid}"`: a base URL the application is configured with (its value is not
        // in this file) fixes the host when a path follows it.
        else if (leading && !seenInterp && prefix === '' && e && !pv.untrusted && CONFIG_BASE.test(lastName(this.src(e).replace(/\[["']([^"']+)["']\]$/, '.$1')))) {
          configBase = this.src(e).replace(/[^\w.]/g, '');
          seenInterp = true;
        } else seenInterp = true;
        leading = false;
      } else if (c.type === 'string_content' || c.type === 'escape_sequence') {
        if (startTrusted && seenInterp && /[?#]/.test(this.src(c))) inQuery = true;
        if (configBase !== undefined && prefix === '' && this.src(c).startsWith('/')) {
          prefix = `config://${configBase}${this.src(c)}`;
          configBase = undefined;
          continue;
        }
        configBase = undefined;
        leading = false;
      }
      if (c.type === 'interpolation') continue;
      if (!seenInterp && (c.type === 'string_content' || c.type === 'escape_sequence')) prefix += this.src(c);
    }
    const v = join(...parts);
    if (isConst(v)) return { prefix };
    return { ...v, built: true, prefix };
  }

  /** `x != y` where `other` (a check of x) is written in terms of y: `target != base` beside `target.startswith(base + os.sep)`. */
  private isSameAs(cmp: PyNode, other: PyNode): boolean {
    if (cmp.type !== 'comparison_operator') return false;
    const ops = cmp.children.filter((c) => !c.named).map((c) => c.type);
    const [x, y] = named(cmp);
    if (ops.length !== 1 || ops[0] !== '!=' || !x || !y) return false;
    const t = this.src(other);
    const [xs, ys] = [this.src(x), this.src(y)];
    return /^[\w.]+$/.test(xs) && /^[\w.]+$/.test(ys) && (t.includes(`${xs}.`) || t.includes(`(${xs}`)) && new RegExp(`\\b${ys.replace(/\./g, '\\.')}\\b`).test(t);
  }

  /** Whether a jinja2 `autoescape=` value turns escaping on: a true literal or a select_autoescape(...) call. */
  private autoescapeOn(n: PyNode): boolean {
    const l = literalOf(n, this.text);
    if (l.ok) return l.value === true;
    if (n.type !== 'call') return false;
    const callee = this.src(named(n)[0] ?? n);
    return /(^|\.)select_autoescape$/.test(callee) && (this.imports.qualify(callee.split('.')[0]!) ?? callee).startsWith('jinja2');
  }

  /** Candidate dotted names of an expression: as written, with imports resolved, with known constructors. */
  /**
   * `def directory(): return Connection(server, …)`: a function of the file whose every return makes an object
   * of one imported class; `conn = directory()` is then such an object (`ldap3.Connection().search` sinks).
   */
  private readonly returnCtors = new Map<string, string>();

  private noteReturnCtors(root: PyNode): void {
    for (const def of nodesOfType(root, 'function_definition')) {
      const name = named(def).find((k) => k.type === 'identifier');
      const body = named(def).find((k) => k.type === 'block');
      if (!name || !body) continue;
      let made: string | undefined | null;
      for (const r of nodesOfType(body, 'return_statement')) {
        // A nested function's returns are its own.
        let owner = r.parent;
        while (owner && owner.type !== 'function_definition') owner = owner.parent;
        if (owner !== def) continue;
        let v = named(r)[0];
        if (v?.type === 'await') v = named(v)[0];
        // (`s = requests.Session(); s.headers[…] = …; return s`: the one call that made the name returned)
        if (v?.type === 'identifier') v = this.onlyAssignedCall(body, this.src(v)) ?? v;
        const fn = v?.type === 'call' ? named(v)[0] : undefined;
        const q = fn ? this.namesOf(fn, EMPTY_FRAME).filter((x) => x !== '?' && x.includes('.')).pop() : undefined;
        made = made === undefined ? (q ?? null) : made === q ? made : null;
      }
      if (made) this.returnCtors.set(this.src(name), `${made}()`);
    }
  }

  /**
   * A return of the function `f` runs (`return " AND ".join(clauses), params`): while it runs with its callers' data,
   * the positions of the tuple every such return fills with none of that untrusted data. Any other return ends it.
   */
  private noteReturnedItems(e: PyNode, f: Frame): void {
    const fn = f.fnName;
    if (!fn || !this.helpers.rerunningNow().includes(fn) || this.returnSafeItems.get(fn) === null) return;
    let clean: Set<string> | undefined;
    if (e.type === 'expression_list' || e.type === 'tuple') {
      clean = new Set();
      named(e).forEach((x, i) => {
        if (!this.expr(x, { ...f, env: new Map(f.env) }).untrusted) clean!.add(String(i));
      });
    }
    noteSafeParts(this.returnSafeItems, fn, clean);
  }

  /** The call a name is bound to when a function's body binds it once, to a call (`s = requests.Session()`). */
  private onlyAssignedCall(body: PyNode, name: string): PyNode | undefined {
    let found: PyNode | undefined;
    for (const a of nodesOfType(body, 'assignment')) {
      const [left, right] = named(a);
      if (left?.type !== 'identifier' || this.src(left) !== name) continue;
      if (found || right?.type !== 'call') return undefined;
      found = right;
    }
    return found;
  }

  /** See sharedObjects. */
  private noteSharedObjects(root: PyNode): void {
    for (const a of nodesOfType(root, 'assignment')) {
      const kids = named(a);
      const left = kids[0];
      let right = kids.length > 1 ? kids[kids.length - 1] : undefined;
      if (right?.type === 'await') right = named(right)[0];
      const slot = left ? this.sharedSlot(left) : undefined;
      const fn = right?.type === 'call' ? named(right)[0] : undefined;
      if (!slot || !fn) continue;
      const made = this.namesOf(fn, EMPTY_FRAME).filter((x) => x !== '?');
      if (made.length) this.sharedObjects.set(slot, `${made[made.length - 1]}()`);
    }
  }

  /** `x["http"]` → `["http"]`, `x.state.http` → `.state.http`; anything else undefined. */
  private sharedSlot(n: PyNode): string | undefined {
    const [obj, key] = named(n);
    if (n.type === 'subscript' && key) {
      const lit = literalOf(key, this.text);
      return lit.ok && typeof lit.value === 'string' ? `[${lit.value}]` : undefined;
    }
    if (n.type === 'attribute' && obj?.type === 'attribute' && key && this.src(named(obj)[1] ?? obj) === 'state') return `.state.${this.src(key)}`;
    return undefined;
  }

  namesOf(n: PyNode, f: Frame): string[] {
    // `request.app["http"].get(url)`: the client the application made at start-up.
    const shared = this.sharedObjects.size && (n.type === 'subscript' || n.type === 'attribute') ? this.sharedObjects.get(this.sharedSlot(n) ?? '') : undefined;
    if (shared) return [shared];
    if (n.type === 'identifier') {
      const raw = this.src(n);
      const out = [raw];
      const v = this.lookup(raw, f);
      if (v?.ctor) out.push(v.ctor);
      else {
        const q = this.imports.qualify(raw);
        if (q && q !== raw) out.push(q);
        // (`from .clients import session`, `session = requests.Session()` there: engine/cross-file.ts)
        const made = q ? this.knownCtors.get(q) : undefined;
        if (made) out.push(made);
      }
      return out;
    }
    if (n.type === 'attribute') {
      const [obj, attr] = named(n);
      if (!obj || !attr) return [];
      const a = this.src(attr);
      const k = this.key(n);
      const kv = k ? this.lookup(k, f) : undefined;
      const base = this.namesOf(obj, f).map((b) => `${b}.${a}`);
      if (kv?.ctor) base.push(kv.ctor);
      const made = this.knownCtors.size && !kv?.ctor ? base.map((b) => this.knownCtors.get(b)).find(Boolean) : undefined;
      if (made) base.push(made);
      return base.slice(0, 6);
    }
    if (n.type === 'call') {
      const fn = named(n)[0];
      const out = fn ? this.namesOf(fn, f).map((x) => `${x}()`) : [];
      // `_session().post(url)` with `def _session(): s = requests.Session(); …; return s`: that library's object
      const made = fn?.type === 'identifier' ? this.returnCtors.get(this.src(fn)) : undefined;
      if (made) out.push(made);
      // `Template(s, autoescape=True).render(...)`: the same synthetic name a variable holding it gets.
      const jinja = out.find((x) => x === 'jinja2.Environment()' || x === 'jinja2.Template()' || x === 'jinja2.environment.Environment()' || SANDBOX_ENV.test(x));
      const ae = jinja ? named(named(n)[1] ?? n).find((a) => a.type === 'keyword_argument' && this.src(named(a)[0] ?? a) === 'autoescape') : undefined;
      const aeVal = ae ? named(ae)[1] : undefined;
      if (jinja && aeVal && this.autoescapeOn(aeVal)) out.push(autoescaped(jinja));
      return out;
    }
    if (n.type === 'parenthesized_expression') {
      const inner = named(n)[0];
      return inner ? this.namesOf(inner, f) : [];
    }
    // `context["dag_run"].conf`: an entry under a constant name is named like an attribute (`context.dag_run.conf`).
    if (n.type === 'subscript') {
      const [obj, key] = named(n);
      const k = key?.type === 'string' ? literalOf(key, this.text) : undefined;
      if (obj && k?.ok && typeof k.value === 'string' && /^[A-Za-z_]\w*$/.test(k.value)) {
        const base = this.namesOf(obj, f).filter((b) => b !== '?');
        if (base.length) return base.map((b) => `${b}.${k.value}`).slice(0, 6);
      }
    }
    // `Path("/tmp") / name` is a Path again.
    if (n.type === 'binary_operator' && n.children.find((c) => !c.named)?.type === '/') {
      const left = named(n)[0];
      const names = left ? this.namesOf(left, f) : [];
      if (names.some((x) => PATH_CALLS.has(x.replace(/\(\)$/, '')))) return names;
    }
    return ['?'];
  }

  // ---------------------------------------------------------------- calls

  private call(n: PyNode, f: Frame): Val {
    const [fn, argsNode] = named(n);
    if (!fn) return CONST;
    const names = this.namesOf(fn, f);
    // Receiver of a method call.
    let recv: Val | undefined;
    let recvNode: PyNode | undefined;
    if (fn.type === 'attribute') {
      recvNode = named(fn)[0];
      const k = this.key(fn);
      const known = k ? this.lookup(k, f) : undefined;
      if (known) recv = known;
      else if (recvNode) {
        const s = this.set.sources.prefixOf(names);
        recv = s ? this.sourceVal(s) : this.expr(recvNode, f);
      }
    } else if (fn.type !== 'identifier') recv = this.expr(fn, f);
    // Arguments.
    const positional: Array<{ node: PyNode; val: Val }> = [];
    const keywords = new Map<string, { node: PyNode; val: Val }>();
    const extra: Val[] = [];
    let splat: Val | undefined;
    if (argsNode?.type === 'generator_expression') positional.push({ node: argsNode, val: this.expr(argsNode, f) });
    else if (argsNode) {
      for (const a of named(argsNode)) {
        if (a.type === 'keyword_argument') {
          const [k, v] = named(a);
          if (k && v) keywords.set(this.src(k), { node: v, val: this.expr(v, f) });
        } else if (a.type === 'list_splat' || a.type === 'dictionary_splat') {
          const sv = this.expr(a, f);
          extra.push(sv);
          if (a.type === 'dictionary_splat') splat = join(splat, sv);
          // `run(cmd, **opts)` with `opts = {"shell": True}` earlier: its entries are keywords of the call.
          const inner = named(a)[0];
          // An inline `**{"shell": True}` / `**dict(shell=True)` is the same.
          const entries =
            a.type !== 'dictionary_splat' || !inner ? undefined : inner.type === 'identifier' ? f.dicts?.get(this.src(inner)) ?? this.moduleDicts.get(this.src(inner)) : this.dictEntries(inner);
          for (const [k, v] of entries ?? []) if (!keywords.has(k)) keywords.set(k, { node: v, val: this.expr(v, f) });
        }
        else if (a.type !== 'comment') positional.push({ node: a, val: this.expr(a, f) });
      }
    }
    const args: CallArgs = { positional, keywords, extra, splat, receiver: recvNode && recv ? { node: recvNode, val: recv } : undefined };
    const last = names[0] ? names[0].slice(names[0].lastIndexOf('.') + 1) : '';
    const allArgs = join(...positional.map((p) => p.val), ...[...keywords.values()].map((k) => k.val), ...extra);

    // Result value.
    let result: Val;
    const source = this.set.sources.prefixOf(names);
    // Every sanitizer entry naming the call counts (url_for is listed for xss and for redirects).
    const sanitizers = this.set.sanitizerIndex.lookup(names);
    const sanitizer = sanitizers.length > 1 ? { ...sanitizers[0]!, clears: new Set(sanitizers.filter((s) => s.receiver === sanitizers[0]!.receiver).flatMap((s) => [...s.clears])) } : sanitizers[0];
    const table = last === 'get' && fn.type === 'attribute' ? this.literalTable(recvNode, f) : undefined;
    const typedGet = last === 'get' && fn.type === 'attribute' && !!recvNode && !!positional[0] && this.typedField(recvNode, positional[0].node, f) && (positional[1] === undefined || isConst(positional[1].val));
    const literalLookup = table !== undefined && (positional[1] === undefined || isConst(positional[1].val));
    // `request.args.get("page", type=int)`: werkzeug converts, and a failed conversion gives the default.
    const typed = source && /^(int|float|bool|uuid\.UUID|UUID)$/.test(this.src(args.keywords.get('type')?.node ?? fn));
    // `handler = REGISTRY.get(method)` of another module's table of functions: calling it calls any of them
    const externalTable = last === 'get' && fn.type === 'attribute' && recvNode && !source ? this.importedTableRefs(recvNode, f) : undefined;
    if (typed || typedGet) result = CONST;
    else if (source) result = this.sourceVal(source);
    else if (literalLookup) result = this.literalDictValue(table!);
    // The deployment's own configuration (`os.environ.get("EXPORT_BUCKET")`): whoever sets it runs the program.
    else if (names.some((x) => ENV_GETTER.test(x)) && isConst(allArgs)) result = CONST;
    else if (names.some((x) => FILE_OPENERS.has(x))) result = unknown('file contents');
    // `with shelve.open(CACHE_DB) as db: entry = db.get(key)`: what the application stored, not the key it was asked for.
    else if (names.some((x) => STORE_READS.test(x))) result = unknown('stored value');
    else if (names.some((x) => ORM_LOOKUPS.test(x))) result = { ...unknown('database row'), ctor: ORM_ROW };
    // `re.sub(r"[^a-zA-Z0-9_-]+", "-", title)`: only the characters of a name are left: no path, markup or shell
    // syntax. Still SQL: `1--` comments out the rest of a query where the value stands unquoted.
    else if (names.includes('re.sub') && args.positional[2] && this.keepsOnlyNameChars(args.positional[0]?.node, args.positional[1]?.node)) result = clear(args.positional[2].val, ALL_BUT_SQL);
    else if (sanitizer) {
      const kept = sanitizer.keeps ? join(...sanitizer.keeps.map((i) => args.positional[i]?.val)) : allArgs;
      result = clear(sanitizer.receiver ? (recv ?? CONST) : kept, sanitizer.clears);
      if (sanitizer.json && !isConst(result)) result = { ...result, json: true };
    }
    else {
      // `feeds.get(request.match_info["id"])` of a mapping (no module, no client object): the value stored under the
      // key, not the key; the default still counts.
      const mappingGet = last === 'get' && fn.type === 'attribute' && !!recvNode && !!recv && !recv.ctor && positional.length >= 1 && !args.keywords.size && !args.extra.length && !this.isModuleName(recvNode);
      const inputs = mappingGet ? join(recv, ...positional.slice(1).map((a) => a.val)) : join(recv, allArgs);
      if (isConst(inputs)) {
        // `d = datetime.strptime(s, fmt); d.date().isoformat()`: a method of a parsed number, date, UUID or
        // address gives another such value.
        const typedRecv = !!recv && isConst(recv) && !!recv.ctor && TYPED_VALUE_CTOR.test(recv.ctor);
        const pureCall = PURE.has(last) || (fn.type === 'identifier' && PURE_BUILTINS.has(last)) || FORMAT_METHODS.has(last) || typedRecv || names.some((x) => this.set.knowledge.constantCalls.has(x)) || (recvNode && recv && isConst(recv) && (recvNode.type === 'string' || names.some((x) => x.startsWith('os.path.'))));
        result = pureCall ? CONST : unknown(`${names[0] ?? 'call'}()`);
      } else {
        // Text stays "built" through string methods only; another call makes something else of it.
        result = STR_METHODS.has(last) ? inputs : { ...inputs, built: false };
        if (FORMAT_METHODS.has(last) && !isConst(allArgs)) result = { ...result, built: true };
        // `body.replace("\n", "<br>")`: markup put into the text makes it HTML built from it.
        const put = last === 'replace' ? positional[1]?.node : undefined;
        const lit = put ? literalOf(put, this.text) : undefined;
        if (lit?.ok && typeof lit.value === 'string' && /<[a-zA-Z/]/.test(lit.value)) result = { ...result, built: true };
        if (last === 'format' && recv?.prefix !== undefined) result = { ...result, prefix: recv.prefix.split('{')[0] };
      }
      if (MUTATORS.has(last) && fn.type === 'attribute' && recvNode) {
        const k = this.key(recvNode);
        if (k && !isConst(allArgs)) f.env.set(k, join(this.lookup(k, f), allArgs));
      }
    }
    // The shared temporary folder, wherever it is: a fixed name under it is as guessable as under /tmp.
    if (names.some((x) => TEMP_DIR_CALLS.has(x))) result = { prefix: '/tmp' };
    // `os.path.join("/tmp", name)` starts with "/tmp/".
    if (JOIN_CALLS.has(names[names.length - 1] ?? '') || JOIN_CALLS.has(names[0] ?? '')) {
      const head = positional[0]?.val.prefix;
      if (head !== undefined && isConst(positional[0]!.val)) result = { ...result, prefix: head.endsWith('/') ? head : `${head}/` };
    }
    if (names.some((x) => PATH_CALLS.has(x)) && positional[0]?.val.prefix !== undefined) result = { ...result, prefix: positional[0].val.prefix };
    // Remember which call made the value, so `s = requests.Session(); s.get(u)` matches `requests.Session().get`.
    const made = names[names.length - 1];
    if (made && !made.startsWith('?')) {
      const head = made.split('.')[0]!.replace(/\(\)$/, '');
      if (this.importedName(head) || this.classes.has(head) || made.includes('()')) result = { ...result, ctor: `${made}()` };
      // `self.pool.acquire()`: a connection from a pool, whatever holds the pool (`*.acquire().fetch` sinks).
      else if (/\.acquire$/.test(made)) result = { ...result, ctor: `${made}()` };
      else if (fn.type === 'identifier' && this.returnCtors.has(made)) result = { ...result, ctor: this.returnCtors.get(made) };
      // `conn = self._service_conn()`: a method of the class that makes the object.
      else if (fn.type === 'attribute' && /^(self|cls)\./.test(this.src(fn)) && this.returnCtors.has(lastName(made))) result = { ...result, ctor: this.returnCtors.get(lastName(made)) };
      // `Environment(autoescape=select_autoescape([...]))` / `Template(s, autoescape=True)`: its templates escape
      // what they render (a sanitizer on `jinja2.AutoescapeEnvironment().from_string().render`); without the
      // keyword, or with a false value, jinja2 does not escape.
      const jinja = names.find((x) => x === 'jinja2.Environment' || x === 'jinja2.Template' || x === 'jinja2.environment.Environment' || SANDBOX_ENV.test(`${x}()`));
      const ae = args.keywords.get('autoescape')?.node;
      if (jinja && ae && this.autoescapeOn(ae)) result = { ...result, ctor: autoescaped(`${jinja}()`) };
      // `env.from_string("…{{ note|safe }}…")`, `Template(RAW)`: a template that prints a variable unescaped. Calling
      // its render with request data is the sink (`*.from_string(raw).render` in the rules), whatever the environment.
      if (/(^|\.)(from_string|Template)$/.test(made) && result.ctor) {
        const src = args.positional[0]?.node ?? args.keywords.get('source')?.node;
        const bound = src?.type === 'identifier' ? this.literalBinding(this.src(src), f)?.value : src;
        const lit = bound ? literalOf(bound, this.text) : undefined;
        if (lit?.ok && typeof lit.value === 'string' && RAW_TEMPLATE.test(lit.value)) result = { ...result, ctor: `${result.ctor.replace(/\(\)$/, '')}(raw)` };
      }
    }
    // `hub.fetch(url)` with `hub: Hub` a class of the file that defines fetch: its own method, analysed as a helper
    // of the file (its body's sinks), not a library's method of the same name (asyncpg's `conn.fetch(sql)`).
    if (!this.callsOwnMethod(fn, f)) result = this.checkSinks(n, fn, names, recv, args, f, result);
    // `json.loads(request.args["q"])`: text parsed into data may be an object again (an operator, `{"$ne": null}`).
    if (names.some((x) => PARSE_CALLS.has(x))) result = mayBeObject(result);
    // `stmt = text("… '%s'" % name)`: the statement is the SQL text it was made from, built as that was.
    if (SQL_TEXT.test(names[0] ?? '') && args.positional[0]?.val.built && !isConst(result)) result = { ...result, built: true };
    // `text("… :email").bindparams(email=email)`: the values are bound as parameters; the statement is its text alone.
    if (last === 'bindparams' && fn.type === 'attribute' && recv) result = recv;
    this.noteModuleCall(n, fn, names, args);
    this.noteDispatchedCall(n, fn, names, last, args, f);
    this.lastFrame = f;
    this.registeredHandlers(n, fn, names, last, args, f);
    result = this.refsOfCall(n, fn, names, last, recv, args, f, result);
    const returned = join(this.noteLocalCall(n, fn, args, f), this.callThroughRefs(n, fn, recv, args, f));
    // A function of this file known to return nothing made from its arguments: its result is what it returns.
    // (`self.order(k)`, `Listing().order(k)`, `listing.order(k)` with `listing = Listing()`: a method of a class of the file)
    const obj = fn.type === 'attribute' ? named(fn)[0] : undefined;
    const ownMethod = !!obj && (/^(self|cls)$/.test(this.src(obj)) || this.namesOf(obj, f).some((x) => this.classes.has(x.replace(/\(\)$/, ''))));
    const localName = fn.type === 'identifier' ? this.src(fn) : ownMethod ? this.src(named(fn)[1] ?? fn) : undefined;
    if (localName && this.returnsParam.get(localName) === false && this.helpers.has(localName) && !isConst(result)) {
      // `def order(self, key): return self.SORTS.get(key, "name")`: every return is a constant.
      const { refs, ctor } = result;
      result = this.returnsConst.get(localName) ? CONST : { nonConstant: { src: `${localName}()`, clean: new Set() } };
      if (refs) result = { ...result, refs };
      if (ctor) result = { ...result, ctor };
    }
    const madeBy = result.ctor;
    if (!isConst(returned)) result = join(result, returned);
    const checkedReturn = localName && this.returnsParam.get(localName) ? this.returnCleanOf(localName) : undefined;
    if (checkedReturn?.size && !isConst(result)) result = clear(result, checkedReturn);
    // (a function of another module known to check what it returns: engine/cross-file.ts)
    const spec = this.knownReturns.size && !(localName && this.helpers.has(localName)) && !isConst(result) ? this.moduleSpec(fn, names) : undefined;
    const checkedThere = spec ? this.knownReturns.get(spec) : undefined;
    // (only what the arguments it hands back carry)
    const drops = checkedThere?.drops;
    if (drops?.length && !checkedThere!.fresh) {
      const kept = [...args.positional.filter((_, i) => !drops.some((d) => d.index === i)).map((a) => a.val), ...[...args.keywords].filter(([k]) => !drops.some((d) => d.keyword === k)).map(([, a]) => a.val), ...args.extra];
      result = kept.some((v) => !isConst(v)) ? join(...kept) : { nonConstant: { src: `${spec}()`, clean: new Set() } };
    }
    if (checkedThere?.fresh) result = { nonConstant: { src: `${spec}()`, clean: new Set() } };
    else if (checkedThere) result = clear(result, checkedThere.clean);
    // (`where, params = build_filters(f)`: the positions that hold nothing of the arguments it was given untrusted, when
    // the other arguments are constants)
    const parts = checkedThere?.safeParts;
    if (parts && !isConst(result) && isConst(join(...args.positional.filter((_, i) => !parts.args.includes(i)).map((a) => a.val), ...[...args.keywords.values()].map((a) => a.val), ...args.extra))) {
      result = { ...result, safeItems: parts.parts.map(Number) };
    }
    // (what it carries is known there; what made it is still named here: `qs.in_region(r)` a QuerySet again)
    if (checkedThere && madeBy && !result.ctor) result = { ...result, ctor: madeBy };
    // `hooks.safe_ident(name)`, `sanitize_filename(x)` from another module (its body out of sight): a function named
    // for making its argument safe (`sanitizer-names`).
    if (!isConst(result) && !(localName && this.helpers.has(localName)) && this.set.knowledge.sanitizerNames?.test(names[0]?.slice(names[0].lastIndexOf('.') + 1) ?? '')) result = CONST;
    // `url = clean_url(url)`: a validator of this file that hands back its checked parameter.
    const validator = localName ? this.checks.get(localName) : undefined;
    if (validator?.returnsParam && !isConst(result) && !this.inPredicate.has(localName!)) {
      const cats = this.checkFacts(validator, 'returns', localName!, f)?.get(validator.returnsParam);
      if (cats?.size) result = clear(result, cats);
    }
    if (fn.type === 'identifier' && result.prefix === undefined) {
      const p = this.returnPrefixes.get(this.src(fn));
      if (typeof p === 'string') result = { ...result, prefix: p };
    }
    this.checkCallPatterns(n, names, args, f);
    this.checkCredentialCall(n, names, args, f);
    return externalTable ? { refs: externalTable } : result;
  }

  private arg(args: CallArgs, index: number | undefined, keyword: string | undefined): { node: PyNode; val: Val } | undefined {
    if (keyword !== undefined) {
      const k = args.keywords.get(keyword);
      if (k) return k;
    }
    if (index !== undefined) return args.positional[index];
    return undefined;
  }

  private condHolds(c: CompiledArgCondition, args: CallArgs, f: Frame = EMPTY_FRAME): boolean {
    const test = (a: { node: PyNode; val: Val } | undefined): boolean => {
      if (c.absent) return !a;
      if (!a) return false;
      // A name bound to a string or number literal (`CARD_TEMPLATE = '…{{ notes|safe }}…'` at the module's top) is tested as it.
      const bound = a.node.type === 'identifier' ? this.literalBinding(this.src(a.node), f) : undefined;
      let lit = literalOf(bound?.value ?? a.node, this.text);
      // `parser.setFeature(feature_external_ges, allow_includes)` in `def parse_feed(stream, allow_includes=True)`:
      // a flag parameter never rebound holds its default for every caller that does not pass it.
      const dflt = !lit.ok && a.node.type === 'identifier' ? f.boolDefaults?.get(this.src(a.node)) : undefined;
      if (dflt !== undefined && typeof c.equals === 'boolean') lit = { ok: true, value: dflt };
      if (c.equals !== undefined && !(lit.ok && lit.value === c.equals)) return false;
      if (c.matches && !(lit.ok && typeof lit.value === 'string' && c.matches.test(lit.value))) return false;
      if (c.startsWith) {
        const start = lit.ok && typeof lit.value === 'string' ? lit.value : a.val.prefix;
        if (start === undefined || !c.startsWith.test(start)) return false;
      }
      if (c.text) {
        // A variable holding a dict literal (`opts = {...}`) is tested as that literal.
        const entries = a.node.type === 'identifier' ? f.dicts?.get(this.src(a.node)) : undefined;
        // A variable holding a constant expression (`alphabet = string.ascii_letters + string.digits`) is tested as it.
        const held = a.node.type === 'identifier' ? (f.constExprs?.get(this.src(a.node)) ?? (f.fnName || f.className ? this.moduleLiterals.get(this.src(a.node)) : undefined)) : undefined;
        const text = entries ? [...entries].map(([k, v]) => `"${k}": ${this.src(v)}`).join(', ') : this.src(held ?? a.node);
        if (!c.text.test(text)) return false;
      }
      if (c.untrusted && !a.val.untrusted) return false;
      if (c.constant && !isConst(a.val)) return false;
      if (c['less-than'] !== undefined && !(lit.ok && typeof lit.value === 'number' && lit.value < c['less-than'])) return false;
      if (c.literal && !(lit.ok && (typeof lit.value === 'number' || (typeof lit.value === 'string' && lit.value !== '')))) return false;
      // With the frame, a variable made by a known call names that call (`m = tar.getmembers()`).
      if (c.reference && !c.reference.any(this.namesOf(a.node, f))) return false;
      if (c.listHead) {
        const list = this.listNode(a.node, f);
        const head = list ? named(list)[0] : undefined;
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

  private checkSinks(n: PyNode, fn: PyNode, names: string[], recv: Val | undefined, args: CallArgs, f: Frame, result: Val): Val {
    // `Model(**data)`: a call to a class (a capitalised name) is also looked up as `<class>`.
    const last = names[0] ? lastName(names[0]) : '';
    // A class of the standard library or of an HTTP/tooling library (`subprocess.Popen(**kw)`) is no model.
    const root = names[0]?.includes('.') ? names[0].split('.')[0]! : '';
    const lookupNames = args.splat && /^[A-Z]/.test(last) && !/^[A-Z0-9_]+$/.test(last) && !NOT_MODEL_MODULES.has(root) ? [...names, '<class>'] : names;
    // `rows = conn.execute(sql, params)`: what a query gives back is the database's rows, not its arguments.
    let queried = false;
    // `resp = requests.get(src)`: what comes back is the server's response, not the URL it was asked for (a proxy
    // writing it out is the SSRF finding, not a second one for markup).
    let fetched = false;
    // (the URL was the request's own: the server that answers is one the client chose, so is what it says)
    let fetchedFrom: string | undefined;
    for (const { rule, sink } of this.set.sinkIndex.lookup(lookupNames)) {
      // (text() makes a statement of its SQL, run later: it queries nothing)
      if (rule.category === 'sql' && (sink.args.includes(0) || sink.keywords.length) && !SQL_TEXT.test(names[0] ?? '')) queried = true;
      // (only a call the sink's conditions hold for is a request: `request.query.get(…)` is no `*.get` of a client)
      let holds: boolean | undefined;
      const conditionsHold = (): boolean => (holds ??= sink.when.every((c) => this.condHolds(c, args, f)));
      if (rule.category === 'ssrf' && sink.call && conditionsHold()) fetched = true;
      // (a driver's object made in another module - `from .db import comments`, a motor collection - is that driver's
      // whatever this file imports)
      if (!this.active.has(rule) || !(this.patternApplies(sink) || this.madeByImported(sink, recv, names))) continue;
      if (!conditionsHold()) continue;
      const candidates: Array<{ val: Val; node?: PyNode }> = [];
      // A sink that takes text: a dict or list literal is sent as something else (JSON).
      const isText = (a: { node: PyNode; val: Val }) => !sink.text || !(CONTAINER_NODES.has(a.node.type) || this.listNode(a.node, f));
      for (const i of sink.args) if (args.positional[i] && isText(args.positional[i]!)) candidates.push(args.positional[i]!);
      for (const k of sink.keywords) {
        if (k === '*') for (const a of args.keywords.values()) candidates.push(a);
        else if (k === '**') {
          if (args.splat) candidates.push({ val: args.splat });
        }
        else if (args.keywords.has(k) && isText(args.keywords.get(k)!)) candidates.push(args.keywords.get(k)!);
      }
      // `zf.open(member)` on a ZipFile / TarFile reads a member of the archive, not a file at a path.
      if (sink.receiver && recv && !(recv.ctor && ARCHIVE_CTOR.test(recv.ctor))) candidates.push({ val: recv });
      for (const { val: v, node: argNode } of candidates) {
        // (`repo.save(user)` with `user = User(email=…)`: an instance of a class is no file path)
        if (rule.category === 'path' && v.ctor && MODEL_INSTANCE.test(v.ctor) && !PATH_CALLS.has(v.ctor.slice(0, -2))) continue;
        const why = fires(v, rule, sink);
        if (!why) continue;
        // `stmt = text("… '" + status + "'")` run further down by `session.execute(stmt)`: the flaw is reported where the
        // statement runs (as labellers mark it, 9 to 3), once; a statement kept for elsewhere is reported here.
        if (rule.category === 'sql' && SQL_TEXT.test(names[0] ?? '') && this.executedLater(n)) break;
        // `def q(sql): conn.execute(sql)` run with a caller's query: the query is made (and the finding
        // belongs) where the caller builds it; see reportPassedOn.
        const passed = PASSED_ON.has(rule.category) ? this.passedOnParam(v, f) : undefined;
        if (passed) this.passedOn.push({ key: `${f.fnName}\0${passed}`, rule, node: n, detail: `${why.text} reaches ${this.callee(fn)}`, preview: this.callee(fn) + '(…)', weak: why.weak, cwe: sink.cwe, via: this.helpers.rerunningNow() });
        else {
          // (`session.execute(\n  text(f"…"),\n  params)`: one flaw, reported on the line that runs it, as the call's
          // first line is where a multi-line statement is read)
          const at = rule.category === 'sql' && SQL_TEXT.test(names[0] ?? '') ? this.runnerOf(n) ?? n : n;
          this.hit(rule, at, `${why.text} reaches ${this.callee(fn)}`, this.callee(fn) + '(…)', why.weak, sink.cwe);
          // (`scan.save(dest)` reported, then `open(dest)`, `os.remove(dest)`, `_thumbnail(dest)`: one path, one flaw,
          // reported at its first use; later uses of the same variable on this path are not new findings)
          // (not when that finding is suppressed on its line: `open(dest).close()  # mso:allow probe` then `os.remove(dest)`
          // is still reported, or an allow given for a read would silence the delete)
          const held = argNode?.type === 'identifier' ? this.src(argNode) : undefined;
          if (rule.category === 'path' && held && f.env.get(held) === v && !suppressedAt(this.text, at.start, NOSEC_MARKERS)) f.env.set(held, clear(v, PATH_ONLY));
        }
        if (rule.category === 'ssrf' && !why.weak && v.untrusted) fetchedFrom = v.untrusted.src;
        // `stmt = text(f"…")` kept for a later `session.execute(stmt)`: the statement is built here and run there, and
        // both lines are the flaw (reported at each); a query built and run in one expression is reported once.
        if (!(rule.category === 'sql' && SQL_TEXT.test(names[0] ?? '') && n.parent?.type === 'assignment')) result = clear(result, new Set([rule.category]));
        break;
      }
    }
    // `config = requests.get(config_url).json()` then `requests.post(config["registration_endpoint"])`: a response from
    // a server the client chose names the next URL as the client likes (for SSRF only: a proxy writing the response
    // out is the first request's finding, not a second one for markup).
    if (fetchedFrom !== undefined) {
      const answer = clear(tainted(`the response of a request to ${fetchedFrom}`), ONLY_SSRF);
      return result.ctor ? { ...answer, ctor: result.ctor } : answer;
    }
    if (fetched && (result.untrusted || result.nonConstant)) return result.ctor ? { ...unknown('HTTP response'), ctor: result.ctor } : unknown('HTTP response');
    return queried && (result.untrusted || result.nonConstant) ? unknown('database rows') : result;
  }

  /** The parameter whose caller-given value `v` is, unchanged (same value object as on entry). */
  private passedOnParam(v: Val, f: Frame): string | undefined {
    for (const [p, entry] of f.fromCallers ?? []) if (entry === v && f.env.get(p) === v) return p;
    return undefined;
  }

  /**
   * Sinks reached by a parameter its callers built (`q("SELECT ... '" + house + "'")` into `def q(sql):
   * conn.execute(sql)`): reported at each call that passes text built from request data; at the sink
   * itself only when some caller passes request data as it came.
   */
  private reportPassedOn(): void {
    const done = new Set<string>();
    for (const p of this.passedOn) {
      const sites = this.callSites.get(p.key) ?? [];
      const id = `${p.key}\0${p.rule.id}\0${p.node.start}`;
      if (done.has(id)) continue;
      done.add(id);
      for (const s of sites.filter((x) => x.built)) this.hit(p.rule, s.node, `${p.detail} through ${s.callee}()`, `${s.callee}(…)`, p.weak, p.cwe, undefined, s.via);
      this.hit(p.rule, p.node, p.detail, p.preview, p.weak, p.cwe, undefined, p.via);
    }
  }

  private returnOfCache?: Set<string>;
  /** Names of functions whose returned value a sink takes (`return-of`). */
  private get returnOfSinks(): Set<string> {
    if (!this.returnOfCache) {
      this.returnOfCache = new Set();
      for (const rule of this.taintRules) for (const sink of rule.sinks) for (const n of sink.returnOf ?? []) this.returnOfCache.add(n);
    }
    return this.returnOfCache;
  }

  private checkReturnOf(e: PyNode, v: Val, name: string): void {
    for (const rule of this.taintRules) {
      for (const sink of rule.sinks) {
        if (!sink.returnOf?.has(name)) continue;
        const why = fires(v, rule, sink);
        if (why) this.hit(rule, e.parent?.type === 'return_statement' ? e.parent : e, `${why.text} is returned by ${name}()`, 'return …', why.weak);
      }
    }
  }

  private checkReturn(e: PyNode, v: Val, f: Frame): void {
    // `return body, 200`: the body is the response; a dict, list or call result is not HTML text.
    if (e.type === 'tuple' || e.type === 'expression_list') {
      const first = named(e)[0];
      if (!first) return;
      e = first;
      v = this.expr(first, { ...f, env: new Map(f.env) });
    }
    if (!['string', 'concatenated_string', 'binary_operator', 'identifier', 'parenthesized_expression', 'conditional_expression', 'call'].includes(e.type)) return;
    if (e.type === 'call') {
      const fn = named(e)[0];
      const t = fn ? this.src(fn) : '';
      if (!FORMAT_METHODS.has(t.slice(t.lastIndexOf('.') + 1))) return;
    }
    for (const rule of this.taintRules) {
      for (const sink of rule.sinks) {
        if (!sink.return) continue;
        // Only text put together here is HTML; a call's result (send_file, a model) is not.
        const why = v.built ? fires(v, rule, sink) : undefined;
        const at = e.parent?.type === 'return_statement' ? e.parent : (e.parent?.parent ?? e);
        if (why) this.hit(rule, at, `${why.text} is returned as an HTML response`, 'return …', why.weak);
      }
    }
  }

  private callee(fn: PyNode): string {
    const s = this.src(fn).replace(/\s+/g, '');
    return s.length > 48 ? s.slice(0, 47) + '…' : s;
  }

  /** `via`: the functions analysed again whose callers brought the data in (default: those being analysed now). */
  private hit(rule: Rule, node: PyNode, detail: string, preview: string, weak = false, cwe?: string[], key?: string, via?: string[]): void {
    const severity = weak ? lower(rule.severity) : rule.severity;
    const h: Hit<PyNode> = { rule, node, detail, severity, cwe, preview, key: key ?? this.src(node).replace(/\s+/g, ' ') };
    const fns = rule.kind === 'taint' ? (via ?? this.helpers.rerunningNow()) : [];
    if (fns.length) this.viaOf.set(h, fns);
    this.hits.push(h);
  }

  // ---------------------------------------------------------------- patterns

  /**
   * Whether the call's receiver was made by one of the libraries a sink's `imports` names: its constructor's qualified
   * name, or what the cross-file pass said made an imported module value (`names` then holds
   * `motor.motor_asyncio.AsyncIOMotorClient()….find_one`).
   */
  private madeByImported(p: { imports?: string[] }, recv: Val | undefined, names: readonly string[]): boolean {
    if (!p.imports) return false;
    const made = [recv?.ctor, ...names].filter((x): x is string => !!x && x.includes('()'));
    return made.some((x) => p.imports!.some((m) => x.startsWith(`${m}.`)));
  }

  private patternApplies(p: { imports?: string[]; moduleDefines?: Set<string> }): boolean {
    if (p.moduleDefines && ![...p.moduleDefines].some((n) => this.moduleNames.has(n))) return false;
    return !p.imports || p.imports.some((m) => this.imports.imports(m));
  }

  /** Whether the function around `n` (the module when none) has text matching `re`. */
  /**
   * Whether the function around `n` matches `re` in its code; with `from`, in the rest of the block `n` is in (what
   * follows it there: another branch's code is not what happens next).
   */
  private inFunctionMatching(n: PyNode, re: RegExp, from?: number): boolean {
    let x: PyNode | undefined = n.type === 'function_definition' ? n : n.parent;
    while (x && x.type !== 'function_definition' && (from === undefined || x.type !== 'block')) x = x.parent;
    if (!x) return false;
    // (in its code: a comment that names the call makes none)
    const code = codeOf(x, this.text);
    return re.test(this.src(x)) && re.test(from === undefined ? code : code.slice(Math.max(0, from - x.start)));
  }

  private checkCallPatterns(n: PyNode, names: string[], args: CallArgs, f: Frame): void {
    const done = new Set<Rule>();
    for (const { rule, pattern: p } of this.set.callPatternIndex.lookup(names)) {
      if (done.has(rule) || !this.active.has(rule) || !this.patternApplies(p)) continue;
      if (p.excludeCall?.any(names)) continue;
      if (!p.args.every((c) => this.condHolds(c, args, f))) continue;
      // `tf.extractall(dest)` after a loop that raised on any member outside dest (see noteCheckedArchive).
      if (args.receiver && !args.keywords.has('filter') && names.some((x) => /\.extractall$/.test(x)) && f.checkedArchives?.has(this.key(args.receiver.node) ?? '')) continue;
      if (!args.keywords.has('filter') && names.some((x) => /\.extract$/.test(x)) && this.checkedMemberExtract(n, args.positional[0]?.node)) continue;
      if (p.context && !this.contextNames(n, f).some((x) => p.context!.test(x))) continue;
      if (p.excludeContext && this.contextNames(n, f).some((x) => p.excludeContext!.test(x))) continue;
      if (p.unlessGuarded && guardedBy(n, this.text, p.unlessGuarded)) continue;
      // (`claims = jwt.decode(t, options={"verify_signature": False})` to find the keys, the token then verified further
      // on: what the function goes on to do; a call whose result is returned is what the function hands back)
      if (p.unlessInFunction && !inReturn(n) && this.inFunctionMatching(n, p.unlessInFunction, n.end)) continue;
      if (p.mentions) {
        // (and the keys it reads by subscript: `request.form["password"]` names a password as `password` does)
        const ids = [...args.positional, ...args.keywords.values()].flatMap((a) => [...identifiers(a.node, this.text), ...subscriptKeys(a.node, this.text)]);
        if (!ids.some((x) => p.mentions!.test(x))) continue;
      }
      const fn = named(n)[0]!;
      const uses = p.reportedAtUse ? this.laterUses(n, p.reportedAtUse, f) : [];
      for (const at of uses.length ? uses : [this.flaggedArgument(n, p.args, args) ?? n]) this.hit(rule, at, this.callee(fn), this.callee(fn) + '(…)', false, p.cwe);
      done.add(rule);
    }
  }

  /**
   * `parser = etree.XMLParser(…)`: the later calls of the same function matching `users` that are handed `parser`
   * (positionally or by keyword), in order. None when the result is not kept in a plain variable of a function.
   */
  private laterUses(call: PyNode, users: NameSet, f: Frame): PyNode[] {
    const later = this.callsAfterAssignment(call, false);
    return (later?.calls ?? []).filter((x) => {
      const [callee, argList] = named(x);
      const handed = argList?.type === 'argument_list' && named(argList).some((a) => {
        const v = a.type === 'keyword_argument' ? named(a)[1] : a;
        return v?.type === 'identifier' && this.src(v) === later!.name;
      });
      return handed && !!callee && users.any(this.namesOf(callee, f));
    });
  }

  /**
   * In a call written over several lines, the keyword argument that made a pattern match
   * (`debug=True` inside `app.config.update(...)`): the finding goes on its line.
   */
  private flaggedArgument(call: PyNode, conds: CompiledArgCondition[], args: CallArgs): PyNode | undefined {
    if (!this.src(call).includes("\n")) return undefined;
    // (a flaw made of several settings together - CORS middleware's `allow_credentials=True` beside an origin that
    // matches any site - is the call's, reported on its line as the labelled batches have it; one setting turned on is
    // reported where it is, as in the JS front end)
    if (conds.filter((c) => c.keyword !== undefined && !c.negate && !c.absent).length > 1) return undefined;
    for (const c of conds) {
      if (c.negate || c.absent || c.keyword === undefined) continue;
      const kw = args.keywords.get(c.keyword)?.node.parent;
      if (kw?.type === 'keyword_argument' && kw.parent?.parent === call) return kw;
      // (an entry of a dict handed as `**settings`: the setting is written there)
      if (kw?.type === 'pair') return kw;
    }
    return undefined;
  }

  private checkReference(n: PyNode, names: string[]): void {
    // Only the outermost name (`ssl.PROTOCOL_TLSv1`, not `ssl`), and not a callee.
    const parent = n.parent;
    if (parent?.type === 'attribute' && named(parent)[0] === n) return;
    if (parent?.type === 'call' && named(parent)[0] === n) return;
    // A comparison or a mapping key only mentions the constant; it does not use it.
    for (let p: PyNode | undefined = n, up = n.parent; up && !up.type.endsWith('_statement'); p = up, up = up.parent) {
      if (up.type === 'comparison_operator') return;
      if (up.type === 'pair' && named(up)[0] === p) return;
    }
    for (const { rule, pattern: p } of this.set.referenceIndex.lookup(names)) {
      if (!this.active.has(rule) || !this.patternApplies(p)) continue;
      // (a decorator's function is the one it decorates: `@csrf_exempt` over a view that checks a signature)
      if (p.unlessInFunction && this.inFunctionMatching(decoratedFunction(n) ?? n, p.unlessInFunction)) continue;
      const at = enclosingCall(n) ?? n;
      this.hit(rule, at, this.src(n), this.src(n).replace(/\s+/g, ''), false, p.cwe, this.src(n));
      return;
    }
  }

  /** `assert user.is_admin`: gone under `python -O`, so a check that must hold cannot be an assert. */
  private checkAssertPatterns(s: PyNode, cond: PyNode): void {
    for (const rule of this.patternRules) {
      for (const p of rule.patterns) {
        if (!p.assert || !this.patternApplies(p)) continue;
        if (p.mentions && !identifiers(cond, this.text).some((x) => p.mentions!.test(x))) continue;
        this.hit(rule, s, this.src(s), 'assert …', false, p.cwe);
        return;
      }
    }
  }

  private checkAssignPatterns(a: PyNode, left: PyNode, right: PyNode, f: Frame): void {
    const targets = this.targetNames(left, f);
    if (targets.length) this.matchAssignPatterns(a, targets, right, f, this.src(left).replace(/\s+/g, ''));
  }

  /** The `assign:` patterns that an assignment (or a dict entry) `a` of `right` to `targets` matches: reported once. */
  private matchAssignPatterns(a: PyNode, targets: string[], right: PyNode, f: Frame, shown: string): void {
    // `DEBUG = os.environ.get("DEBUG", True)`: unset in production, the default is the value.
    const dflt = right.type === 'call' ? this.envDefault(right, f) : undefined;
    // An environment variable holds text: `os.environ["FLASK_DEBUG"] = "1"` switches the flag on.
    const lit = dflt ? envLiteral(literalOf(dflt, this.text)) : targets.some((t) => t.startsWith('os.environ[')) ? envLiteral(literalOf(right, this.text)) : literalOf(right, this.text);
    for (const rule of this.patternRules) {
      for (const p of rule.patterns) {
        if (!p.assign || !p.assign.any(targets) || !this.patternApplies(p)) continue;
        if (p.value !== undefined && !(lit.ok && lit.value === p.value)) continue;
        if (p.valueText && !p.valueText.test(this.src(right))) continue;
        if (p.excludeContext && f.className !== undefined && [f.className, f.classBases ?? ''].some((x) => p.excludeContext!.test(x))) continue;
        if (p.unlessNext && this.nextStatementMatches(a, p.unlessNext)) continue;
        if (p.unlessGuarded && guardedBy(a, this.text, p.unlessGuarded)) continue;
        if (p.valueItem) {
          const item = nodesOfType(right, 'string').find((s) => {
            const l = literalOf(s, this.text);
            return l.ok && typeof l.value === 'string' && p.valueItem!.test(l.value);
          });
          if (!item) continue;
          if (p.context && !(f.className !== undefined && p.context.test(f.className))) continue;
          this.hit(rule, item, this.src(item), `${shown} = [… ${this.src(item)} …]`, false, p.cwe);
          return;
        }
        // For an assignment, `context` is matched against the class whose body holds it (its name, its
        // bases, or the module it is in: `class Production(Base)` in config.py).
        if (p.context && !(f.className !== undefined && [f.className, f.classBases ?? '', this.path].some((x) => p.context!.test(x)))) continue;
        this.hit(rule, a, this.src(a), `${shown} = ${lit.ok && typeof lit.value !== 'string' ? String(lit.value) : '…'}`, false, p.cwe);
        return;
      }
    }
  }

  /** Whether the statement after the one holding `n` (in the same block, comments skipped) matches `re`. */
  private nextStatementMatches(n: PyNode, re: RegExp): boolean {
    let st: PyNode | undefined = n;
    while (st && st.type !== 'expression_statement') st = st.parent;
    const block = st?.parent;
    if (!st || !block) return false;
    const list = named(block).filter((k) => k.type !== 'comment');
    const next = list[list.findIndex((k) => k.start === st!.start) + 1];
    return !!next && re.test(this.src(next));
  }

  /** Taint sinks that are assignments (`resp["Access-Control-Allow-Origin"] = origin`). */
  private checkAssignSinks(a: PyNode, left: PyNode, val: Val, f: Frame): void {
    const targets = isConst(val) ? [] : this.targetNames(left, f);
    if (targets.length) this.checkAssignSinkTargets(a, targets, val, this.src(left).replace(/\s+/g, ''));
  }

  private checkAssignSinkTargets(a: PyNode, targets: string[], val: Val, shown: string): void {
    if (isConst(val)) return;
    for (const rule of this.taintRules) {
      for (const sink of rule.sinks) {
        if (!sink.assign?.any(targets)) continue;
        const why = fires(val, rule, sink);
        if (why) this.hit(rule, a, `${why.text} is assigned to ${shown}`, `${shown} = …`, why.weak, sink.cwe);
      }
    }
  }

  /** Whether a dict entry is one of a response's headers: its dict is the value of a `headers` key or keyword. */
  private underHeaders(pair: PyNode): boolean {
    const dict = pair.parent;
    const up = dict?.type === 'dictionary' ? dict.parent : undefined;
    if (!up || (up.type !== 'pair' && up.type !== 'keyword_argument')) return false;
    const k = named(up)[0];
    if (!k || named(up)[1] !== dict) return false;
    // (`headers=` keyword; a `"headers"` or Lambda `"multiValueHeaders"` key)
    if (up.type === 'keyword_argument') return /^headers$/i.test(this.src(k));
    const key = literalOf(k, this.text);
    return key.ok && typeof key.value === 'string' && /^(headers|multiValueHeaders)$/i.test(key.value);
  }

  private targetNames(left: PyNode, f: Frame): string[] {
    if (left.type === 'identifier' || left.type === 'attribute') return this.namesOf(left, f);
    if (left.type === 'subscript') {
      const [base, idx] = named(left);
      const lit = idx ? literalOf(idx, this.text) : { ok: false as const };
      if (!base || !lit.ok || typeof lit.value !== 'string') return [];
      // `[Key]` alone too: a rule can name the key whatever the object (`resp["X"]`, `resp.headers["X"]`).
      return [...this.namesOf(base, f).map((b) => `${b}[${lit.value}]`), `[${lit.value}]`];
    }
    return [];
  }

  /** Names that say what a call is for: the function it is in, the variable or keyword it goes to. */
  private contextNames(n: PyNode, f: Frame): string[] {
    const out = [f.fnName];
    for (let p = n.parent; p && !p.type.endsWith('_statement') && p.type !== 'block' && p.type !== 'module'; p = p.parent) {
      if (p.type === 'assignment' || p.type === 'augmented_assignment' || p.type === 'keyword_argument' || p.type === 'pair') {
        const first = named(p)[0];
        if (first) out.push(this.src(first));
        // (`env["RC_SESSION_KEY"] = …`: the key a mapping stores it under names it too)
        const idx = first?.type === 'subscript' ? named(first)[1] : undefined;
        const key = idx ? literalOf(idx, this.text) : undefined;
        if (key?.ok && typeof key.value === 'string') out.push(key.value);
      }
    }
    return out;
  }

  /**
   * The default of an environment lookup (`os.environ.get("X", dflt)`, `os.getenv`, decouple's
   * `config("X", default=...)`, `env.str("X", default=...)`): the value the code runs with when X is unset.
   */
  private envDefault(call: PyNode, f: Frame, names?: string[]): PyNode | undefined {
    const [fn, argsNode] = named(call);
    if (!fn || !argsNode || argsNode.type !== 'argument_list') return undefined;
    const ns = names ?? this.namesOf(fn, f);
    if (!ns.some((x) => ENV_GETTER.test(x))) return undefined;
    const args = named(argsNode).filter((a) => a.type !== 'comment');
    const kw = args.find((a) => a.type === 'keyword_argument' && this.src(named(a)[0]!) === 'default');
    if (kw) return named(kw)[1];
    const second = args[1];
    return second && second.type !== 'keyword_argument' && !second.type.endsWith('splat') ? second : undefined;
  }

  /** The variable, keyword or dict key a value goes to (`X = <n>`, `f(x=<n>)`, `{"x": <n>}`). */
  private assignedName(n: PyNode): string | undefined {
    const p = n.parent;
    if (!p) return undefined;
    const first = named(p)[0];
    if (!first || first === n) return undefined;
    if (p.type === 'assignment' || p.type === 'keyword_argument') {
      if (first.type === 'identifier') return this.src(first);
      if (first.type === 'attribute') return this.src(named(first)[1] ?? first);
      if (first.type === 'subscript') {
        const idx = named(first)[1];
        const lit = idx ? literalOf(idx, this.text) : undefined;
        return lit?.ok && typeof lit.value === 'string' ? lit.value : undefined;
      }
    }
    if (p.type === 'pair') {
      const lit = literalOf(first, this.text);
      return lit.ok && typeof lit.value === 'string' ? lit.value : undefined;
    }
    return undefined;
  }

  // ---------------------------------------------------------------- credentials

  private credName(rule: CredentialRule, name: string): boolean {
    return isCredentialName(rule, name);
  }

  /** A string literal's value when the rule takes it for a credential. */
  private credValue(rule: CredentialRule, node: PyNode, name?: string): string | undefined {
    return credentialValue(rule, this.stringLiteral(node), name);
  }

  private stringLiteral(node: PyNode): string | undefined {
    // `os.environ.get("API_KEY") or "ll_live_…"`: the fallback is the credential that ships
    if (isOr(node)) {
      const r = named(node)[1];
      return r ? this.stringLiteral(r) : undefined;
    }
    const lit = literalOf(node, this.text);
    return lit.ok && typeof lit.value === 'string' ? lit.value : undefined;
  }

  /** A URL literal with a password in it (any name, any call). */
  private checkUrlCredential(at: PyNode, node: PyNode, name: string): void {
    for (const rule of this.credRules) {
      if (!rule.urlCredentials) continue;
      const pw = urlPassword(rule, this.stringLiteral(node));
      if (pw) this.credHit(rule, at, name, pw);
    }
  }

  private credHit(rule: CredentialRule, at: PyNode, name: string, value: string): void {
    this.hits.push({ rule, node: at, detail: name, severity: rule.severity, preview: `${name} = ${redact(value)}`, key: `${name}\0${value}` });
  }

  /** The string literal a name is bound to (in this function, or else at the module's top level), with its assignment. */
  private literalBinding(name: string, f: Frame): { value: PyNode; at: PyNode } | undefined {
    const value = f.constExprs?.get(name) ?? (f.fnName || f.className ? this.moduleLiterals.get(name) : undefined);
    // (strings, and numbers: `pbkdf2_hmac("sha1", pw, salt, _ITERATIONS)` with `_ITERATIONS = 1000` above)
    if (!value || !BOUND_LITERALS.has(value.type) || value.parent?.type !== 'assignment') return undefined;
    return { value, at: value.parent };
  }

  private checkCredentialAssign(a: PyNode, left: PyNode, right: PyNode): void {
    if (!this.credRules.length) return;
    // `KEY_ID, SECRET = "AKIA…", "q9Vt…"`: each name with its own value.
    if ((left.type === 'pattern_list' || left.type === 'tuple_pattern' || left.type === 'tuple') && (right.type === 'expression_list' || right.type === 'tuple')) {
      const ls = named(left);
      const rs = named(right);
      if (ls.length === rs.length) ls.forEach((l, i) => this.checkCredentialAssign(a, l, rs[i]!));
      return;
    }
    let name: string | undefined;
    if (left.type === 'identifier') name = this.src(left);
    else if (left.type === 'attribute') name = this.src(named(left)[1] ?? left);
    else if (left.type === 'subscript') {
      const idx = named(left)[1];
      const lit = idx ? literalOf(idx, this.text) : { ok: false as const };
      if (lit.ok && typeof lit.value === 'string') name = lit.value;
    }
    if (!name) return;
    this.checkUrlCredential(a, right, name);
    for (const rule of this.credRules) {
      if (!this.credName(rule, name)) continue;
      const v = this.credValue(rule, right, name);
      if (v !== undefined) this.credHit(rule, a, name, v);
    }
  }

  private checkCredentialPair(p: PyNode): void {
    if (!this.credRules.length) return;
    const [k, v] = named(p);
    if (!k || !v) return;
    const lit = literalOf(k, this.text);
    if (!lit.ok || typeof lit.value !== 'string') return;
    this.checkUrlCredential(p, v, lit.value);
    for (const rule of this.credRules) {
      if (!this.credName(rule, lit.value)) continue;
      const val = this.credValue(rule, v, lit.value);
      if (val !== undefined) this.credHit(rule, p, lit.value, val);
    }
  }

  private checkCredentialParam(p: PyNode, name: string, dflt: PyNode): void {
    for (const rule of this.credRules) {
      if (!this.credName(rule, name)) continue;
      const v = this.credValue(rule, dflt, name);
      if (v !== undefined) this.credHit(rule, p, name, v);
    }
  }

  private checkCredentialCompare(n: PyNode): void {
    if (!this.credRules.length) return;
    const ops = n.children.filter((c) => !c.named).map((c) => c.type);
    if (!ops.every((o) => o === '==' || o === '!=')) return;
    const [a, b] = named(n);
    if (!a || !b) return;
    for (const [x, y] of [
      [a, b],
      [b, a],
    ] as const) {
      const nm = x.type === 'identifier' ? this.src(x) : x.type === 'attribute' ? this.src(named(x)[1] ?? x) : undefined;
      if (!nm) continue;
      for (const rule of this.credRules) {
        if (!this.credName(rule, nm)) continue;
        const v = /pass|pwd|secret/i.test(nm) ? this.credValue(rule, y, nm) : undefined;
        if (v !== undefined) this.credHit(rule, n, nm, v);
      }
    }
  }

  private checkCredentialCall(n: PyNode, names: string[], args: CallArgs, f: Frame): void {
    if (!this.credRules.length) return;
    // (reported on the literal's own line: a call spread over lines, `os.environ.get(\n "URL",\n "postgresql://u:pw@…")`)
    for (const a of args.positional) this.checkUrlCredential(a.node, a.node, `${names[0] ?? 'call'} URL`);
    for (const [k, a] of args.keywords) this.checkUrlCredential(a.node, a.node, k);
    for (const rule of this.credRules) {
      for (const [k, a] of args.keywords) {
        if (!this.credName(rule, k)) continue;
        let node = a.node;
        if (node.type === 'tuple' || node.type === 'list') node = named(node)[named(node).length - 1] ?? node;
        const v = this.credValue(rule, node, k);
        // In a call over several lines, on the keyword's own line.
        const at = a.node.parent?.type === 'keyword_argument' && a.node.parent.parent?.parent === n ? a.node.parent : n;
        if (v !== undefined) this.credHit(rule, at, k, v);
      }
    }

    for (const { rule, args: idx, keywords, nameArg } of this.set.credentialCallIndex.lookup(names)) {
      if (!this.active.has(rule)) continue;
      if (nameArg !== undefined) {
        // `os.environ.get("DB_PASSWORD", "s3cret")`, `add_argument("--password", default="s3cret")`: the
        // value's name is an argument (or else the variable or keyword the call's result goes to).
        const given = args.positional[nameArg] ? this.stringLiteral(args.positional[nameArg]!.node)?.replace(/^-+/, '').replace(/-/g, '_') : undefined;
        const name = [given, this.assignedName(n)].find((x) => x !== undefined && this.credName(rule, x));
        if (!name) continue;
        for (const a of [...idx.map((i) => args.positional[i]), ...keywords.map((k) => args.keywords.get(k))]) {
          const v = a ? this.credValue(rule, a.node, name) : undefined;
          if (v !== undefined) this.credHit(rule, n, name, v);
        }
        continue;
      }
      for (const i of idx) {
        const a = args.positional[i];
        // `DES.new(_LEGACY_KEY, ...)` with `_LEGACY_KEY = b"wallet!!"`: the constant's own line is the finding.
        const held = a?.node.type === 'identifier' ? this.literalBinding(this.src(a.node), f) : undefined;
        if (held) {
          const v = this.credValue(rule, held.value);
          if (v !== undefined) this.credHit(rule, held.at, this.src(a!.node), v);
          continue;
        }
        const v = a ? this.credValue(rule, a.node) : undefined;
        if (v !== undefined) this.credHit(rule, n, `${names[0]} argument ${i + 1}`, v);
      }
      for (const kw of keywords) {
        const a = args.keywords.get(kw);
        const v = a ? this.credValue(rule, a.node) : undefined;
        if (v !== undefined) this.credHit(rule, n, kw, v);
      }
    }
  }

  // ---------------------------------------------------------------- guards (sanitizing checks)

  /** Variables a condition proves safe when it evaluates to `truth`, with the categories. */
  private guards(cond: PyNode, truth: boolean, f: Frame): Map<string, Set<string>> {
    const out = new Map<string, Set<string>>();
    const add = (n: PyNode | undefined, cats: Set<string>) => {
      // `RE.match(name or "")`: the check is of name (the default only stands in for None).
      while (n && (n.type === 'parenthesized_expression' || (isOr(n) && named(n)[1] && literalOf(named(n)[1]!, this.text).ok))) n = named(n)[0];
      const k = n ? this.key(n) : undefined;
      if (k && cats.size) out.set(k, new Set([...(out.get(k) ?? []), ...cats]));
    };
    const merge = (m: Map<string, Set<string>>) => {
      for (const [k, v] of m) out.set(k, new Set([...(out.get(k) ?? []), ...v]));
    };
    switch (cond.type) {
      case 'parenthesized_expression':
        return named(cond)[0] ? this.guards(named(cond)[0]!, truth, f) : out;
      case 'not_operator':
        return named(cond)[0] ? this.guards(named(cond)[0]!, !truth, f) : out;
      case 'boolean_operator': {
        const op = cond.children.find((c) => !c.named)?.type;
        const [l, r] = named(cond);
        if (!l || !r) return out;
        if ((op === 'and' && truth) || (op === 'or' && !truth)) {
          merge(this.guards(l, truth, f));
          merge(this.guards(r, truth, f));
        } else {
          // `if parsed.netloc and parsed.netloc not in HOSTS: next = "/"`: the condition fails when either side
          // fails, so only what both failing sides vouch for holds (no host, or an allowed host: redirect-safe).
          let a = this.guards(l, truth, f);
          let b = this.guards(r, truth, f);
          // `if target != base and not target.startswith(base + os.sep): raise`: where the check does not hold, the
          // value is the base itself, which vouches as much as being inside it.
          if (op === 'and' && !truth) {
            if (!a.size && this.isSameAs(l, r)) a = b;
            else if (!b.size && this.isSameAs(r, l)) b = a;
          }
          for (const [k, cats] of a) {
            const other = b.get(k);
            if (!other) continue;
            const both = cats.has('all') ? other : other.has('all') ? cats : new Set([...cats].filter((c) => other.has(c)));
            if (both.size) out.set(k, both);
          }
        }
        return out;
      }
      case 'comparison_operator': {
        const ops = cond.children.filter((c) => !c.named).map((c) => c.type);
        const [l, r] = named(cond);
        if (ops.length !== 1 || !l || !r) return out;
        const op = ops[0];
        // `path = services.resolve_statement(name)` then `if path is None: raise`: a helper of another module of
        // the project that answers None for what it refuses (its body is out of sight) handed back a value it accepted.
        if ((op === 'is' && !truth) || (op === 'is not' && truth)) {
          const [v, none] = r.type === 'none' ? [l, r] : [r, l];
          if (none.type === 'none' && v.type === 'identifier' && f.ownResults?.has(this.src(v))) add(v, REFUSED_AS_NONE);
        }
        // A check on something computed from a variable (urlparse(url).hostname, parsed.netloc, name.lower())
        // vouches for the variable it came from.
        // Only a host check says something about the URL it came from; an extension check says nothing
        // about `../` in a file name.
        const subject = (n: PyNode) => {
          add(n, ALL);
          const hostOrigin = n.type === 'identifier' ? f.hostOf?.get(this.src(n)) : undefined;
          if (hostOrigin) out.set(hostOrigin, new Set([...(out.get(hostOrigin) ?? []), ...URL_CHECKED]));
          if (!HOST_CHECK.test(this.src(n))) return;
          const ssrf = URL_CHECKED;
          if (!this.key(n)) for (const id of nodesOfType(n, 'identifier')) if (!isCallee(id)) add(id, ssrf);
          const base = this.key(n)?.split('.')[0];
          // `parsed.host in ALLOWED` vouches for `parsed` itself (`client.get(str(parsed))`).
          if (base && base !== this.key(n)) out.set(base, new Set([...(out.get(base) ?? []), ...ssrf]));
          const origin = base ? f.derived?.get(base) : undefined;
          if (origin) out.set(origin, new Set([...(out.get(origin) ?? []), ...ssrf]));
        };
        if ((op === 'in' && truth) || (op === 'not in' && !truth)) {
          subject(l);
          // `if provider not in PROVIDERS: raise`: the value is one of the collection's strings; when each is a
          // URL with its host, the host is fixed (`f"{provider}/u/{uid}"` requests one of those hosts).
          const strs = this.collectionStrings(r);
          const hosts = strs?.map((x) => /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]+/.exec(x)?.[0]);
          const k = this.key(l);
          if (k && hosts?.length && hosts.every((h) => h !== undefined)) out.set(k, new Set([...(out.get(k) ?? []), `${PREFIX_CAT}${hosts[0]}`]));
        }
        // `if ".." in name: continue` / `if ".." not in name:`: no parent step, so no way out of a folder.
        const lLit = literalOf(l, this.text);
        if (((op === 'in' && !truth) || (op === 'not in' && truth)) && lLit.ok && lLit.value === '..') add(r, new Set(['path']));
        if ((op === '==' && truth) || (op === '!=' && !truth)) {
          // `os.path.commonpath([path, ROOT]) == ROOT`: a resolved path inside ROOT.
          for (const side of [l, r]) {
            const callee = side.type === 'call' ? this.src(named(side)[0] ?? side) : '';
            if (!/(^|\.)commonpath$/.test(callee)) continue;
            for (const id of nodesOfType(named(side)[1] ?? side, 'identifier')) {
              if (isCallee(id)) continue;
              const v = this.lookup(this.src(id), f);
              if (v && (v.untrusted ?? v.nonConstant)?.clean.has('path-normalized')) add(id, new Set(['path']));
            }
          }
          if (literalOf(r, this.text).ok) subject(l);
          else if (literalOf(l, this.text).ok) subject(r);
          // `urlparse(nxt).netloc == request.host`: the URL's host is this site's own (or another known value).
          else if (HOST_CHECK.test(this.src(l)) && (!HOST_CHECK.test(this.src(r)) || OWN_HOST.test(this.src(r)))) subject(l);
          else if (HOST_CHECK.test(this.src(r)) && (!HOST_CHECK.test(this.src(l)) || OWN_HOST.test(this.src(l)))) subject(r);
        }
        return out;
      }
      case 'attribute':
      case 'identifier': {
        if (cond.type === 'identifier') {
          const name = this.src(cond);
          // `allowed = url_has_allowed_host_and_scheme(target, …)` then `if not allowed: target = "/"`.
          const held = f.checkVars?.get(name);
          if (held) merge(this.guards(held, truth, f));
          // `path = exports.checked_path(name)` then `if not path: raise`: the helper refused the value.
          if (truth && f.ownResults?.has(name)) add(cond, REFUSED_AS_NONE);
        }
        // `if urlparse(u).netloc: abort(400)` / `if not host:`: a URL without a host stays on this site.
        if (truth) return out;
        const hostOrigin = cond.type === 'identifier' ? f.hostOf?.get(this.src(cond)) : undefined;
        if (hostOrigin) out.set(hostOrigin, new Set(['redirect']));
        if (cond.type === 'attribute' && /\.(netloc|hostname|host)$/.test(this.src(cond))) {
          for (const id of nodesOfType(cond, 'identifier')) if (!isCallee(id)) add(id, new Set(['redirect']));
          const base = this.key(cond)?.split('.')[0];
          const origin = base ? f.derived?.get(base) : undefined;
          if (origin) out.set(origin, new Set(['redirect']));
        }
        return out;
      }
      case 'call': {
        const [fn, argsNode] = named(cond);
        if (!fn) return out;
        // A check function of the file vouches as its inlined conditions would; a name that says it
        // confines a path (`is_within_directory`) still counts when its body is not understood.
        const pred = this.checkGuards(fn, argsNode, truth, f);
        if (pred) merge(pred);
        if (!truth) return out;
        const text = this.src(fn);
        const last = text.slice(text.lastIndexOf('.') + 1);
        const argNodes = argsNode ? named(argsNode) : [];
        if (this.set.knowledge.guardFunctions.some((re) => re.test(last))) {
          const confined = new Set(['path', 'ssrf', 'redirect']);
          for (const a of argNodes) add(a.type === 'keyword_argument' ? named(a)[1] : a, confined);
        }
        if (fn.type === 'attribute') {
          const obj = named(fn)[0];
          if (this.set.knowledge.validatorMethods.has(last)) add(obj, ALL);
          if (last === 'startswith' || last === 'is_relative_to') {
            const v = obj ? this.expr(obj, { ...f, env: new Map(f.env) }) : CONST;
            const normalized = (v.untrusted ?? v.nonConstant)?.clean.has('path-normalized');
            // A literal prefix vouches for the URL only when it fixes the host (`"https://"` alone does not).
            // (`url.startswith(GRAFANA_PREFIX)`: a module constant is read as the literal it holds)
            // (a tuple of prefixes: each must fix its host; `("http://", "https://")` fixes none)
            const resolve = (n: PyNode) => (n.type === 'identifier' ? (f.constExprs?.get(this.src(n)) ?? this.moduleLiterals.get(this.src(n)) ?? n) : n);
            const prefixNode = argNodes[0] ? resolve(argNodes[0]) : undefined;
            const prefixes = prefixNode?.type === 'tuple' ? named(prefixNode).map(resolve) : prefixNode ? [prefixNode] : [];
            const urlSafe = prefixes.every((p) => {
              const lit = literalOf(p, this.text);
              return !(lit.ok && typeof lit.value === 'string') || prefixFixesHost(lit.value);
            });
            add(obj, new Set([...(normalized ? ['path'] : []), ...(urlSafe ? ['ssrf', 'redirect'] : [])]));
          }
          if ((last === 'match' || last === 'fullmatch') && argNodes.length) add(argNodes[argNodes.length === 1 ? 0 : 1], ALL);
          // `host.endswith(".example.com")` (a leading dot: `evilexample.com` does not pass) on a URL's host.
          if (last === 'endswith' && obj && argNodes[0]) {
            const sfx = argNodes[0].type === 'tuple' ? named(argNodes[0]) : [argNodes[0]];
            const dotted = sfx.length > 0 && sfx.every((x) => {
              const l = literalOf(x, this.text);
              return l.ok && typeof l.value === 'string' && /^\.[a-z0-9-]+\.[a-z0-9.-]+$/i.test(l.value);
            });
            const origin = obj.type === 'identifier' ? f.hostOf?.get(this.src(obj)) : undefined;
            if (dotted && origin) out.set(origin, new Set([...(out.get(origin) ?? []), ...URL_CHECKED]));
            else if (dotted && HOST_CHECK.test(this.src(obj))) {
              const base = this.key(obj)?.split('.')[0];
              const from = base ? f.derived?.get(base) : undefined;
              for (const id of nodesOfType(obj, 'identifier')) if (!isCallee(id)) add(id, URL_CHECKED);
              if (from) out.set(from, new Set([...(out.get(from) ?? []), ...URL_CHECKED]));
            }
          }
        }
        if ((last === 'match' || last === 'fullmatch') && fn.type === 'attribute' && this.src(named(fn)[0]!) === 're' && argNodes[1]) add(argNodes[1], ALL);
        if (last === 'isinstance' && argNodes[0] && argNodes[1] && /\b(int|float|bool)\b/.test(this.src(argNodes[1]))) add(argNodes[0], ALL);
        // `isinstance(v, str)`: text, not a query-operator document (`{"$ne": …}`) a NoSQL filter would obey.
        else if (last === 'isinstance' && argNodes[0] && argNodes[1] && /^\(?\s*str\s*\)?$/.test(this.src(argNodes[1]))) add(argNodes[0], NOSQL_ONLY);
        return out;
      }
      default:
        return out;
    }
  }

  /**
   * The shape of a check function, or undefined: assignments (also in a `try` whose handlers give up),
   * `if <bad>: raise / return False` steps, and a final `return <condition>` (a predicate), `return True`,
   * `return <parameter>` (a validator handing the value back) or nothing (a checker that raises).
   */
  private checkShape(body: PyNode, params: string[]): CheckFn | undefined {
    const out: CheckFn = { params, fails: [], derived: new Map(), hostOf: new Map(), simple: false };
    const stmts = (b: PyNode) => named(b).filter((k) => !(k.type === 'expression_statement' && named(k)[0]?.type === 'string') && k.type !== 'comment');
    const giveUp = (b: PyNode): 'raise' | 'false' | undefined => {
      const last = named(b)[named(b).length - 1];
      if (!last) return undefined;
      if (last.type === 'return_statement') {
        const v = named(last)[0];
        return !v || v.type === 'false' || v.type === 'none' ? 'false' : undefined;
      }
      return this.exits(b) && last.type !== 'continue_statement' && last.type !== 'break_statement' ? 'raise' : undefined;
    };
    const walk = (list: PyNode[], top: boolean): boolean => {
      for (let i = 0; i < list.length; i++) {
        const st = list[i]!;
        const isLast = top && i === list.length - 1;
        if (st.type === 'expression_statement') {
          const e = named(st)[0];
          if (e?.type === 'assignment') {
            const [l, r] = [named(e)[0], named(e)[named(e).length - 1]];
            if (l && r && l !== r) this.noteDerivation(l, r, out);
          } else if (e?.type !== 'call' && e?.type !== 'await') return false;
        } else if (st.type === 'if_statement') {
          const [cond, b, ...rest] = named(st);
          if (!cond || !b || rest.length) return false;
          const how = giveUp(b);
          if (!how) return false;
          out.fails.push({ cond, raises: how === 'raise' });
        } else if (st.type === 'try_statement') {
          for (const k of named(st)) {
            if (k.type === 'block') {
              if (!walk(stmts(k), false)) return false;
            } else if (k.type === 'except_clause') {
              const b = named(k).find((c) => c.type === 'block');
              if (!b || !giveUp(b)) return false;
            } else return false;
          }
        } else if (st.type === 'for_statement' || st.type === 'while_statement') {
          // `for info in getaddrinfo(host): if ip_address(info[4][0]).is_private: return False`: a loop that can
          // only refuse more adds nothing to what getting past proves, and takes nothing from it.
          if (!this.onlyRefuses(st, params, out)) return false;
        } else if (st.type === 'return_statement' && isLast) {
          const v = named(st)[0];
          if (!v || v.type === 'none') return true;
          if (v.type === 'true') out.result = 'true';
          else if (v.type === 'identifier' && params.includes(this.src(v))) out.returnsParam = this.src(v);
          else if (v.type === 'false') return false;
          else out.result = v;
        } else if (st.type !== 'pass_statement') return false;
      }
      return true;
    };
    const list = stmts(body);
    if (!list.length || !walk(list, true)) return undefined;
    if (!out.fails.length && (out.result === undefined || out.result === 'true')) return undefined;
    out.simple = list.length === 1 && out.result !== undefined && out.result !== 'true';
    return out;
  }

  /**
   * Whether a loop of a check function only refuses: each return in it gives False or None, and it binds none of
   * the names the check's conditions read (its parameters, what it derived from them).
   */
  private onlyRefuses(loop: PyNode, params: readonly string[], shape: CheckFn): boolean {
    const read = new Set([...params, ...(shape.derived?.keys() ?? []), ...(shape.hostOf?.keys() ?? [])]);
    const binds = (target: PyNode | undefined) => !!target && nodesOfType(target, 'identifier').some((id) => read.has(this.src(id)));
    const ok = (n: PyNode): boolean => {
      if (n.type === 'return_statement') {
        const v = named(n)[0];
        if (v && v.type !== 'false' && v.type !== 'none') return false;
      } else if (n.type === 'yield' || n.type === 'global_statement' || n.type === 'nonlocal_statement') return false;
      else if ((n.type === 'assignment' || n.type === 'augmented_assignment' || n.type === 'named_expression') && binds(named(n)[0])) return false;
      else if (n.type === 'for_statement' && binds(named(n)[0])) return false;
      return named(n).every(ok);
    };
    return ok(loop);
  }

  /** `parsed = urlparse(url)` (parsed → url), `host = urlparse(url).hostname or ""` (host is url's host). */
  private noteDerivation(left: PyNode, right: PyNode, into: { derived?: Map<string, string>; hostOf?: Map<string, string> }): void {
    if (left.type !== 'identifier') return;
    // `x or ""`: the default only stands in for a missing value.
    while (right.type === 'boolean_operator' && named(right)[1] && literalOf(named(right)[1]!, this.text).ok) right = named(right)[0]!;
    if (right.type === 'call') {
      const argNodes = named(named(right)[1] ?? right).filter((x) => x.type === 'identifier' || x.type === 'attribute');
      const k = argNodes.length === 1 ? this.key(argNodes[0]!) : undefined;
      if (k) (into.derived ??= new Map()).set(this.src(left), k);
    }
    if (right.type === 'attribute' && HOST_CHECK.test('.' + this.src(named(right)[1] ?? right))) {
      const obj = named(right)[0];
      let origin: string | undefined;
      if (obj?.type === 'call') {
        const a = named(named(obj)[1] ?? obj).filter((x) => x.type === 'identifier' || x.type === 'attribute');
        origin = a.length === 1 ? this.key(a[0]!) : undefined;
      } else if (obj) origin = into.derived?.get(this.src(obj)) ?? this.key(obj);
      if (origin) (into.hostOf ??= new Map()).set(this.src(left), origin);
    }
  }

  /**
   * What a call to a check function of this file proves about its arguments (keys of the caller):
   * `truth` for a predicate tested in a condition, `raises` for a call that returned at all.
   */
  private checkGuards(fn: PyNode, argsNode: PyNode | undefined, truth: boolean | 'raises', f: Frame): Map<string, Set<string>> | undefined {
    const text = this.src(fn);
    const name = /^(?:self\.|cls\.)?([A-Za-z_]\w*)$/.exec(text)?.[1];
    const check = name ? this.checks.get(name) : undefined;
    if (!check || this.inPredicate.has(name!)) return undefined;
    const params = check.params[0] === 'self' || check.params[0] === 'cls' ? check.params.slice(1) : check.params;
    const argNodes = argsNode ? named(argsNode).filter((a) => a.type !== 'comment') : [];
    const byParam = new Map<string, PyNode>();
    argNodes.forEach((a, i) => {
      if (a.type === 'keyword_argument') {
        const [k, v] = named(a);
        if (k && v) byParam.set(this.src(k), v);
      } else if (params[i]) byParam.set(params[i]!, a);
    });
    const inner = this.checkFacts(check, truth, name!, f);
    if (!inner) return undefined;
    const out = new Map<string, Set<string>>();
    for (const [k, cats] of inner) {
      const [base, ...rest] = k.split('.');
      const argKey = byParam.has(base!) ? this.key(byParam.get(base!)!) : undefined;
      if (!argKey) continue;
      const mapped = [argKey, ...rest].join('.');
      out.set(mapped, new Set([...(out.get(mapped) ?? []), ...cats]));
    }
    return out;
  }

  /** What a check function proves about its own parameters (keys inside the function). */
  private checkFacts(check: CheckFn, truth: boolean | 'raises' | 'returns', name: string, f: Frame): Map<string, Set<string>> | undefined {
    const frame: Frame = { ...f, env: new Map(), globals: f.globals ?? f.env, derived: check.derived, hostOf: check.hostOf };
    const facts = new Map<string, Set<string>>();
    const add = (m: Map<string, Set<string>>) => {
      for (const [k, v] of m) facts.set(k, new Set([...(facts.get(k) ?? []), ...v]));
    };
    this.inPredicate.add(name);
    try {
      if (truth === 'returns') {
        // `url = clean_url(url)` of a validator that returns its parameter after its checks (or None).
        for (const s of check.fails) add(this.guards(s.cond, false, frame));
        for (const [k, v] of facts) facts.set(k, new Set([...v].filter((c) => !c.startsWith(PREFIX_CAT))));
      } else if (truth === 'raises') {
        // A call used as a statement: only steps that raise stop the caller.
        const steps = check.fails.filter((s) => s.raises);
        if (!steps.length) return undefined;
        for (const s of steps) add(this.guards(s.cond, false, frame));
      } else if (truth) {
        if (check.result === undefined) return undefined;
        for (const s of check.fails) add(this.guards(s.cond, false, frame));
        if (check.result !== 'true') add(this.guards(check.result, true, frame));
      } else {
        if (!check.simple || typeof check.result !== 'object') return undefined;
        add(this.guards(check.result, false, frame));
      }
    } finally {
      this.inPredicate.delete(name);
    }
    // A local made from a parameter's host (`ip = ip_address(urlparse(url).hostname)`): a check on it fixes
    // the parameter's host, nothing more.
    const out = new Map<string, Set<string>>();
    for (const [k, cats] of facts) {
      const base = k.split('.')[0]!;
      if (check.params.includes(base)) {
        out.set(k, new Set([...(out.get(k) ?? []), ...cats]));
        continue;
      }
      let cur = base;
      let viaHost = false;
      for (let i = 0; i < 6 && !check.params.includes(cur); i++) {
        const h = check.hostOf.get(cur);
        const d = h === undefined ? check.derived.get(cur)?.split('.')[0] : undefined;
        if (h !== undefined) {
          cur = h.split('.')[0]!;
          viaHost = true;
        } else if (d !== undefined) cur = d;
        else break;
      }
      if (!viaHost || !check.params.includes(cur)) continue;
      const url = [...URL_CHECKED].filter((c) => cats.has('all') || cats.has(c));
      if (url.length) out.set(cur, new Set([...(out.get(cur) ?? []), ...url]));
    }
    return out;
  }

  private applyGuards(g: Map<string, Set<string>>, f: Frame): void {
    for (const [k, all] of g) {
      // (`flt.sort in ALLOWED` of an object nothing was assigned to field by field: the field is what the object carries)
      const dot = k.indexOf('.');
      const base = dot > 0 ? this.lookup(k.slice(0, dot), f) : undefined;
      const v = this.lookup(k, f) ?? (base && !isConst(base) ? carried(base) : undefined);
      if (!v) continue;
      const prefix = [...all].find((c) => c.startsWith(PREFIX_CAT))?.slice(PREFIX_CAT.length);
      const cats = new Set([...all].filter((c) => !c.startsWith(PREFIX_CAT)));
      const out = clear(v, cats);
      f.env.set(k, prefix !== undefined && isConst(out) ? { ...out, prefix } : out);
    }
  }
}

/** SQLAlchemy's text(): a statement object made from SQL text. */
const SQL_TEXT = /^(sqlalchemy\.(sql\.(expression\.)?)?)?text$/;

interface CallArgs {
  /** the object of a method call (`Path("/tmp/x")` in `Path("/tmp/x").write_text(s)`) */
  receiver?: { node: PyNode; val: Val };
  positional: Array<{ node: PyNode; val: Val }>;
  keywords: Map<string, { node: PyNode; val: Val }>;
  extra: Val[];
  /** what the `**mapping` arguments hold */
  splat?: Val;
}

const EMPTY_FRAME: Frame = { env: new Map(), fnName: '', htmlReturn: false };
const EMPTY_FRAME_WITH = (f: Frame | undefined): Frame => f ?? EMPTY_FRAME;
const BUILTIN_NAMES = new Set(['True', 'False', 'None', 'print', 'len', 'str', 'int', 'float', 'dict', 'list', 'set', 'tuple', 'range', 'open', 'object', 'super', 'type', 'isinstance', '__name__', '__file__']);


/** Top-level modules whose classes are not data models: `Popen(**kwargs)` assigns no fields. */
const NOT_MODEL_MODULES = new Set(['subprocess', 'threading', 'multiprocessing', 'logging', 'argparse', 'collections', 'datetime', 'pathlib', 'http', 'urllib', 'socket', 'ssl', 'json', 'email', 'smtplib', 'tempfile', 'concurrent', 'asyncio', 'requests', 'httpx', 'aiohttp', 'flask', 'werkzeug', 'jinja2', 'starlette', 'fastapi', 'click', 'typing', 'io', 'os', 'sys', 'shutil', 'zipfile', 'tarfile', 'queue', 'decimal', 'uuid', 're', 'functools', 'itertools', 'string', 'struct', 'unittest', 'xml', 'lxml', 'boto3', 'botocore', 'redis', 'celery', 'paramiko', 'ftplib', 'configparser', 'csv', 'sqlite3', 'hashlib', 'hmac', 'secrets', 'random', 'string', 'textwrap', 'traceback', 'warnings', 'weakref', 'contextlib', 'enum', 'numbers', 'operator', 'pprint', 'sched', 'selectors', 'signal', 'socketserver', 'timeit', 'tkinter', 'urllib3', 'yaml', 'jwt', 'cryptography', 'Crypto', 'Cryptodome', 'pandas', 'numpy', 'matplotlib']);

/** Environment lookups with a default (os, python-decouple, environs, django-environ). */
const ENV_GETTER = /(^|\.)(environ\.get|getenv|environ\.setdefault)$|^decouple\.config$|(^|\.)(Env|Environment)\(\)(\.(str|bool|int|get))?$/;

/** An environment default as the value it stands for: `"True"` / `"1"` switch a flag on as much as `True`. */
function envLiteral(l: Literal): Literal {
  if (l.ok && typeof l.value === 'string' && /^(true|yes|on|1)$/i.test(l.value)) return { ok: true, value: true };
  return l;
}

/** Names assigned by the statements at a module's top level. */
/** Classes of the module that subclass an Enum (`class Department(str, Enum)`): their members are a closed set. */
function enumClasses(root: PyNode, text: string): Set<string> {
  const out = new Set<string>();
  for (const s0 of named(root)) {
    const s = s0.type === 'decorated_definition' ? named(s0).find((k) => k.type === 'class_definition') : s0;
    if (s?.type !== 'class_definition') continue;
    const kids = named(s);
    const name = kids.find((k) => k.type === 'identifier');
    const bases = kids.find((k) => k.type === 'argument_list');
    if (!name || !bases) continue;
    if (named(bases).some((b) => /(^|\.)(Enum|IntEnum|StrEnum|Flag|IntFlag)$/.test(text.slice(b.start, b.end)))) out.add(text.slice(name.start, name.end));
  }
  return out;
}

/** A `pattern=`/`regex=` keyword whose regex is anchored at both ends (`r"^[A-Z]{3}$"`). */
function anchoredPattern(args: string): boolean {
  return /\b(regex|pattern)\s*=\s*[rR]?(["'])(\^|\\A)[^"']*(\$|\\Z|\\z)\2/.test(args);
}

/** A dict literal whose every value is a literal or a list/tuple of literals (`{"up": ["systemctl", "start"]}`). */
function isLiteralDict(n: PyNode, text: string): boolean {
  if (n.type !== 'dictionary') return false;
  const pairs = named(n).filter((p) => p.type !== 'comment');
  const lit = (v: PyNode | undefined): boolean =>
    !!v && (literalOf(v, text).ok || ((v.type === 'list' || v.type === 'tuple') && named(v).every((x) => x.type === 'comment' || literalOf(x, text).ok)));
  return pairs.length > 0 && pairs.every((p) => p.type === 'pair' && lit(named(p)[1]));
}

function topLevelNames(root: PyNode, text: string): Set<string> {
  const out = new Set<string>();
  for (const s of named(root)) {
    if (s.type !== 'expression_statement') continue;
    for (const a of named(s)) {
      const left = a.type === 'assignment' || a.type === 'augmented_assignment' ? named(a)[0] : undefined;
      if (left?.type === 'identifier') out.add(text.slice(left.start, left.end));
    }
  }
  return out;
}

/**
 * `REGISTRY = {"search": search_documents, "tabulate": tabulate}` at the module's top (a dict literal; `dict(…)` calls
 * are not read): the functions of the module it holds (`isFunction`), or undefined when `name` is no such table.
 */
function functionTable(root: PyNode, name: string, text: string, isFunction: (name: string) => boolean): string[] | undefined {
  let out: string[] | undefined;
  for (const s of named(root)) {
    if (s.type !== 'expression_statement') continue;
    for (const a of named(s)) {
      const [left, right] = a.type === 'assignment' ? named(a) : [];
      if (left?.type !== 'identifier' || text.slice(left.start, left.end) !== name || !right) continue;
      const values = right.type === 'dictionary' ? named(right).flatMap((p) => (p.type === 'pair' ? [named(p)[1]] : [])) : [];
      const fns = values.flatMap((v) => (v?.type === 'identifier' && isFunction(text.slice(v.start, v.end)) ? [text.slice(v.start, v.end)] : []));
      out = fns.length ? fns : undefined;
    }
  }
  return out;
}

function lastName(dotted: string): string {
  return dotted.slice(dotted.lastIndexOf('.') + 1);
}

/** The innermost call whose argument list holds this node, within the same statement. */
function enclosingCall(n: PyNode): PyNode | undefined {
  for (let p = n.parent; p && !p.type.endsWith('_statement') && p.type !== 'block'; p = p.parent) if (p.type === 'call') return p;
  return undefined;
}

export type Literal = { ok: true; value: string | number | boolean | null } | { ok: false };

/** The value of a literal node (strings without interpolation, numbers, True/False/None). */
export function literalOf(n: PyNode, text: string): Literal {
  switch (n.type) {
    case 'true':
      return { ok: true, value: true };
    case 'false':
      return { ok: true, value: false };
    case 'none':
      return { ok: true, value: null };
    case 'integer': {
      const v = Number(text.slice(n.start, n.end).replace(/_/g, ''));
      return Number.isFinite(v) ? { ok: true, value: v } : { ok: false };
    }
    case 'float':
      return { ok: true, value: Number(text.slice(n.start, n.end).replace(/_/g, '')) };
    case 'string': {
      let s = '';
      for (const c of n.children) {
        if (c.type === 'interpolation') return { ok: false };
        if (c.type === 'string_content' || c.type === 'escape_sequence') s += text.slice(c.start, c.end);
      }
      return { ok: true, value: s };
    }
    case 'concatenated_string': {
      let s = '';
      for (const c of named(n)) {
        const l = literalOf(c, text);
        if (!l.ok || typeof l.value !== 'string') return { ok: false };
        s += l.value;
      }
      return { ok: true, value: s };
    }
    case 'parenthesized_expression':
      return named(n)[0] ? literalOf(named(n)[0]!, text) : { ok: false };
    default:
      return { ok: false };
  }
}

/** The outermost named nodes of this type in `n` (`n` itself if it is one): not searched inside. */
/**
 * `async def _offload(func, *args): return await loop.run_in_executor(None, func, *args)`: module functions whose first
 * parameter is handed to a dispatcher (DISPATCHERS) together with their `*args` - a call of one is a dispatch of its
 * first argument with the rest.
 */
function dispatchWrappers(root: PyNode, text: string): Set<string> {
  const out = new Set<string>();
  for (const top of named(root)) {
    const def = top.type === 'decorated_definition' ? named(top).find((c) => c.type === 'function_definition') : top;
    if (def?.type !== 'function_definition') continue;
    const [name, params, ...rest] = named(def);
    const list = params ? named(params) : [];
    const first = list[0]?.type === 'identifier' ? text.slice(list[0].start, list[0].end) : undefined;
    const splat = list.find((p) => p.type === 'list_splat_pattern');
    const star = splat ? text.slice(splat.start, splat.end).replace(/^\*/, '') : undefined;
    const body = rest[rest.length - 1];
    if (!name || !first || !star || !body) continue;
    const hands = nodesOfType(body, 'call').some((c) => {
      const callee = named(c)[0];
      const last = callee ? text.slice(callee.start, callee.end).split('.').pop()! : '';
      const argText = named(c)[1] ? text.slice(named(c)[1]!.start, named(c)[1]!.end) : '';
      return DISPATCHERS.has(last) && new RegExp(`\\b${first}\\b`).test(argText) && argText.includes(`*${star}`);
    });
    if (hands) out.add(text.slice(name.start, name.end));
  }
  return out;
}

function nodesOfType(n: PyNode, type: string): PyNode[] {
  const out: PyNode[] = [];
  const walk = (x: PyNode) => {
    if (x.type === type) out.push(x);
    else for (const c of x.children) if (c.named) walk(c);
  };
  walk(n);
  return out;
}

/** An identifier that names a called function or an attribute (`urlparse` in urlparse(u), `hostname` in p.hostname). */
function isCallee(id: PyNode): boolean {
  const p = id.parent;
  if (!p) return false;
  if (p.type === 'call' && named(p)[0] === id) return true;
  if (p.type === 'attribute' && named(p)[1] === id) return true;
  return false;
}

function identifiers(n: PyNode, text: string): string[] {
  const out: string[] = [];
  const walk = (x: PyNode) => {
    if (x.type === 'identifier') out.push(text.slice(x.start, x.end));
    for (const c of x.children) walk(c);
  };
  walk(n);
  return out;
}

/** The string keys `n` reads by subscript (`form["password"]`, `data.get` is not one). */
function subscriptKeys(n: PyNode, text: string): string[] {
  const out: string[] = [];
  for (const sub of nodesOfType(n, 'subscript')) {
    const key = named(sub)[1];
    const lit = key ? literalOf(key, text) : undefined;
    if (lit?.ok && typeof lit.value === 'string') out.push(lit.value);
  }
  return out;
}

/** Where a call to a helper of the file is: from the method name on (`self.helper(...)`), so a receiver on an earlier line does not count. */
function callSite(n: PyNode, fn: PyNode): { start: number; end: number } {
  const attr = fn.type === 'attribute' ? named(fn)[1] : undefined;
  return attr ? { start: attr.start, end: n.end } : { start: n.start, end: n.end };
}

/** The function a decorator (or a name inside one) decorates, if `n` is in a decorator. */
function decoratedFunction(n: PyNode): PyNode | undefined {
  let x: PyNode | undefined = n;
  while (x && x.type !== 'decorator') {
    if (x.type === 'function_definition' || x.type === 'class_definition' || x.type === 'module') return undefined;
    x = x.parent;
  }
  const def = x?.parent?.type === 'decorated_definition' ? named(x.parent).find((k) => k.type === 'function_definition') : undefined;
  return def;
}

/** Whether `n` is (part of) what a `return` statement hands back. */
function inReturn(n: PyNode): boolean {
  for (let x = n.parent; x; x = x.parent) {
    if (x.type === 'return_statement') return true;
    if (x.type.endsWith('_statement') || x.type === 'function_definition' || x.type === 'block') return false;
  }
  return false;
}

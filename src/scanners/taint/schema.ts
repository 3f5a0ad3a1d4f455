import { z } from 'zod';
import { SEVERITIES } from '../../core/types.js';

/**
 * The schema of a taint-scanner rule file (`rules/python/*.yaml`,
 * `rules/js/*.yaml`): rules, sources, sanitisers, and the framework knowledge a
 * front end needs (route decorators, safe parameter types, validators). Unknown
 * fields are errors: a typo such as `keyword:` must not silently widen or
 * disable a rule. See docs/python-rules.md for what each field means.
 */

/** Taint categories: a sanitizer clears some of them, a taint rule checks one. */
export const CATEGORIES = ['sql', 'xss', 'path', 'cmd', 'code', 'ssrf', 'xxe', 'nosql', 'redirect', 'prototype', 'regex', 'deserialization', 'cors', 'ldap', 'mass-assignment', 'xpath', 'reflection'] as const;

/**
 * The schemas, built on first use: only a user rule file (or a built-in one edited after the
 * build) is validated at run time; building them is ~3 ms of an agent hook that needs none.
 */
function buildSchemas() {
  const literal = z.union([z.string(), z.number(), z.boolean(), z.null()]);
  const category = z.enum(CATEGORIES);
  /** Functions known by their names' shape (a regex) and the categories they make safe. */
  const namedClearing = z.array(z.strictObject({ names: z.string(), clears: z.array(category).min(1) })).default([]);

  /** A condition on one argument of a call (by keyword first, then by position), or on any argument. */
  const argConditionSchema = z.strictObject({
    index: z.number().int().min(0).optional(),
    keyword: z.string().optional(),
    /** Test the object of the method call instead of an argument (`Path("/tmp/x")` in `Path("/tmp/x").write_text(s)`). */
    receiver: z.boolean().optional(),
    /** Apply to every argument: holds when one of them satisfies the condition. */
    any: z.boolean().optional(),
    /** Holds when the argument is not given at all. */
    absent: z.boolean().optional(),
    /** The argument is this literal (True/False/None/number/string). */
    equals: literal.optional(),
    /** The argument is a string literal matching this regex. */
    matches: z.string().optional(),
    /**
     * The argument is text whose constant start matches this regex: a string literal, or a value
     * (variable, f-string, concatenation) whose leading constant part is known (`f"/tmp/{name}"`).
     */
    'starts-with': z.string().optional(),
    /** The argument's source text matches this regex (a dict or list literal: `options={"verify_signature": False}`). */
    text: z.string().optional(),
    /** The argument carries untrusted data (a request string is not a Mongo collection: `name.find(x)`). */
    untrusted: z.boolean().optional(),
    /** The argument is a number literal smaller than this. */
    'less-than': z.number().optional(),
    /** The argument names one of these (qualified, `*.X` for any prefix). */
    reference: z.array(z.string()).optional(),
    /** The argument is a list or tuple whose first item is a string literal matching this regex (`["sh", "-c", ...]`). */
    'list-head': z.string().optional(),
    /** The argument is a non-empty literal (string or number). */
    literal: z.boolean().optional(),
    /** The argument's value is a constant: a literal, or a name only ever bound to constants (`shelve.open(CACHE_DB)`). */
    constant: z.boolean().optional(),
    /** Invert the condition (after all of the above). */
    negate: z.boolean().default(false),
  });

  const common = {
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case letters, digits, dot, dash and underscore'),
    description: z.string().min(1),
    message: z.string().min(1),
    severity: z.enum(SEVERITIES),
    cwe: z.array(z.string().regex(/^CWE-\d+$/, 'CWE-<number>')).min(1),
    tags: z.array(z.string()).default([]),
    fix: z.string().optional(),
    /** Only files whose path matches one of these globs. */
    paths: z.array(z.string()).optional(),
    /** Not in files whose path matches one of these globs (test settings that turn DEBUG on on purpose). */
    'exclude-paths': z.array(z.string()).optional(),
  };

  const sinkSchema = z.strictObject({
    call: z.array(z.string()).min(1).optional(),
    /** A `return` in a route handler of a framework whose string responses are HTML (Flask, Django). */
    return: z.boolean().optional(),
    /** What a function or method of one of these names returns (Django's `get_success_url`: the framework redirects to it). */
    'return-of': z.array(z.string()).min(1).optional(),
    /** An assignment to one of these (`*.innerHTML`, `location.href`; in JS also an object property or JSX attribute of that name). */
    assign: z.array(z.string()).min(1).optional(),
    /** An assignment `obj[key] = value` with an untrusted key, nested (`obj[a][b] = v`) or with an untrusted value: prototype pollution. */
    'computed-member': z.boolean().optional(),
    /** The sink takes text: an object or array literal, or the result of a call nobody knows, is not the text itself. */
    text: z.boolean().default(false),
    args: z.array(z.number().int().min(0)).default([]),
    /** Keyword arguments that are sink positions; `'*'` for every keyword (template variables). */
    keywords: z.array(z.string()).default([]),
    /** The object of the method call is the sink (`Path(p).read_text()`). */
    receiver: z.boolean().default(false),
    /**
     * tainted: data from a source reaches it; dynamic: also text built (f-string, %, +, format, join) from
     * non-constant parts; non-constant: also any value that is not a constant.
     */
    mode: z.enum(['tainted', 'dynamic', 'non-constant']).default('tainted'),
    /**
     * Also a parameter of an exported function (or a method of an exported class) reaching the sink as it
     * is: a helper whose callers live in other files (`export function fetchPreview(url) { return fetch(url) }`),
     * where what it is given cannot be seen (lower severity).
     */
    parameters: z.boolean().default(false),
    /** Conditions on the call that must all hold (e.g. shell=True). */
    when: z.array(argConditionSchema).default([]),
    /** The sink is safe when the value starts with constant text matching this (e.g. a fixed URL host). */
    'safe-prefix': z.string().optional(),
    /** Only when the value starts with constant text matching this (a `body:` property holding HTML starts with `<`). */
    prefix: z.string().optional(),
    /** Extra CWEs for findings at this sink (template injection is also CWE-1336). */
    cwe: z.array(z.string().regex(/^CWE-\d+$/)).optional(),
    /** Only in files that import one of these modules (`*.find` is a Mongo query only next to pymongo). */
    imports: z.array(z.string()).optional(),
    /**
     * JS: the bare names of `call` also match a function of the file so named (a wrapper of the library call, handed
     * the library's options: `search(client, { filter })`). Otherwise a function of the file is analysed as a helper,
     * never taken for a library's function of the same name.
     */
    wrappers: z.boolean().optional(),
    /**
     * JS: an object literal at the sink position whose untrusted values all sit under these keys is not a
     * finding (`updateOne({ _id: req.body.id })` picks one document, as `findById` does).
     */
    'except-keys': z.array(z.string()).min(1).optional(),
    /** The whole response body: JSON text passed alone (a sanitizer with `json`) is data to its client, not markup. */
    'json-body': z.boolean().default(false),
    /**
     * A value checked for one of these other categories is safe here too: a URL checked to start with a fixed host
     * (clean of `redirect`) is a safe resource URL for Angular's `bypassSecurityTrustResourceUrl`; a value that cannot
     * be an object (`no-operators`: `String(x)`, a string method's result) is safe in a MongoDB query object.
     */
    'clean-of-any': z.array(z.union([category, z.literal('no-operators'), z.literal('scheme')])).min(1).optional(),
    /** JS: not inside a function whose text matches this regex (a headless page whose scripts were switched off first). */
    'unless-in-function': z.string().optional(),
  });

  const taintRuleSchema = z.strictObject({
    ...common,
    kind: z.literal('taint'),
    category,
    /** Whether data from the local user (sys.argv, input()) counts: not for paths or URLs a CLI is asked to open. */
    'local-sources': z.boolean().default(true),
    sinks: z.array(sinkSchema).min(1),
  });

  const patternSchema = z.strictObject({
    call: z.array(z.string()).min(1).optional(),
    /** Calls that `call` would match but that are something else (`jwt.decode(verify=False)` is not TLS). */
    'exclude-call': z.array(z.string()).optional(),
    /** Any use of one of these names that is not itself called (ssl.PROTOCOL_TLSv1). */
    reference: z.array(z.string()).min(1).optional(),
    /** An `assert` statement (Python): with `mentions`, one whose condition names one of those identifiers (`assert user.is_admin`). */
    assert: z.literal(true).optional(),
    /**
     * JS: a call of the callback a listener is handed (`callback(true)` in `app.on('certificate-error', (event, wc, url,
     * error, cert, callback) => …)`): `call` registers the listener, `event` matches its first argument, `param` is the
     * callback's position among the listener's parameters.
     */
    'callback-of': z.strictObject({ call: z.array(z.string()).min(1), event: z.string().optional(), param: z.number().int().min(0) }).optional(),
    /**
     * For `call` (Python): when the call's result is kept in a variable that a later call of the same function
     * matching one of these names is handed (`parser = etree.XMLParser(…)` … `etree.fromstring(data, parser)`), the
     * finding goes on that call: that is where the setting takes effect. A value the function never uses so (a
     * module's parser, one it returns) is reported where it is made.
     */
    'reported-at-use': z.array(z.string()).min(1).optional(),
    /** An assignment whose target is one of these (`DEBUG`, `*.check_hostname`, `*.config[DEBUG]`). */
    assign: z.array(z.string()).min(1).optional(),
    /** For `assign`: the assigned value is this literal. */
    value: literal.optional(),
    /** For `assign`: a string literal inside the assigned value (a list item, a dict value) matches this regex; the finding goes on its line. */
    'value-item': z.string().optional(),
    /** For `assign`: the assigned value's source text (a template literal, a concatenation) matches this regex. */
    'value-text': z.string().optional(),
    args: z.array(argConditionSchema).default([]),
    /** Regex matched against names around the call: the enclosing function, the assignment target, the keyword; for an `assign` pattern, the class whose body holds the assignment. */
    context: z.string().optional(),
    /** For `assign`: not in a class whose name or bases match this regex (`class TestingConfig:` may switch CSRF off). For a call pattern: not when a name around the call (as for `context`; in JS in snake_case) matches it (`element_id`, Python `barcode`). */
    'exclude-context': z.string().optional(),
    /**
     * Not when the statement right after matches this regex (Python `ctx.check_hostname = False` followed by
     * `ctx.verify_mode = ssl.CERT_NONE`: the step that the next line's finding requires, one flaw reported once).
     */
    'unless-next': z.string().optional(),
    /**
     * Not when the code after the match in its block matches this regex (and the call's result is not returned):
     * `jwt.get_unverified_claims(token)["iss"]` to find the issuer's keys, the token then verified with
     * `jwt.decode(token, keys, …)`. On a decorator's `reference`, the whole decorated function is read
     * (`@csrf_exempt` over a view that checks a signature).
     */
    'unless-in-function': z.string().optional(),
    /**
     * Not inside a branch whose condition's text matches this regex: an `if`, a conditional expression, or the
     * right side of `&&` / `and` (`if (process.env.NODE_ENV === 'development') app.use(errorhandler())`).
     */
    'unless-guarded': z.string().optional(),
    /** Regex matched against the identifiers used in the call's arguments. */
    mentions: z.string().optional(),
    /** Only when the file imports one of these modules. */
    imports: z.array(z.string()).optional(),
    /** Only in a module that assigns one of these names at its top level (a Django settings module: `INSTALLED_APPS`). */
    'module-defines': z.array(z.string()).min(1).optional(),
    /** Extra CWEs for findings of this pattern. */
    cwe: z.array(z.string().regex(/^CWE-\d+$/)).optional(),
  });

  const patternRuleSchema = z.strictObject({
    ...common,
    kind: z.literal('pattern'),
    patterns: z.array(patternSchema).min(1),
  });

  const credentialRuleSchema = z.strictObject({
    ...common,
    kind: z.literal('credentials'),
    /** Regex for names that hold credentials (variables, settings, keywords, dict keys, parameters). */
    names: z.string(),
    /** Regex for names that look like credentials but are not (PASSWORD_FIELD, TOKEN_URL). */
    'exclude-names': z.string().optional(),
    /** Regex for literal values that are placeholders, not credentials. */
    placeholders: z.string().optional(),
    /** Calls whose positional arguments are credentials whatever the names (`smtp.login(user, "pw")`). */
    /** Regex for URLs with a password in them (`postgres://app:pw@db/x`); group 1 is the password. */
    'url-credentials': z.string().optional(),
    /** Names that need a value matching `strict-values` (a bare `token` is often a parser token, not a secret). */
    'strict-names': z.string().optional(),
    'strict-values': z.string().optional(),
    calls: z
      .array(
        z.strictObject({
          call: z.array(z.string()).min(1),
          args: z.array(z.number().int().min(0)).default([]),
          keywords: z.array(z.string()).default([]),
          /**
           * The positional argument whose string literal names the value (`os.environ.get("DB_PASSWORD", "…")`,
           * `add_argument("--password", default="…")`): `args`/`keywords` count only when that name is a
           * credential name. Python front end only.
           */
          'name-arg': z.number().int().min(0).optional(),
        }),
      )
      .default([]),
  });

  const ruleSchema = z.discriminatedUnion('kind', [taintRuleSchema, patternRuleSchema, credentialRuleSchema]);

  const sourceSchema = z.strictObject({
    /** Dotted names: an expression naming one of these, or anything under it, is untrusted. */
    names: z.array(z.string()).min(1),
    /** Input from the person running the program (argv, input()): rules with `local-sources: false` ignore it. */
    local: z.boolean().default(false),
    /** Only for rules of these categories (archive member names are untrusted paths, not untrusted XML). */
    categories: z.array(category).optional(),
    /**
     * Only ever strings (a query string's or a form's fields, headers, cookies): never an object, so never a MongoDB
     * operator object in a query's values (the `no-operators` mark; see `clean-of-any`). Their keys still are the
     * client's: a whole mapping of them is judged as any other.
     */
    strings: z.boolean().optional(),
    /** Properties under these names that the framework sets, not the sender (multer's `req.file.path`: where it stored the upload). */
    'safe-properties': z.array(z.string()).optional(),
    /**
     * ...only in a file whose code matches this regex (one that shows how multer stores files: `multer({ dest })`, a
     * `diskStorage`); elsewhere the storage is out of sight and may name files after the client's name.
     */
    'safe-if': z.string().optional(),
    /** ...and not in a file whose code matches this regex (a multer storage naming files after `originalname`). */
    'safe-unless': z.string().optional(),
    description: z.string().optional(),
  });

  const sanitizerSchema = z.strictObject({
    call: z.array(z.string()).min(1),
    /** Categories this call makes safe; `all` for conversions such as int(). None only with `json`. */
    clears: z.array(z.union([category, z.literal('all'), z.literal('path-normalized'), z.literal('no-operators')])),
    /** Sanitizes the method's object rather than its arguments. */
    receiver: z.boolean().default(false),
    /** Not a sanitiser when one of these holds (`format('… %s', x)` pastes x unquoted). */
    unless: z.array(argConditionSchema).default([]),
    /** Its result is JSON text: safe as a whole response body (a sink with `json-body`), not inside markup. */
    json: z.boolean().default(false),
    /**
     * Only these positional arguments' data stays in the result; the others are escaped into it (`mysql.format(sql,
     * values)`: the SQL text is kept as it is, the values are quoted).
     */
    keeps: z.array(z.number().int().min(0)).min(1).optional(),
  }).refine((s) => s.clears.length > 0 || s.json || !!s.keeps, { message: 'a sanitizer clears at least one category (or marks JSON text with json: true, or keeps some arguments)', path: ['clears'] });

  /** Framework knowledge a front end reads: none of it is hard-coded in the analysis. */
  const knowledge = {
    /** Decorator names (last segment) that mark a route handler, whose parameters are untrusted. */
    'route-decorators': z.array(z.string()).default([]),
    /** Decorators on a parameter that make it request data (NestJS `@Query()`, `@Body()`). */
    'parameter-decorators': z.array(z.string()).default([]),
    /** Regexes for parameter type annotations that cannot carry text (`int`, `uuid.UUID`, `number`): such a parameter is a constant. */
    'safe-parameter-types': z.array(z.string()).default([]),
    /** Parameter names of a handler that are not request data (`self`, `db`, `session`). */
    'non-data-parameters': z.array(z.string()).default([]),
    /**
     * Base classes of request models (pydantic `BaseModel`): a handler parameter typed with a class of the
     * file derived from one is the request's body, even under a name `non-data-parameters` lists (`req`).
     */
    'request-model-bases': z.array(z.string()).default([]),
    /** Calls whose use as a parameter default injects a dependency, not request data (FastAPI `Depends`). */
    'injected-defaults': z.array(z.string()).default([]),
    /** Route-path converters that only match numbers or ids (`<int:id>`): such a parameter is a constant. */
    'safe-path-converters': z.array(z.string()).default([]),
    /** Regexes on a called function's last name: a true call proves its arguments safe for paths and URLs (`is_within_directory(base, p)`). */
    'guard-functions': z.array(z.string()).default([]),
    /** Methods whose truth proves their object holds no dangerous text (`name.isdigit()`). */
    'validator-methods': z.array(z.string()).default([]),
    /** Library calls that give a constant when given constants (a value object: psycopg's `sql.SQL("DESC")`), by qualified name. */
    'constant-calls': z.array(z.string()).default([]),
    /** Regex for names of predicate functions whose truth proves their first argument safe (`isAllowedUrl`). */
    'validator-names': z.string().optional(),
    /** Regex for names of functions whose result is clean for every rule (`safeRedirect(x)`, `sanitizeNext(x)`): named for it, often defined in another file. */
    'sanitizer-names': z.string().optional(),
    /**
     * Functions named for making their argument safe for some categories only (`resolveInside(root, name)`: a path
     * under the root, still any text a name may hold; `assertPublicUrl(u)`: a URL to a public host): `names` is a regex.
     */
    'named-sanitizers': namedClearing,
    /** Predicates named for a check that proves their first argument safe for some categories only (`isRelativeRedirect(u)`). */
    'named-validators': namedClearing,
    /** Regex for receivers whose `.on(event, handler)` handlers get a peer's messages (`socket`, `ws`). */
    'message-receivers': z.string().optional(),
    /** Events of those receivers that carry no peer data (`connection`, `close`). */
    'lifecycle-events': z.array(z.string()).default([]),
    /**
     * A module-level function whose parameters are exactly these names is an event handler (AWS Lambda
     * `(event, context)`): its parameters are request data (names the non-data list holds excepted), and
     * what it returns is a response object, not HTML.
     */
    'event-handler-parameters': z.array(z.string()).default([]),
    /** Decorators (last name) of functions whose parameters are message data, not HTML responses (Celery `@shared_task`). */
    'message-decorators': z.array(z.string()).default([]),
    /** Decorators (last name) of command-line commands (Click, Typer): their parameters are the local user's input, as sys.argv is. */
    'command-decorators': z.array(z.string()).default([]),
    /** Modules whose `command-decorators` are chat commands (discord.py, Slack Bolt): in a file importing one, a command's parameters are what a remote user typed, not the local user's input. */
    'remote-command-imports': z.array(z.string()).default([]),
    /** Decorators (last name) of functions an AI model calls as tools (LangChain `@tool`, MCP `@mcp.tool()`): the model chose the arguments, and a prompt injection can choose them for it. */
    'tool-decorators': z.array(z.string()).default([]),
    /** Methods whose parameters (after the framework's own) are request data: `methods` regex on the name, in classes whose base matches `bases` (any class without it). */
    'handler-methods': z
      .array(
        z.strictObject({
          methods: z.string(),
          bases: z.string().optional(),
          /** Attributes of `self` that hold request data in every method of such a class (`self.kwargs` of a Django view). */
          attributes: z.array(z.string()).default([]),
          /** Whether a string the method returns is an HTML response (false for GraphQL resolvers: their results go out as JSON). */
          'html-returns': z.boolean().default(true),
          /** Parameters that hold the client's data in such a method even where the name usually means a framework object (gRPC's `request` message). */
          'data-parameters': z.array(z.string()).default([]),
        }),
      )
      .default([]),
    /** Decorators (last name) of a model's field validators, naming the fields they check (pydantic `@validator("x")`, marshmallow `@validates("x")`). */
    'field-validators': z.array(z.string()).default([]),
    /** Parameter defaults that validate the value against their `pattern=`/`regex=` keyword (FastAPI `Query(..., pattern="^[A-Z]{3}$")`): with an anchored pattern, the parameter is a constant. */
    'pattern-defaults': z.array(z.string()).default([]),
    /** Field constructors (last name) of form/serializer/schema classes whose cleaned value cannot carry text (`IntegerField`, `ChoiceField`). */
    'typed-fields': z.array(z.string()).default([]),
    /** Attributes holding a form's or serializer's cleaned values by field name (`cleaned_data`, `validated_data`). */
    'validated-data-attributes': z.array(z.string()).default([]),
    /** Categories for which the parameters of a message handler (`message-decorators`) are not untrusted: the application enqueued them (a task given a path reads that path). */
    'message-parameters-clean-for': z.array(z.string()).default([]),
    /** Calls that never return (`abort()`, `process.exit()`): a branch ending in one leaves. */
    'exit-calls': z.array(z.string()).default([]),
    /** Calls that throw unless their first argument holds (`assert(ok)`, Koa's `ctx.assert(ok, 400)`): a guard, as `if (!ok) throw` is. */
    'assert-calls': z.array(z.string()).default([]),
    /**
     * Calls that register a callback whose parameters are untrusted (`ipcMain.handle('ch', (event, arg) => …)`,
     * `webContents.setWindowOpenHandler(({ url }) => …)`): the callback at `callback` gets untrusted `params`.
     */
    'callback-sources': z
      .array(
        z.strictObject({
          description: z.string().optional(),
          call: z.array(z.string()).min(1),
          /**
           * Only when the first argument names an event matching this regex: a string literal, or a constant's member
           * (`Events.MessageCreate` is read as `MessageCreate`).
           */
          event: z.string().optional(),
          callback: z.number().int().min(0),
          params: z.array(z.number().int().min(0)).min(1),
          /** What they are given holds only strings where it holds the sender's data: never a MongoDB operator object. */
          strings: z.boolean().optional(),
          /** Only for rules of these categories (an archive entry's name is an untrusted path, not untrusted HTML). */
          categories: z.array(category).optional(),
          /** Properties of the given value that the framework sets, not the sender (a BullMQ job's `id`, `name`). */
          'safe-properties': z.array(z.string()).optional(),
          /**
           * The parameters are not untrusted as a whole: they are read as this name (`req`), so the source names under
           * it apply (`r.query` is `req.query`; `r.user`, set by the application's own middleware, is not).
           */
          as: z.string().optional(),
        }),
      )
      .default([]),
    /** Object properties holding a message handler (kafkajs `consumer.run({ eachMessage: async ({ message }) => … })`): its parameters are messages. */
    'message-handler-properties': z.array(z.string()).default([]),
    /** Regex for a parameter's type annotation that makes the whole parameter request data (`APIGatewayProxyEvent`). */
    'request-parameter-types': z.string().optional(),
    /** A route handler's returned string is an HTML response, unless the file imports one of these (FastAPI returns JSON). */
    'html-returns-unless-imports': z.array(z.string()).default([]),
    /**
     * Regexes on a route decorator's text that declare its responses HTML in a framework whose routes
     * return JSON (Litestar `media_type=MediaType.HTML`, FastAPI `response_class=HTMLResponse`).
     */
    'html-route-arguments': z.array(z.string()).default([]),
    /**
     * Decorators (last name) that make a function a handler of what a client sent, in files importing one of
     * `imports` (Socket.IO `@socketio.on("join")`, Dash `@callback(Output(…), Input(…))`): its parameters are
     * the client's data, and what it returns goes back as data (JSON, components), not as an HTML page.
     */
    'event-decorators': z
      .array(
        z.strictObject({
          names: z.array(z.string()).min(1),
          imports: z.array(z.string()).min(1),
        }),
      )
      .default([]),
    /**
     * Calls that register a function of the file as a handler of what a user sends (Gradio `btn.click(fn, inputs=…)`,
     * `gr.Interface(fn=…)`), or attributes a handler is assigned to (paho-mqtt's `client.on_message = on_message`), in
     * files importing one of `imports`: the function's parameters are untrusted.
     */
    'handler-registrations': z
      .array(
        z
          .strictObject({
            /** Calls by last name (`click`) or qualified name (`gradio.Interface`). */
            calls: z.array(z.string()).min(1).optional(),
            /** Attributes by name (`on_message`): `obj.on_message = handler`. */
            attributes: z.array(z.string()).min(1).optional(),
            imports: z.array(z.string()).min(1),
            /** Where the handler is in the call: a positional index and/or a keyword. */
            index: z.number().int().min(0).default(0),
            keyword: z.string().optional(),
          })
          .refine((r) => !!r.calls !== !!r.attributes, { message: 'a handler registration names either calls or attributes' }),
      )
      .default([]),
    /** When the file imports one of these, a function whose first parameter is `request` is a view (Django). */
    'request-views-when-imports': z.array(z.string()).default([]),
  };

  /** The schema of one scanner's rule files. */
  /** The schema of one scanner's rule files. */
  const ruleFileSchema = <S extends string>(scanner: S) =>
    z.strictObject({
      scanner: z.literal(scanner).optional(),
      description: z.string().optional(),
      sources: z.array(sourceSchema).default([]),
      sanitizers: z.array(sanitizerSchema).default([]),
      ...knowledge,
      rules: z.array(ruleSchema).default([]),
    });
  return { argConditionSchema, sinkSchema, taintRuleSchema, patternSchema, patternRuleSchema, credentialRuleSchema, ruleSchema, sourceSchema, sanitizerSchema, knowledge, ruleFileSchema };
}

type Schemas = ReturnType<typeof buildSchemas>;
let schemas: Schemas | undefined;

/** The schema of one scanner's rule files. */
export function ruleFileSchema<S extends string>(scanner: S) {
  return (schemas ??= buildSchemas()).ruleFileSchema(scanner);
}

export type RuleFileSpec = z.infer<ReturnType<typeof ruleFileSchema>>;
export type KnowledgeSpec = { [K in keyof Schemas['knowledge']]: z.infer<Schemas['knowledge'][K]> };

export type ArgCondition = z.infer<Schemas['argConditionSchema']>;
export type SinkSpec = z.infer<Schemas['sinkSchema']>;
export type TaintRuleSpec = z.infer<Schemas['taintRuleSchema']>;
export type PatternSpec = z.infer<Schemas['patternSchema']>;
export type PatternRuleSpec = z.infer<Schemas['patternRuleSchema']>;
export type CredentialRuleSpec = z.infer<Schemas['credentialRuleSchema']>;
export type RuleSpec = z.infer<Schemas['ruleSchema']>;
export type Category = (typeof CATEGORIES)[number];

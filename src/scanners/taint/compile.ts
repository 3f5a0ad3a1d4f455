import { compiledGateTables } from '../../config/builtin-rules.js';
import { compileRuleRegex } from '../../config/regex-safety.js';
import { ruleFileError } from '../../config/schema-errors.js';
import type { RuleFile } from '../../config/rule-files.js';
import { MsoError } from '../../core/errors.js';
import { globMatcher } from '../../core/glob.js';
import type { RuleDescriptor, Severity } from '../../core/types.js';
import { NameIndex, NameSet } from './names.js';
import type { z } from 'zod';
import { ruleFileSchema, type ArgCondition, type Category, type RuleSpec } from './schema.js';

/** Taint-scanner rules ready to run: names compiled into sets, regexes checked for backtracking. */
export interface CompiledArgCondition extends Omit<ArgCondition, 'matches' | 'reference' | 'list-head' | 'starts-with' | 'text'> {
  matches?: RegExp;
  text?: RegExp;
  startsWith?: RegExp;
  listHead?: RegExp;
  reference?: NameSet;
}

export interface RuleMeta {
  id: string;
  description: string;
  message: string;
  severity: Severity;
  cwe: string[];
  tags: string[];
  fix?: string;
  pathFilter?: (path: string) => boolean;
}

export interface CompiledSink {
  call?: NameSet;
  return: boolean;
  /** a `return` in a function or method of one of these names */
  returnOf?: Set<string>;
  assign?: NameSet;
  computedMember: boolean;
  text: boolean;
  args: number[];
  keywords: string[];
  receiver: boolean;
  mode: 'tainted' | 'dynamic' | 'non-constant';
  /** also an exported function's parameter as it is (schema.ts) */
  parameters: boolean;
  when: CompiledArgCondition[];
  safePrefix?: RegExp;
  prefix?: RegExp;
  cwe?: string[];
  imports?: string[];
  /** schema.ts `wrappers` */
  wrappers?: boolean;
  exceptKeys?: ReadonlySet<string>;
  jsonBody: boolean;
  /** Other categories a value may be clean of to be safe here. */
  cleanOfAny?: readonly string[];
  /** not inside a function whose text matches (schema.ts `unless-in-function`) */
  unlessInFunction?: RegExp;
}

export interface TaintRule extends RuleMeta {
  kind: 'taint';
  category: Category;
  localSources: boolean;
  sinks: CompiledSink[];
}

export interface CompiledPattern {
  call?: NameSet;
  excludeCall?: NameSet;
  reference?: NameSet;
  assign?: NameSet;
  value?: string | number | boolean | null;
  valueItem?: RegExp;
  valueText?: RegExp;
  args: CompiledArgCondition[];
  context?: RegExp;
  mentions?: RegExp;
  imports?: string[];
  /** for `assign`: not in a class whose name or bases match this */
  excludeContext?: RegExp;
  /** not when the next statement matches (schema.ts `unless-next`) */
  unlessNext?: RegExp;
  /** not inside a function whose text matches (schema.ts `unless-in-function`) */
  unlessInFunction?: RegExp;
  /** not inside a branch whose condition matches (schema.ts `unless-guarded`) */
  unlessGuarded?: RegExp;
  /** an `assert` statement (with `mentions`: naming one of those identifiers) */
  assert?: boolean;
  /** later calls handed the call's result, where the finding goes (schema.ts `reported-at-use`) */
  reportedAtUse?: NameSet;
  /** a call of the callback a listener is handed (schema.ts `callback-of`) */
  callbackOf?: { call: NameSet; event?: RegExp; param: number };
  /** only in a module that assigns one of these names at its top level */
  moduleDefines?: Set<string>;
  cwe?: string[];
}

export interface PatternRule extends RuleMeta {
  kind: 'pattern';
  patterns: CompiledPattern[];
}

export interface CredentialRule extends RuleMeta {
  kind: 'credentials';
  names: RegExp;
  excludeNames?: RegExp;
  placeholders?: RegExp;
  strictNames?: RegExp;
  strictValues?: RegExp;
  urlCredentials?: RegExp;
  calls: Array<{ call: NameSet; args: number[]; keywords: string[]; nameArg?: number }>;
}

export type Rule = TaintRule | PatternRule | CredentialRule;

/** Functions known by their names' shape (`named-sanitizers`, `named-validators`) and the categories they clear. */
export interface NamedClearing {
  names: RegExp;
  clears: ReadonlySet<string>;
}

/** Properties of a source that the framework sets, in a file whose code shows (`if`) and does not undo (`unless`) it. */
export interface SafeProperties {
  props: ReadonlySet<string>;
  if?: RegExp;
  unless?: RegExp;
}

export interface Sanitizer {
  call: NameSet;
  clears: Set<string>;
  receiver: boolean;
  unless: CompiledArgCondition[];
  json: boolean;
  /** only these positional arguments stay in the result (schema.ts `keeps`) */
  keeps?: readonly number[];
}

export interface CallbackSource {
  src: string;
  event?: RegExp;
  callback: number;
  params: number[];
  /** only for rules of these categories */
  categories?: ReadonlySet<string>;
  safeProperties?: readonly string[];
  /** only strings: never an operator object (schema.ts `strings`) */
  strings?: boolean;
  /** read as this name instead of untrusted as a whole (schema.ts `as`) */
  as?: string;
}

/** Framework knowledge from the rule files, compiled. */
export interface Knowledge {
  routeDecorators: Set<string>;
  parameterDecorators: Set<string>;
  /** Matches a whole type annotation that cannot carry text. */
  safeParameterTypes?: RegExp;
  nonDataParameters: Set<string>;
  /** Base classes of request models (`request-model-bases`). */
  requestModelBases: Set<string>;
  /** Object properties holding a message handler (`message-handler-properties`). */
  messageHandlerProperties: Set<string>;
  /** The parameter list of an event handler (`event-handler-parameters`), joined by commas; '' for none. */
  eventHandlerParameters: string;
  /** Matches a parameter default that injects a dependency (`Depends(...)`). */
  injectedDefaults?: RegExp;
  safePathConverters: string[];
  validatorMethods: Set<string>;
  /** Library calls that give a constant when given constants (`constant-calls`). */
  constantCalls: Set<string>;
  validatorNames?: RegExp;
  sanitizerNames?: RegExp;
  /** schema.ts `named-sanitizers` */
  namedSanitizers: NamedClearing[];
  /** schema.ts `named-validators` */
  namedValidators: NamedClearing[];
  messageReceivers?: RegExp;
  lifecycleEvents: Set<string>;
  guardFunctions: RegExp[];
  exitCalls: Set<string>;
  assertCalls: Set<string>;
  /** Calls registering callbacks with untrusted parameters, by the call's names. */
  callbackSources: NameIndex<CallbackSource>;
  requestParameterTypes?: RegExp;
  htmlReturnsUnlessImports: string[];
  /** Matches a route decorator's text that declares HTML responses (`html-route-arguments`). */
  htmlRouteArguments?: RegExp;
  /** Decorators making a function a client's event handler, each with the modules one of which the file must import. */
  eventDecorators: Array<{ names: Set<string>; imports: string[] }>;
  handlerRegistrations: Array<{ calls: Set<string>; attributes: Set<string>; imports: string[]; index: number; keyword?: string }>;
  requestViewsWhenImports: string[];
  messageDecorators: Set<string>;
  commandDecorators: Set<string>;
  /** Decorators of functions a model calls as tools: their parameters are untrusted. */
  toolDecorators: Set<string>;
  /** Modules that make command decorators chat commands (remote input). */
  remoteCommandImports: string[];
  messageParametersCleanFor: Set<string>;
  fieldValidators: Set<string>;
  typedFields: Set<string>;
  patternDefaults: Set<string>;
  validatedDataAttributes: Set<string>;
  handlerMethods: Array<{ methods: RegExp; bases?: RegExp; attributes: string[]; htmlReturns: boolean; dataParameters: string[] }>;
}

export interface RuleSet {
  scanner: string;
  rules: Rule[];
  /** Words one of which an added line must hold for a diff fragment to be worth loading the whole file. */
  trigger: RegExp;
  /** Lookups by callee name, built once: a call is tested only against rules that name it. */
  sinkIndex: NameIndex<{ rule: TaintRule; sink: CompiledSink }>;
  callPatternIndex: NameIndex<{ rule: PatternRule; pattern: CompiledPattern }>;
  /** Patterns on a call of a listener's callback (`callback-of`): few, tested at calls of a parameter. */
  callbackPatterns: Array<{ rule: PatternRule; pattern: CompiledPattern }>;
  referenceIndex: NameIndex<{ rule: PatternRule; pattern: CompiledPattern }>;
  sanitizerIndex: NameIndex<Sanitizer>;
  credentialCallIndex: NameIndex<{ rule: CredentialRule; args: number[]; keywords: string[]; nameArg?: number }>;
  sources: NameSet;
  /** The source names as written in the rule files. */
  sourceNames: string[];
  localSources: Set<string>;
  /** Sources that only matter for some categories (archive member names: paths). */
  sourceCategories: Map<string, Set<string>>;
  /** properties of a source's value that are not the sender's (schema.ts `safe-properties` of a source) */
  sourceSafeProperties: Map<string, SafeProperties>;
  /** Sources that only ever give strings (`strings: true`): their values carry the `no-operators` mark. */
  stringSources: Set<string>;
  sanitizers: Sanitizer[];
  knowledge: Knowledge;
  /** The build's gate tables when the set is exactly the built-in files (config/builtin-rules.ts compiledGateTables). */
  gateTables?: unknown;
}

/**
 * Whether the regexes being compiled come from built-in files the build validated and compiled
 * (RuleFile.validated): the build ran the backtracking check on them, a hook need not (~5% of a
 * hook's start-up). Set while compileRuleSet compiles such a file, or the whole set's knowledge
 * when every file is one.
 */
let buildChecked = false;

/** Regexes that are tested, not iterated: no g/d flags. */
function testRegex(source: string, where: string): RegExp {
  return compileRuleRegex(source, where, '', buildChecked, false);
}

function compileConditions(list: ArgCondition[], where: string): CompiledArgCondition[] {
  return list.map((c, i) => {
    if (c.index === undefined && c.keyword === undefined && !c.any && !c.receiver) {
      throw new MsoError(`rules: ${where}: condition #${i + 1} needs 'index', 'keyword', 'receiver: true' or 'any: true'`);
    }
    return {
      ...c,
      matches: c.matches !== undefined ? testRegex(c.matches, `${where} condition #${i + 1}`) : undefined,
      text: c.text !== undefined ? testRegex(c.text, `${where} condition #${i + 1} text`) : undefined,
      startsWith: c['starts-with'] !== undefined ? testRegex(c['starts-with'], `${where} condition #${i + 1} starts-with`) : undefined,
      listHead: c['list-head'] !== undefined ? testRegex(c['list-head'], `${where} condition #${i + 1} list-head`) : undefined,
      reference: c.reference ? new NameSet(c.reference) : undefined,
    };
  });
}

/** Globs without a slash match the file name in any folder; globs with one match the whole path. */
function pathMatcher(globs: string[]): (path: string) => boolean {
  const byName = globMatcher(globs.filter((g) => !g.includes('/')), { basename: true });
  const byPath = globMatcher(globs.filter((g) => g.includes('/')));
  return (p) => byName(p) || byPath(p);
}

function pathFilter(include: string[] | undefined, exclude: string[] | undefined): ((path: string) => boolean) | undefined {
  const inc = include ? pathMatcher(include) : undefined;
  const exc = exclude ? pathMatcher(exclude) : undefined;
  if (!inc && !exc) return undefined;
  return (p) => (!inc || inc(p)) && !(exc && exc(p));
}

function meta(spec: RuleSpec, scanner: string): RuleMeta {
  return {
    id: spec.id,
    description: spec.description,
    message: spec.message,
    severity: spec.severity,
    cwe: spec.cwe,
    tags: [...new Set([...spec.cwe, ...spec.tags, scanner])],
    fix: spec.fix,
    pathFilter: pathFilter(spec.paths, spec['exclude-paths']),
  };
}

function compileRule(spec: RuleSpec, where: string, scanner: string): Rule {
  if (spec.kind === 'taint') {
    return {
      ...meta(spec, scanner),
      kind: 'taint',
      category: spec.category,
      localSources: spec['local-sources'],
      sinks: spec.sinks.map((s, i) => {
        if ([s.call, s.return, s['return-of'], s.assign, s['computed-member']].filter(Boolean).length !== 1) {
          throw new MsoError(`rules: ${where}: sink #${i + 1} needs exactly one of 'call', 'return', 'return-of', 'assign' or 'computed-member'`);
        }
        return {
          call: s.call ? new NameSet(s.call) : undefined,
          return: !!s.return,
          returnOf: s['return-of'] ? new Set(s['return-of']) : undefined,
          assign: s.assign ? new NameSet(s.assign) : undefined,
          computedMember: !!s['computed-member'],
          text: s.text,
          args: s.args,
          keywords: s.keywords,
          receiver: s.receiver,
          mode: s.mode,
          parameters: !!s.parameters,
          when: compileConditions(s.when, `${where} sink #${i + 1}`),
          cwe: s.cwe,
          imports: s.imports,
          ...(s.wrappers ? { wrappers: true } : {}),
          exceptKeys: s['except-keys'] ? new Set(s['except-keys']) : undefined,
          jsonBody: s['json-body'],
          ...(s['clean-of-any'] ? { cleanOfAny: s['clean-of-any'] } : {}),
          ...(s['unless-in-function'] !== undefined ? { unlessInFunction: testRegex(s['unless-in-function'], `${where} sink #${i + 1} unless-in-function`) } : {}),
          safePrefix: s['safe-prefix'] !== undefined ? testRegex(s['safe-prefix'], `${where} sink #${i + 1} safe-prefix`) : undefined,
          prefix: s.prefix !== undefined ? testRegex(s.prefix, `${where} sink #${i + 1} prefix`) : undefined,
        };
      }),
    };
  }
  if (spec.kind === 'pattern') {
    return {
      ...meta(spec, scanner),
      kind: 'pattern',
      patterns: spec.patterns.map((p, i) => {
        const w = `${where} pattern #${i + 1}`;
        const forms = [p.call, p.reference, p.assign, p.assert, p['callback-of']].filter(Boolean).length;
        if (forms !== 1) throw new MsoError(`rules: ${w}: needs exactly one of 'call', 'reference', 'assign', 'assert' or 'callback-of'`);
        if (p['reported-at-use'] && (scanner !== 'python' || !p.call)) throw new MsoError(`rules: ${w}: 'reported-at-use' is only read by the Python scanner, for a 'call' pattern`);
        return {
          call: p.call ? new NameSet(p.call) : undefined,
          excludeCall: p['exclude-call'] ? new NameSet(p['exclude-call']) : undefined,
          ...(p['reported-at-use'] ? { reportedAtUse: new NameSet(p['reported-at-use']) } : {}),
          reference: p.reference ? new NameSet(p.reference) : undefined,
          assign: p.assign ? new NameSet(p.assign) : undefined,
          assert: p.assert === true,
          ...(p['callback-of'] ? { callbackOf: { call: new NameSet(p['callback-of'].call), param: p['callback-of'].param, ...(p['callback-of'].event !== undefined ? { event: testRegex(p['callback-of'].event, `${w} callback-of event`) } : {}) } } : {}),
          value: p.value,
          valueItem: p['value-item'] !== undefined ? testRegex(p['value-item'], `${w} value-item`) : undefined,
          valueText: p['value-text'] !== undefined ? testRegex(p['value-text'], `${w} value-text`) : undefined,
          args: compileConditions(p.args, w),
          context: p.context !== undefined ? testRegex(p.context, `${w} context`) : undefined,
          excludeContext: p['exclude-context'] !== undefined ? testRegex(p['exclude-context'], `${w} exclude-context`) : undefined,
          unlessNext: p['unless-next'] !== undefined ? testRegex(p['unless-next'], `${w} unless-next`) : undefined,
          ...(p['unless-in-function'] !== undefined ? { unlessInFunction: testRegex(p['unless-in-function'], `${w} unless-in-function`) } : {}),
          unlessGuarded: p['unless-guarded'] !== undefined ? testRegex(p['unless-guarded'], `${w} unless-guarded`) : undefined,
          mentions: p.mentions !== undefined ? testRegex(p.mentions, `${w} mentions`) : undefined,
          imports: p.imports,
          moduleDefines: p['module-defines'] ? new Set(p['module-defines']) : undefined,
          cwe: p.cwe,
        };
      }),
    };
  }
  return {
    ...meta(spec, scanner),
    kind: 'credentials',
    names: testRegex(spec.names, `${where} names`),
    excludeNames: spec['exclude-names'] !== undefined ? testRegex(spec['exclude-names'], `${where} exclude-names`) : undefined,
    placeholders: spec.placeholders !== undefined ? testRegex(spec.placeholders, `${where} placeholders`) : undefined,
    urlCredentials: spec['url-credentials'] !== undefined ? testRegex(spec['url-credentials'], `${where} url-credentials`) : undefined,
    strictNames: spec['strict-names'] !== undefined ? testRegex(spec['strict-names'], `${where} strict-names`) : undefined,
    strictValues: spec['strict-values'] !== undefined ? testRegex(spec['strict-values'], `${where} strict-values`) : undefined,
    calls: spec.calls.map((c, i) => {
      if (c['name-arg'] !== undefined && scanner !== 'python') throw new MsoError(`rules: ${where}: calls #${i + 1}: 'name-arg' is only read by the Python scanner`);
      return { call: new NameSet(c.call), args: c.args, keywords: c.keywords, nameArg: c['name-arg'] };
    }),
  };
}

/** Alternatives of whole-string regexes as one anchored regex (undefined for none). */
function anyOf(list: string[], where: string): RegExp | undefined {
  return list.length ? testRegex(`^(?:${list.map((x) => `(?:${x})`).join('|')})$`, where) : undefined;
}

/** A rule set whose compilation waits until a file opens its gate (see ruleSetFor). */
export interface DeferredRuleSet {
  gateTables: unknown;
  compile: () => RuleSet;
}
export type RuleSetSource = RuleSet | DeferredRuleSet;

/**
 * The rule set of `files` for a scanner, compiled now, or on first use when they are exactly the
 * built-in files the build compiled a gate for: most files a hook scans never open the gate, and
 * building the rule set (its name indexes) was ~6 ms of a clean Python posttool. Only built-in
 * files: the build validated and compiled them, so compiling later cannot fail where compiling now
 * would not. A user's rule file is compiled at once, so that a broken one blocks every run as before.
 */
export function ruleSetFor(files: RuleFile[], scanner: string): RuleSetSource {
  const gateTables = compiledGateTables(scanner, files);
  return gateTables ? { gateTables, compile: () => compileRuleSet(files, scanner, gateTables) } : compileRuleSet(files, scanner);
}

/**
 * Validates and compiles one scanner's rule files (`scanner` names the scanner in errors, tags and
 * reports). `gateTables`: the build's tables for these files, when the caller already read them (ruleSetFor).
 */
export function compileRuleSet(files: RuleFile[], scanner: string, gateTables?: unknown): RuleSet {
  try {
    return compileFiles(files, scanner, gateTables);
  } finally {
    buildChecked = false;
  }
}

function compileFiles(files: RuleFile[], scanner: string, knownGateTables?: unknown): RuleSet {
  // Built-in files come validated by the build (dist/builtin-rules.json): no schema, no zod parse.
  let fileSchema: ReturnType<typeof ruleFileSchema> | undefined;
  const rules: Rule[] = [];
  const sources: string[] = [];
  const localSources = new Set<string>();
  const sourceCategories = new Map<string, Set<string>>();
  const sourceSafeProperties = new Map<string, SafeProperties>();
  const stringSources = new Set<string>();
  const sanitizers: Sanitizer[] = [];
  const k = {
    route: [] as string[], paramDeco: [] as string[], safeTypes: [] as string[], nonData: [] as string[], modelBases: [] as string[], handlerProps: [] as string[], eventParams: [] as string[], injected: [] as string[],
    converters: [] as string[], validators: [] as string[], constantCalls: [] as string[], validatorNames: [] as string[], sanitizerNames: [] as string[], namedSanitizers: [] as NamedClearing[], namedValidators: [] as NamedClearing[], receivers: [] as string[], lifecycle: [] as string[], guards: [] as string[], exits: [] as string[], asserts: [] as string[], reqTypes: [] as string[], htmlUnless: [] as string[], htmlRoutes: [] as string[], views: [] as string[], messages: [] as string[], commands: [] as string[], tools: [] as string[], remoteCommands: [] as string[], messageClean: [] as string[], fieldValidators: [] as string[], typedFields: [] as string[], patternDefaults: [] as string[], validatedData: [] as string[],
    events: [] as Array<{ names: string[]; imports: string[] }>,
    registrations: [] as Array<{ calls?: string[]; attributes?: string[]; imports: string[]; index: number; keyword?: string }>,
    handlers: [] as Array<{ methods: string; bases?: string; attributes: string[]; 'html-returns': boolean; 'data-parameters': string[] }>,
  };
  const callbackSources = new NameIndex<CallbackSource>();
  const seen = new Map<string, string>();
  for (const file of files) {
    buildChecked = file.validated === true;
    let data = file.doc as z.output<ReturnType<typeof ruleFileSchema>>;
    if (!file.validated) {
      const result = (fileSchema ??= ruleFileSchema(scanner)).safeParse(file.doc);
      if (!result.success) throw ruleFileError(file.path, file.doc, result.error);
      data = result.data;
    }
    const parsed = { data };
    for (const s of parsed.data.sources) {
      sources.push(...s.names);
      if (s.local) for (const n of s.names) localSources.add(n);
      if (s.categories) for (const n of s.names) sourceCategories.set(n, new Set(s.categories));
      if (s.strings) for (const n of s.names) stringSources.add(n);
      if (s['safe-properties']) {
        const safe: SafeProperties = {
          props: new Set(s['safe-properties']),
          ...(s['safe-if'] !== undefined ? { if: testRegex(s['safe-if'], `${file.path}: source safe-if`) } : {}),
          ...(s['safe-unless'] !== undefined ? { unless: testRegex(s['safe-unless'], `${file.path}: source safe-unless`) } : {}),
        };
        for (const n of s.names) sourceSafeProperties.set(n, safe);
      }
    }
    for (const s of parsed.data.sanitizers) sanitizers.push({ call: new NameSet(s.call), clears: new Set(s.clears), receiver: s.receiver, unless: compileConditions(s.unless, `${file.path}: sanitizer ${s.call[0]}`), json: s.json, ...(s.keeps ? { keeps: s.keeps } : {}) });
    const d = parsed.data;
    k.route.push(...d['route-decorators']);
    k.paramDeco.push(...d['parameter-decorators']);
    k.safeTypes.push(...d['safe-parameter-types']);
    k.nonData.push(...d['non-data-parameters']);
    k.injected.push(...d['injected-defaults']);
    k.modelBases.push(...d['request-model-bases']);
    k.handlerProps.push(...d['message-handler-properties']);
    if (d['event-handler-parameters'].length) k.eventParams = d['event-handler-parameters'];
    k.converters.push(...d['safe-path-converters']);
    k.validators.push(...d['validator-methods']);
    k.constantCalls.push(...d['constant-calls']);
    if (d['validator-names'] !== undefined) k.validatorNames.push(d['validator-names']);
    if (d['sanitizer-names'] !== undefined) k.sanitizerNames.push(d['sanitizer-names']);
    const named = (list: ReadonlyArray<{ names: string; clears: string[] }>, key: string) => list.map((z) => ({ names: testRegex(z.names, `${scanner} rules: ${key}`), clears: new Set(z.clears) }));
    k.namedSanitizers.push(...named(d['named-sanitizers'], 'named-sanitizers'));
    k.namedValidators.push(...named(d['named-validators'], 'named-validators'));
    if (d['message-receivers'] !== undefined) k.receivers.push(d['message-receivers']);
    k.lifecycle.push(...d['lifecycle-events']);
    k.guards.push(...d['guard-functions']);
    k.exits.push(...d['exit-calls']);
    k.asserts.push(...d['assert-calls']);
    if (d['request-parameter-types'] !== undefined) k.reqTypes.push(d['request-parameter-types']);
    for (const [i, c] of d['callback-sources'].entries()) {
      const where = `${file.path}: callback-sources #${i + 1}`;
      callbackSources.add(new NameSet(c.call), { src: c.description ?? c.call[0]!, event: c.event !== undefined ? testRegex(c.event, where) : undefined, callback: c.callback, params: c.params, categories: c.categories ? new Set(c.categories) : undefined, safeProperties: c['safe-properties'], ...(c.strings ? { strings: true } : {}), ...(c.as ? { as: c.as } : {}) });
    }
    k.htmlUnless.push(...d['html-returns-unless-imports']);
    k.htmlRoutes.push(...d['html-route-arguments']);
    k.events.push(...d['event-decorators']);
    k.registrations.push(...d['handler-registrations']);
    k.views.push(...d['request-views-when-imports']);
    k.messages.push(...d['message-decorators']);
    k.commands.push(...d['command-decorators']);
    k.tools.push(...d['tool-decorators']);
    k.remoteCommands.push(...d['remote-command-imports']);
    k.messageClean.push(...d['message-parameters-clean-for']);
    k.fieldValidators.push(...d['field-validators']);
    k.typedFields.push(...d['typed-fields']);
    k.patternDefaults.push(...d['pattern-defaults']);
    k.validatedData.push(...d['validated-data-attributes']);
    k.handlers.push(...d['handler-methods']);
    for (const spec of parsed.data.rules) {
      const where = `${file.path}: rule ${spec.id}`;
      const previous = seen.get(spec.id);
      if (previous) throw new MsoError(`rules: ${where}: duplicate rule id (also in ${previous})`);
      seen.set(spec.id, file.path);
      rules.push(compileRule(spec, where, scanner));
    }
  }
  // The knowledge regexes join every file's lists: the build checked them as joined from its files alone.
  buildChecked = files.every((f) => f.validated === true);
  const knowledge: Knowledge = {
    routeDecorators: new Set(k.route),
    parameterDecorators: new Set(k.paramDeco),
    safeParameterTypes: anyOf(k.safeTypes, `${scanner} rules: safe-parameter-types`),
    nonDataParameters: new Set(k.nonData),
    requestModelBases: new Set(k.modelBases),
    messageHandlerProperties: new Set(k.handlerProps),
    eventHandlerParameters: k.eventParams.join(','),
    injectedDefaults: k.injected.length ? testRegex(`^(?:${k.injected.map((x) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})\\b`, `${scanner} rules: injected-defaults`) : undefined,
    safePathConverters: [...new Set(k.converters)],
    validatorMethods: new Set(k.validators),
    constantCalls: new Set(k.constantCalls),
    validatorNames: k.validatorNames.length ? testRegex(k.validatorNames.map((r) => `(?:${r})`).join('|'), `${scanner} rules: validator-names`) : undefined,
    sanitizerNames: k.sanitizerNames.length ? testRegex(k.sanitizerNames.map((r) => `(?:${r})`).join('|'), `${scanner} rules: sanitizer-names`) : undefined,
    namedSanitizers: k.namedSanitizers,
    namedValidators: k.namedValidators,
    messageReceivers: k.receivers.length ? testRegex(k.receivers.map((r) => `(?:${r})`).join('|'), `${scanner} rules: message-receivers`) : undefined,
    lifecycleEvents: new Set(k.lifecycle),
    guardFunctions: k.guards.map((g, i) => testRegex(g, `guard-functions #${i + 1}`)),
    exitCalls: new Set(k.exits),
    assertCalls: new Set(k.asserts),
    callbackSources,
    requestParameterTypes: k.reqTypes.length ? testRegex(k.reqTypes.map((r) => `(?:${r})`).join('|'), `${scanner} rules: request-parameter-types`) : undefined,
    htmlReturnsUnlessImports: [...new Set(k.htmlUnless)],
    htmlRouteArguments: k.htmlRoutes.length ? testRegex(k.htmlRoutes.map((r) => `(?:${r})`).join('|'), `${scanner} rules: html-route-arguments`) : undefined,
    eventDecorators: k.events.map((e) => ({ names: new Set(e.names), imports: e.imports })),
    handlerRegistrations: k.registrations.map((r) => ({ calls: new Set(r.calls), attributes: new Set(r.attributes), imports: r.imports, index: r.index, keyword: r.keyword })),
    requestViewsWhenImports: [...new Set(k.views)],
    messageDecorators: new Set(k.messages),
    commandDecorators: new Set(k.commands),
    toolDecorators: new Set(k.tools),
    remoteCommandImports: [...new Set(k.remoteCommands)],
    messageParametersCleanFor: new Set(k.messageClean),
    fieldValidators: new Set(k.fieldValidators),
    typedFields: new Set(k.typedFields),
    patternDefaults: new Set(k.patternDefaults),
    validatedDataAttributes: new Set(k.validatedData),
    handlerMethods: k.handlers.map((h, i) => ({
      methods: testRegex(h.methods, `handler-methods #${i + 1}`),
      bases: h.bases !== undefined ? testRegex(h.bases, `handler-methods #${i + 1} bases`) : undefined,
      attributes: h.attributes,
      htmlReturns: h['html-returns'],
      dataParameters: h['data-parameters'],
    })),
  };
  const sinkIndex = new NameIndex<{ rule: TaintRule; sink: CompiledSink }>();
  const callPatternIndex = new NameIndex<{ rule: PatternRule; pattern: CompiledPattern }>();
  const callbackPatterns: Array<{ rule: PatternRule; pattern: CompiledPattern }> = [];
  const referenceIndex = new NameIndex<{ rule: PatternRule; pattern: CompiledPattern }>();
  const sanitizerIndex = new NameIndex<Sanitizer>();
  const credentialCallIndex = new NameIndex<{ rule: CredentialRule; args: number[]; keywords: string[]; nameArg?: number }>();
  for (const rule of rules) {
    if (rule.kind === 'taint') for (const sink of rule.sinks) if (sink.call) sinkIndex.add(sink.call, { rule, sink });
    if (rule.kind === 'pattern') {
      for (const pattern of rule.patterns) {
        if (pattern.call) callPatternIndex.add(pattern.call, { rule, pattern });
        if (pattern.callbackOf) callbackPatterns.push({ rule, pattern });
        if (pattern.reference) referenceIndex.add(pattern.reference, { rule, pattern });
      }
    }
    if (rule.kind === 'credentials') for (const c of rule.calls) credentialCallIndex.add(c.call, { rule, args: c.args, keywords: c.keywords, nameArg: c.nameArg });
  }
  for (const s of sanitizers) sanitizerIndex.add(s.call, s);
  const words = new Set<string>(['return', 'pass', 'pwd', 'secret', 'token', 'key', 'auth', 'cred']);
  const addNames = (set: NameSet | undefined) => {
    for (const seg of set?.segments() ?? []) {
      if (seg === '*') continue;
      // `[Access-Control-Allow-Origin]` (a key whatever the object): the key's words.
      if (seg.startsWith('[')) for (const w of seg.slice(1, -1).split(/[^A-Za-z0-9_]+/)) words.add(w);
      else words.add(seg.replace(/\(\)$/, '').replace(/\[.*$/, ''));
    }
  };
  for (const rule of rules) {
    if (rule.kind === 'taint') {
      for (const sink of rule.sinks) {
        addNames(sink.call);
        addNames(sink.assign);
      }
    }
    if (rule.kind === 'pattern') {
      for (const p of rule.patterns) {
        addNames(p.call);
        addNames(p.reference);
        addNames(p.assign);
        if (p.assert) words.add('assert');
        for (const c of p.args) if (c.keyword) words.add(c.keyword);
      }
    }
    if (rule.kind === 'credentials') for (const c of rule.calls) addNames(c.call);
  }
  const escaped = [...words].filter(Boolean).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  // `obj[a][b] = v` names nothing a rule lists: a computed-member sink loads every file with a subscript assignment.
  const computed = rules.some((r) => r.kind === 'taint' && r.sinks.some((k) => k.computedMember)) ? '|\\]\\s*=' : '';
  // A `**mapping` sink (mass assignment into `Model(**data)`) names no call either.
  const splat = rules.some((r) => r.kind === 'taint' && r.sinks.some((k) => k.keywords.includes('**'))) ? '|\\*\\*[A-Za-z_]' : '';
  // A credential-ish name given a string literal (`dbPassword = '…'`, `apiKey: "…"`, `token === '…'`) names no call either.
  // (Python's string prefixes too: `LEGACY_DES_KEY = b"…"`; and the key or password field of a connection string)
  const creds = rules.some((r) => r.kind === 'credentials') ? "|(pass|pwd|secret|token|key|credential|auth)\\w*['\"]?\\s*(:\\s*\\w+\\s*=|:|={1,3}|!==?)\\s*[bBrRuU]{0,2}['\"`]|(AccountKey|SharedAccessKey|Password|Pwd)=" : '';
  // (built on first use: only a diff fragment's added lines are tested against it, and the alternation of every
  // rule word is the longest regex of the set)
  let trigger: RegExp | undefined;
  const triggerOf = () => (trigger ??= new RegExp(`\\b(${escaped.join("|")})\\b|://${computed}${splat}${creds}`, "i"));
  const gateTables = knownGateTables ?? compiledGateTables(scanner, files);
  return { scanner, rules, get trigger() { return triggerOf(); }, sources: new NameSet(sources), sourceNames: [...new Set(sources)], localSources, sourceCategories, sourceSafeProperties, stringSources, sanitizers, knowledge, sinkIndex, callPatternIndex, callbackPatterns, referenceIndex, sanitizerIndex, credentialCallIndex, ...(gateTables ? { gateTables } : {}) };
}

export function describe(rule: Rule, scanner: string): RuleDescriptor {
  return {
    id: rule.id,
    scanner,
    description: rule.description,
    severity: rule.severity,
    tags: rule.tags,
    cwe: rule.cwe,
    help: rule.fix,
  };
}

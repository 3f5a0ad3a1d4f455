import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { compiledBuild } from '../../config/builtin-rules.js';
import { packageRoot as msoRoot } from '../../core/package-root.js';
import { fileIdentity, verifiedFiles } from '../../core/verified-files.js';

/**
 * The part of node-tree-sitter both code front ends use (python/syntax.ts, js/syntax.ts): the native
 * types they read, one way to load a grammar, and where a failed parse went wrong. tree-sitter is
 * CommonJS and a native addon: loaded with createRequire, it works in the main thread and in the
 * worker threads of `--all` scans (the addons are context-aware).
 */
export interface TsCursor {
  nodeTypeId: number;
  nodeType: string;
  nodeIsNamed: boolean;
  startIndex: number;
  endIndex: number;
  currentFieldName: string | null | undefined;
  /** the field's id in the grammar (undefined for none): a number, where the name is a new string per call */
  currentFieldId: number | undefined;
  gotoFirstChild(): boolean;
  gotoNextSibling(): boolean;
  gotoParent(): boolean;
}
export interface TsNode {
  type: string;
  hasError: boolean;
  isMissing: boolean;
  startPosition: { row: number };
  children: TsNode[];
}
export interface TsTree {
  rootNode: TsNode;
  walk(): TsCursor;
}
export interface TsParser {
  setLanguage(l: unknown): void;
  parse(input: string | ((index: number) => string | null), old?: unknown, opts?: { bufferSize?: number }): TsTree;
}

const require = createRequire(import.meta.url);

/** A parser for the grammar package `grammar` (its export `member`, for packages holding several). */
export function newParser(grammar: string, member?: string): TsParser {
  const Parser = require('tree-sitter') as new () => TsParser;
  const parser = new Parser();
  const direct = rememberedLanguage(grammar, member) ?? nativeLanguage(grammar, member);
  if (direct !== undefined) {
    try {
      parser.setLanguage(direct);
      return parser;
    } catch {
      // not a language after all (a grammar package laid out differently): load it as the package says
    }
  }
  parser.setLanguage(packageLanguage(grammar, member));
  return parser;
}

/** The grammar as its package exports it, with `nodeTypeInfo` (its node-types.json) attached. */
function packageLanguage(grammar: string, member?: string): unknown {
  const pkg = require(grammar) as Record<string, unknown>;
  return member ? pkg[member] : pkg;
}

/** The folder of an installed grammar package (its entry is bindings/node/index.js). */
function grammarRoot(grammar: string): string {
  return dirname(dirname(dirname(require.resolve(grammar))));
}

/**
 * The grammar's native language object alone, loaded the way the package's own entry loads it
 * (node-gyp-build over the package folder) but without the node-types.json it attaches: given
 * that, node-tree-sitter's setLanguage builds a JavaScript class per named node type (a
 * `new Function` each), and the package's entry parses the JSON of every grammar it holds (the
 * TypeScript package: TypeScript and TSX, 220 KB). Together ~9 ms of a hook's start for the
 * TypeScript grammar; the scanners read nodes through cursors and never use those classes.
 * undefined when the package is not laid out so; the caller then loads it as the package says.
 */
function nativeLanguage(grammar: string, member?: string): unknown {
  try {
    const root = grammarRoot(grammar);
    return languageIn(gypBuild(root)(root), member);
  } catch {
    return undefined;
  }
}

/** The node-gyp-build a grammar package depends on: called, it loads the package's native module; `.path` names it. */
function gypBuild(dir: string): { (dir: string): Record<string, unknown>; path(dir: string): string } {
  return createRequire(join(dir, 'package.json'))('node-gyp-build') as { (dir: string): Record<string, unknown>; path(dir: string): string };
}

/** The language object in a grammar's native module (its export `member`, for packages holding several). */
function languageIn(binding: Record<string, unknown>, member?: string): unknown {
  const lang = member ? binding[member] : binding;
  return lang && typeof lang === 'object' ? lang : undefined;
}

interface NodeTypeInfo {
  type: string;
  named: boolean;
  fields?: Record<string, unknown>;
}

/** The grammar's node-types.json, where its package entry reads it from; undefined when it is not there. */
function nodeTypeInfo(grammar: string, member?: string): unknown {
  try {
    return JSON.parse(readFileSync(join(grammarRoot(grammar), member ?? '', 'src', 'node-types.json'), 'utf8'));
  } catch {
    return (packageLanguage(grammar, member) as { nodeTypeInfo?: unknown }).nodeTypeInfo;
  }
}

/**
 * The named node types whose children never have a field name, from the grammar's node-types.json:
 * a tree copy need not ask the cursor for the field name of their children (a native call per
 * child). Empty when the grammar does not ship it, so every child is asked, as before.
 */
export function fieldlessTypes(grammar: string, member?: string): Set<string> {
  const known = grammarFacts(grammar, member);
  return known ? new Set(known.fieldless) : fieldlessIn(nodeTypeInfo(grammar, member));
}

function fieldlessIn(info: unknown): Set<string> {
  const out = new Set<string>();
  if (!Array.isArray(info)) return out;
  const withFields = new Set<string>();
  for (const t of info as NodeTypeInfo[]) {
    if (!t.named) continue;
    if (t.fields && Object.keys(t.fields).length > 0) withFields.add(t.type);
    else out.add(t.type);
  }
  // A type listed twice (an alias of several rules) is fieldless only if every listing is.
  for (const t of withFields) out.delete(t);
  return out;
}

/**
 * What a run learnt about a grammar package, remembered in the package's record of checked files
 * (core/verified-files.ts) with the identities of the files it came from: which native file
 * node-gyp-build chose for it, and its fieldless types (from node-types.json). A hook that
 * parses one file then neither resolves the package, nor lists its build and prebuild folders,
 * nor parses the JSON (~1.5 ms for the TypeScript grammar). Any change to those files, the
 * package folder or its package.json makes the next run derive them again; anything unusual
 * (no record, no node-types.json) leaves the callers to do it as before.
 */
interface GrammarFacts {
  /** the native file, absolute */
  binding: string;
  fieldless: string[];
}

const grammarMemo = new Map<string, GrammarFacts | null>();

function grammarFacts(grammar: string, member?: string): GrammarFacts | undefined {
  const name = `grammar ${grammar}${member ? `/${member}` : ''}`;
  let facts = grammarMemo.get(name);
  if (facts === undefined) {
    try {
      facts = deriveGrammarFacts(name, grammar, member) ?? null;
    } catch {
      facts = null;
    }
    grammarMemo.set(name, facts);
  }
  return facts ?? undefined;
}

function deriveGrammarFacts(name: string, grammar: string, member: string | undefined): GrammarFacts | undefined {
  const build = compiledBuild();
  if (!build) return undefined;
  const record = verifiedFiles(msoRoot(), build);
  const known = record.fact(name) as { binding?: unknown; fieldless?: unknown } | undefined;
  if (known && typeof known.binding === 'string' && Array.isArray(known.fieldless) && known.fieldless.every((t) => typeof t === 'string')) {
    return { binding: record.pathOf(known.binding), fieldless: known.fieldless as string[] };
  }
  const dir = grammarRoot(grammar);
  const binding = gypBuild(dir).path(dir);
  const types = join(dir, member ?? '', 'src', 'node-types.json');
  const from = [dir, join(dir, 'package.json'), binding, types].map((path) => ({ path, identity: fileIdentity(path) }));
  const fieldless = [...fieldlessIn(JSON.parse(readFileSync(types, 'utf8')))];
  record.rememberFact(name, from, { binding: record.key(binding), fieldless });
  record.save();
  return { binding, fieldless };
}

/** The grammar's native language from the remembered file, or undefined (the caller resolves it). */
function rememberedLanguage(grammar: string, member?: string): unknown {
  const facts = grammarFacts(grammar, member);
  if (!facts) return undefined;
  try {
    return languageIn(require(facts.binding) as Record<string, unknown>, member);
  } catch {
    return undefined;
  }
}

/** Row of the first ERROR or MISSING node (only walked for files that failed to parse). */
export function firstErrorRow(node: TsNode): number {
  if (node.type === 'ERROR' || node.isMissing) return node.startPosition.row;
  for (const c of node.children) if (c.hasError || c.isMissing) return firstErrorRow(c);
  return node.startPosition.row;
}

import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { packageRoot } from '../core/package-root.js';

/**
 * Parsed rule files, cached by content hash. Parsing YAML (and loading the
 * YAML library) is the largest part of mso's start-up, and a pre-commit hook
 * pays it on every commit; the build writes the parsed built-in rules to
 * dist/rules-cache.json. A file whose content changed (a user's edit, a
 * user's own rule folder) misses the cache and is parsed as before, so the
 * cache can never change what a rule file means.
 */
export const RULE_CACHE_FILE = join('dist', 'rules-cache.json');

type CacheFile = { version: 1; entries: Record<string, unknown> };

let cache: Map<string, unknown> | undefined;

export function contentKey(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function loadCache(): Map<string, unknown> {
  if (cache) return cache;
  cache = new Map();
  try {
    const path = join(packageRoot(), RULE_CACHE_FILE);
    if (existsSync(path)) {
      const data = JSON.parse(readFileSync(path, 'utf8')) as CacheFile;
      if (data.version === 1) for (const [k, v] of Object.entries(data.entries)) cache.set(k, v);
    }
  } catch {
    // A damaged cache only costs speed: every file is parsed.
  }
  return cache;
}

let yamlParse: ((text: string, opts: { uniqueKeys: boolean }) => unknown) | undefined;

/** The YAML parser, loaded on first use only (synchronously: rule loading is synchronous). */
function parser() {
  yamlParse ??= (createRequire(import.meta.url)('yaml') as { parse: typeof yamlParse }).parse;
  return yamlParse!;
}

/** Parses rule-file YAML (duplicate keys are errors), from the cache when the content is known. */
export function parseRuleYaml(text: string): unknown {
  const hit = loadCache().get(contentKey(text));
  // structuredClone: callers may mutate what they get; the cache must stay pristine.
  if (hit !== undefined) return structuredClone(hit);
  return parser()(text, { uniqueKeys: true });
}

/** Build step: the cache content for these YAML texts. */
export function buildRuleCache(texts: string[]): CacheFile {
  const entries: Record<string, unknown> = {};
  for (const t of texts) entries[contentKey(t)] = parser()(t, { uniqueKeys: true });
  return { version: 1, entries };
}

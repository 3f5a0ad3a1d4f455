import { createRequire } from 'node:module';

let yamlParse: ((text: string, opts: { uniqueKeys: boolean }) => unknown) | undefined;

/**
 * Parses rule-file YAML (duplicate keys are errors). The YAML library loads on
 * first use only (synchronously: rule loading is synchronous): the built-in
 * rules come compiled (src/config/builtin-rules.ts), so it loads only for a
 * user's rule file or an edited built-in one.
 */
export function parseRuleYaml(text: string): unknown {
  yamlParse ??= (createRequire(import.meta.url)('yaml') as { parse: typeof yamlParse }).parse;
  return yamlParse!(text, { uniqueKeys: true });
}

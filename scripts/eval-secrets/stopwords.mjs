// The secret rules' allowlist stopwords (rules/secrets/*.yaml: the global allowlist and any rule's
// own list), read from the rules themselves. A random test or corpus value that happens to hold one
// (`xxxx`, `fake`, `lorem` …) is rightly not reported, so the generators redraw such values instead
// of turning a positive into a placeholder by chance. One list for test/secrets/helpers.ts,
// test/helpers/tokens.ts and scripts/eval-secrets/tokens.mjs.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const RULES = fileURLToPath(new URL('../../rules/secrets/', import.meta.url));

function readStopwords() {
  const words = new Set();
  for (const file of readdirSync(RULES).filter((f) => /\.ya?ml$/.test(f)).sort()) {
    const doc = parse(readFileSync(join(RULES, file), 'utf8')) ?? {};
    for (const w of doc.allowlist?.stopwords ?? []) words.add(String(w).toLowerCase());
    for (const rule of doc.rules ?? []) for (const w of rule.stopwords ?? []) words.add(String(w).toLowerCase());
  }
  if (!words.has('example')) throw new Error(`eval-secrets/stopwords: no allowlist stopwords found under ${RULES}`);
  return [...words];
}

/** Lower-cased stopwords of every built-in secret rule file. */
export const STOPWORDS = readStopwords();

/** True when the value holds a stopword (case-insensitively), as the secret scanner tests it. */
export function holdsStopword(value) {
  const lower = value.toLowerCase();
  return STOPWORDS.some((w) => lower.includes(w));
}

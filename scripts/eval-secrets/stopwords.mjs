// The secret rules' allowlist stopwords (rules/secrets/*.yaml: the global allowlist and any rule's
// own list) and the global allowlist's unanchored patterns, read from the rules themselves. A random
// test or corpus value that happens to hold one (`xxxx`, `fake`, `lorem`, a run such as `eeeeee`) is
// rightly not reported, so the generators redraw such values instead of turning a positive into a
// placeholder by chance. One list for test/secrets/helpers.ts,
// test/helpers/tokens.ts and scripts/eval-secrets/tokens.mjs.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const RULES = fileURLToPath(new URL('../../rules/secrets/', import.meta.url));

function readStopwords() {
  const words = new Set();
  const runs = [];
  for (const file of readdirSync(RULES).filter((f) => /\.ya?ml$/.test(f)).sort()) {
    const doc = parse(readFileSync(join(RULES, file), 'utf8')) ?? {};
    for (const w of doc.allowlist?.stopwords ?? []) words.add(String(w).toLowerCase());
    for (const r of doc.allowlist?.regexes ?? []) {
      // Only the unanchored patterns can match inside a random value (`(.)\1{5,}`, `12345678`); the
      // anchored ones describe a whole placeholder, which a generator never draws.
      const flags = /^\(\?i\)/.test(r) ? 'iu' : 'u';
      const source = String(r).replace(/^\(\?i\)/, '');
      if (!source.startsWith('^')) runs.push(new RegExp(source, flags));
    }
    for (const rule of doc.rules ?? []) for (const w of rule.stopwords ?? []) words.add(String(w).toLowerCase());
  }
  if (!words.has('example')) throw new Error(`eval-secrets/stopwords: no allowlist stopwords found under ${RULES}`);
  return { words: [...words], runs };
}

const READ = readStopwords();

/** Lower-cased stopwords of every built-in secret rule file. */
export const STOPWORDS = READ.words;

/** True when the value holds a stopword (case-insensitively), as the secret scanner tests it. */
export function holdsStopword(value) {
  const lower = value.toLowerCase();
  return STOPWORDS.some((w) => lower.includes(w));
}

/**
 * True when the scanner's allowlist would drop the value as a placeholder: it holds a stopword, or a run
 * the global allowlist's unanchored patterns name (six of one character, a counting run). A random draw
 * lands on such a run about once in 15,000 tries, enough to make a positive test case flaky in CI.
 */
export function looksLikePlaceholder(value) {
  return holdsStopword(value) || READ.runs.some((r) => r.test(value));
}

import type { CredentialRule } from './compile.js';
import { regexLiterals } from './gate.js';

/**
 * Hard-coded credential checks on names and literal values, shared by every
 * front end: the front end finds the name (variable, key, keyword, parameter)
 * and the literal string, this decides whether it is a credential.
 */
export function isCredentialName(rule: CredentialRule, name: string): boolean {
  return mayMatch(rule.names, name) && rule.names.test(name) && !(rule.excludeNames && rule.excludeNames.test(name));
}

/** Per name regex: strings (lower case, ASCII) one of which every name it matches holds; null: none known. */
const requiredWords = new WeakMap<RegExp, readonly string[] | null>();

/**
 * false when `re` cannot match `name`: none of the strings every match holds (the gate's regex
 * analysis, from the build's memo for the built-in rules) is in it. A name regex is a long
 * alternation, and V8 compiles it on its first test and again on its second (~2 ms each, the
 * exclusions as much): most files assign string literals only to names such as `error` or
 * `table`, and then neither is ever compiled. Case-insensitive, ASCII words only, so a name the
 * regex matches always passes (a non-ASCII letter never matches an ASCII one without the `u` flag).
 */
function mayMatch(re: RegExp, name: string): boolean {
  let words = requiredWords.get(re);
  if (words === undefined) {
    const found = regexLiterals(re);
    const ascii = found && found.length > 0 && found.every((w) => w.length > 0 && /^[\x20-\x7e]+$/.test(w));
    // A word holding another is found whenever that one is (`password` and `pass`): keep the shortest.
    const all = ascii ? [...new Set(found.map((w) => w.toLowerCase()))] : [];
    words = ascii ? all.filter((w) => !all.some((o) => o !== w && w.includes(o))) : null;
    requiredWords.set(re, words);
  }
  if (words === null) return true;
  const lower = name.toLowerCase();
  for (const w of words) if (lower.includes(w)) return true;
  return false;
}

/** The literal value when it looks like a real credential (not a placeholder or an env var's name). */
export function credentialValue(rule: CredentialRule, literal: string | undefined, name?: string): string | undefined {
  if (literal === undefined) return undefined;
  // `"Bearer <token>"` in an Authorization header: the token after the scheme.
  const v = literal.replace(/^(Bearer|Token|Basic)\s+(?=\S)/i, '');
  if (name && rule.strictNames?.test(name) && rule.strictValues && !rule.strictValues.test(v)) return undefined;
  if (v.trim().length < 3) return undefined;
  // An environment variable's name ("DB_PASSWORD"), not its value.
  if (/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(v)) return undefined;
  if (rule.placeholders && rule.placeholders.test(v)) return undefined;
  return v;
}

/** The password of a URL literal with one in it (`postgres://app:pw@db/x`), unless it is a placeholder. */
export function urlPassword(rule: CredentialRule, literal: string | undefined): string | undefined {
  if (!rule.urlCredentials || literal === undefined) return undefined;
  // (the first group that matched: the regex may list several forms, a URL's password or a connection string's key)
  const m = rule.urlCredentials.exec(literal);
  const pw = m?.slice(1).find((g) => g !== undefined);
  if (!pw || pw.length < 3 || rule.placeholders?.test(pw) || /^[$%{<]/.test(pw)) return undefined;
  return pw;
}

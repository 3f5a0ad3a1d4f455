import type { CredentialRule } from './compile.js';

/**
 * Hard-coded credential checks on names and literal values, shared by every
 * front end: the front end finds the name (variable, key, keyword, parameter)
 * and the literal string, this decides whether it is a credential.
 */
export function isCredentialName(rule: CredentialRule, name: string): boolean {
  return rule.names.test(name) && !(rule.excludeNames && rule.excludeNames.test(name));
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
  const pw = rule.urlCredentials.exec(literal)?.[1];
  if (!pw || pw.length < 3 || rule.placeholders?.test(pw) || /^[$%{<]/.test(pw)) return undefined;
  return pw;
}

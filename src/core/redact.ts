import { crypto } from './builtins.js';

/**
 * The only form in which a matched value leaves a scanner: a few leading
 * characters (fewer for short values, so most of it stays hidden) and the length.
 */
export function redact(value: string): string {
  const len = [...value].length;
  const shown = len >= 24 ? 6 : len >= 12 ? 4 : len >= 6 ? 2 : 0;
  return `${[...value].slice(0, shown).join('')}…(${len} chars)`;
}

/** Fingerprint of a finding: rule, path and a salted hash of the value, never the value itself. */
export function fingerprint(ruleId: string, path: string, value: string): string {
  const valueHash = crypto().createHash('sha256').update('mso-value-v1\0').update(value).digest('hex');
  return crypto().createHash('sha256').update(`${ruleId}\0${path}\0${valueHash}`).digest('hex').slice(0, 32);
}

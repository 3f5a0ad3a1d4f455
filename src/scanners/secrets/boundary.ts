import { MsoError } from '../../core/errors.js';

/**
 * Token boundaries that understand escapes. A secret in a JSON string, a log
 * line, a `curl -d` body or an HTML attribute is often glued to an escape
 * sequence: `"creds:\n<token>"`, `%22<token>%22`, `\u0022<token>`,
 * `&quot;<token>&quot;`. The escape's last character is a letter or digit
 * (the `n` of `\n`, the `2` of `%22`), so a plain "not a token character
 * before it" test misses the token. These macros treat a whole escape like a
 * quote or a space: it ends a token on either side.
 *
 * In a rule's `regex`:
 *   {{BOUNDARY_START}}            a token starts here (default token alphabet A-Za-z0-9_-)
 *   {{BOUNDARY_END}}              a token ends here
 *   {{BOUNDARY_START:A-Za-z0-9+/}}  the same for a token of another alphabet
 *                                  (the body of a character class)
 * Both are zero-width (lookarounds), bounded and linear.
 */
export const DEFAULT_TOKEN_ALPHABET = 'A-Za-z0-9_-';

/** One escape sequence: backslash escapes, \uXXXX, \u{X}, \xXX, %XX, and HTML entities. */
export const ESCAPE_SEQUENCE = String.raw`\\[ntrbfv0"'\\/]|\\u[0-9A-Fa-f]{4}|\\u\{[0-9A-Fa-f]{1,6}\}|\\x[0-9A-Fa-f]{2}|%[0-9A-Fa-f]{2}|&(?:quot|apos|amp|lt|gt|nbsp|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});`;

export function boundaryStart(alphabet = DEFAULT_TOKEN_ALPHABET): string {
  return `(?:(?<![${alphabet}])|(?<=${ESCAPE_SEQUENCE}))`;
}

export function boundaryEnd(alphabet = DEFAULT_TOKEN_ALPHABET): string {
  return `(?:(?![${alphabet}])|(?=${ESCAPE_SEQUENCE}))`;
}

/**
 * The length of a `{{BOUNDARY_START}}` expansion at the very start of a compiled
 * regex source, or 0. V8 cannot skip ahead to a likely start when a pattern opens
 * with this lookbehind alternation, so it evaluates it at every position (15x the
 * time of the rest of a provider-token regex); the detector searches with the
 * rest of the pattern and confirms each start with the whole regex.
 */
export function leadingBoundaryLength(source: string): number {
  const open = '(?:(?<![';
  if (!source.startsWith(open)) return 0;
  const close = `])|(?<=${ESCAPE_SEQUENCE}))`;
  const end = source.indexOf(close, open.length);
  if (end === -1) return 0;
  const alphabet = source.slice(open.length, end);
  if (boundaryStart(alphabet) !== source.slice(0, end + close.length)) return 0;
  return end + close.length;
}

const MACRO = /\{\{([A-Z][A-Z0-9_]*)(?::([^{}]+))?\}\}/g;

/** Expands the boundary macros in a rule regex; an unknown macro name is an error (a typo must not match literally). */
export function expandMacros(source: string, where: string): string {
  return source.replace(MACRO, (_m, name: string, arg: string | undefined) => {
    if (arg !== undefined && /[\]\\]$|^\^/.test(arg)) throw new MsoError(`rules: ${where}: {{${name}:${arg}}}: give the body of a character class, e.g. A-Za-z0-9_-`);
    if (name === 'BOUNDARY_START') return boundaryStart(arg);
    if (name === 'BOUNDARY_END') return boundaryEnd(arg);
    throw new MsoError(`rules: ${where}: unknown macro {{${name}}} (known: {{BOUNDARY_START}}, {{BOUNDARY_END}}, optionally with :<alphabet>)`);
  });
}

import { looksLikePlaceholder } from '../../scripts/eval-secrets/stopwords.mjs';
import { pick } from './helpers.js';

// The random credentials of the positive cases must never be values the allowlist rightly drops: a
// 64-digit hex part with six equal digits in a row once failed CI's slack-token case.
describe('test credential generators', () => {
  test('a placeholder is a stopword or a run the global allowlist names', () => {
    expect(looksLikePlaceholder('f9f2b2e3eeeeee5827')).toBe(true);
    expect(looksLikePlaceholder('A1b2C3d412345678x')).toBe(true);
    expect(looksLikePlaceholder('QWERTYuiop')).toBe(true);
    expect(looksLikePlaceholder('key_EXAMPLE_9f')).toBe(true);
    expect(looksLikePlaceholder('f9f2b2e3eeeee5827d05')).toBe(false);
    expect(looksLikePlaceholder('9c1f0e7b5a3d')).toBe(false);
  });

  test('pick redraws a value holding a run of six', () => {
    // from a two-letter alphabet, about one draw in ten of eight letters holds a run of six
    for (let i = 0; i < 500; i++) expect(looksLikePlaceholder(pick('ab', 8))).toBe(false);
  });
});

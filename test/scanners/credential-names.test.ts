import { loadScanners } from '../../src/scanners/registry.js';
import type { CredentialRule, RuleSet } from '../../src/scanners/taint/compile.js';
import { isCredentialName } from '../../src/scanners/taint/credentials.js';
import type { TaintScanner } from '../../src/scanners/taint/scanner.js';

/**
 * isCredentialName skips a name regex when the name holds none of the words every match holds
 * (taint/credentials.ts mayMatch). That must never change an answer: for the built-in credential
 * rules of both code scanners and for user-style regexes, on names built from the rules' own
 * words, other words, every case, separators and non-ASCII look-alikes, it answers exactly as the
 * regexes themselves do.
 */
const reference = (rule: CredentialRule, name: string) => rule.names.test(name) && !(rule.excludeNames && rule.excludeNames.test(name));

let rules: CredentialRule[] = [];
beforeAll(async () => {
  const scanners = (await loadScanners({ scanners: ['js', 'python'], ruleDirs: [] })) as TaintScanner[];
  rules = scanners.flatMap((s) => (s as unknown as { set: RuleSet }).set.rules.filter((r): r is CredentialRule => r.kind === 'credentials'));
});

const PIECES = [
  'pass', 'password', 'passwd', 'pwd', 'pw', 'secret', 'key', 'api', 'token', 'auth', 'access', 'refresh', 'private', 'client',
  'credential', 'credentials', 'session', 'cookie', 'jwt', 'db', 'master', 'license', 'webhook', 'bearer', 'signing',
  'error', 'table', 'action', 'style', 'currency', 'name', 'id', 'url', 'field', 'public', 'sort', 'cache', 'user', 'monkey',
  'keys', 'tokenizer', 'bypass', 'compass', 'pws', 'PW', 'Key', 'SECRET', 'İ', 'ſ', 'K', 'ß', 'é', '$', '0',
];
const SEPARATORS = ['', '_', '-', '.', '__', ' '];

function names(count: number): string[] {
  let seed = 97;
  const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const parts = 1 + rand(3);
    let name = '';
    for (let p = 0; p < parts; p++) {
      let piece = PIECES[rand(PIECES.length)]!;
      const c = rand(4);
      if (c === 1) piece = piece.toUpperCase();
      else if (c === 2) piece = piece[0]!.toUpperCase() + piece.slice(1);
      name += (p ? SEPARATORS[rand(SEPARATORS.length)] : '') + piece;
    }
    out.push(name);
  }
  return out;
}

test('the built-in credential rules answer as their regexes do, for every name', () => {
  expect(rules.length).toBeGreaterThanOrEqual(2);
  const all = names(20_000);
  let matched = 0;
  for (const rule of rules) {
    for (const n of all) {
      const want = reference(rule, n);
      if (want) matched++;
      if (isCredentialName(rule, n) !== want) throw new Error(`${rule.id}: ${JSON.stringify(n)} should be ${want}`);
    }
  }
  // the names are varied enough that both answers are common
  expect(matched).toBeGreaterThan(2_000);
  expect(matched).toBeLessThan(rules.length * all.length - 2_000);
});

test('user-style name regexes: with required words, without any, and ones the analysis cannot read', () => {
  const cases: RegExp[] = [
    /(^|_)(hunter|swordfish)$/i,
    /^(pin|otp)_code$/,
    /code/,
    /.*/,
    /(?<=_)tok$/i,
    /\u0130d_secret$/iu,
    /^[a-z]+_KEY$/,
  ];
  const all = [...names(5_000), 'hunter', 'my_swordfish', 'PIN_CODE', 'pin_code', 'zip_code', 'x_tok', 'X_TOK', 'İd_secret', 'api_KEY', 'api_key'];
  for (const re of cases) {
    const rule = { kind: 'credentials', id: 'user', names: re } as unknown as CredentialRule;
    for (const n of all) {
      const want = reference(rule, n);
      if (isCredentialName(rule, n) !== want) throw new Error(`${re}: ${JSON.stringify(n)} should be ${want}`);
    }
  }
});

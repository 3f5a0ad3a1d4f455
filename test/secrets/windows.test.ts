import { afterEach, describe, expect, test } from '@jest/globals';
import { compileSecretRules } from '../../src/scanners/secrets/compile.js';
import { secretRuleFileSchema } from '../../src/scanners/secrets/schema.js';
import { SecretDetector } from '../../src/scanners/secrets/detector.js';
import { KeywordMatcher } from '../../src/scanners/secrets/keyword-matcher.js';
import { regexShape } from '../../src/scanners/secrets/regex-shape.js';
import type { RawFinding } from '../../src/core/types.js';
import { builtinDetector, make, rng } from './helpers.js';

// The keyword-window matcher must find exactly what the whole-text regex finds:
// the same findings, locations and fingerprints, in the same order.


const VALUES = [
  () => make.alnum(24),
  () => make.password(),
  () => make.hex(40),
  () => make.github(),
  () => make.awsKeyId(),
  () => make.npm(),
  () => make.stripe(),
  () => make.slackBot(),
  () => make.jwt(),
  () => make.openai(),
  () => make.anthropic(),
  () => make.gcpApiKey(),
  () => make.sendgrid(),
  () => 'changeme',
  () => '${SECRET_VALUE}',
];

/** Lines that wake rules (keywords everywhere), with and without secrets, in many syntaxes. */
const LINES: Array<(v: string) => string> = [
  (v) => `password = "${v}"`,
  (v) => `  const apiKey = '${v}';`,
  (v) => `export AUTH_TOKEN=${v}`,
  (v) => `DB_PASSWORD: ${v}`,
  (v) => `token: "${v}", secret: "${v}"`,
  (v) => `headers = {"Authorization": "Bearer ${v}"}`,
  (v) => `curl -u admin:${v} https://api.internal.test/`,
  (v) => `postgres://app:${v}@db.internal:5432/main`,
  (v) => `<add key="ApiKey" value="${v}"/>`,
  (v) => `<password>${v}</password>`,
  (v) => `docker run -e API_TOKEN=${v} app`,
  (v) => `url = "https://x.test/cb?token=${v}&a=1"`,
  (v) => `Server=db;User ID=sa;Password=${v};`,
  (v) => `variable "db_password" {\n  default = "${v}"\n}`,
  (v) => `- name: DB_PASSWORD\n  value: "${v}"`,
  (v) => v,
  (v) => `x=${v}`,
  (v) => `"${v}"`,
  () => 'const name = keyOf(token); // secret handling, auth flow, credential store',
  () => 'function passThrough(pass, pwd, key) { return key + pass; }',
  () => '',
  () => '   ',
  () => '// nothing to see here',
];

function pem(): string {
  const body = make.alnum(64) + '\n' + make.alnum(64) + '\n' + make.alnum(40);
  return `-----BEGIN RSA PRIVATE KEY-----\n${body}\n-----END RSA PRIVATE KEY-----`;
}

function generate(seed: number): string {
  const r = rng(seed);
  const lines: string[] = [];
  const n = 1 + r.int(40);
  for (let i = 0; i < n; i++) {
    const roll = r.next();
    if (roll < 0.05) lines.push(pem());
    else if (roll < 0.12) {
      // A long minified-style line: many statements on one line.
      const parts: string[] = [];
      for (let k = 0; k < 5 + r.int(20); k++) parts.push(r.pick(LINES)(r.pick(VALUES)()).replace(/\n/g, ' '));
      lines.push(parts.join(';'));
    } else lines.push(r.pick(LINES)(r.pick(VALUES)()));
  }
  const eol = r.next() < 0.3 ? '\r\n' : '\n';
  let text = lines.join(eol).replace(/\n/g, eol === '\r\n' ? '\r\n' : '\n').replace(/\r\r\n/g, '\r\n');
  if (r.next() < 0.5) text += eol;
  return text;
}

function findings(det: SecretDetector | { scan: SecretDetector['scan'] }, path: string, text: string, windows: boolean): RawFinding[] {
  SecretDetector.windows = windows;
  SecretDetector.windowMinChars = 0; // the generated texts are small: window them all the same
  return det.scan({ path, text }) as RawFinding[];
}

const MIN_CHARS = SecretDetector.windowMinChars;
afterEach(() => {
  SecretDetector.windows = true;
  SecretDetector.windowMinChars = MIN_CHARS;
});

const PATHS = ['src/app.js', '.env', 'deploy/values.yaml', 'web.config.xml', 'infra/main.tf', 'k8s/deploy.yaml', 'tools/x.py', 'README.md'];

describe('keyword windows find exactly what the whole-text regex finds', () => {
  test('generated files: tokens at file start and end, on line edges, CRLF, multi-line keys, long lines', async () => {
    const det = (await builtinDetector()) as SecretDetector;
    let total = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const text = generate(seed);
      const path = PATHS[seed % PATHS.length]!;
      const whole = findings(det, path, text, false);
      const windowed = findings(det, path, text, true);
      total += whole.length;
      if (JSON.stringify(windowed) !== JSON.stringify(whole)) {
        throw new Error(`seed ${seed} (${path}): windowed findings differ\n${JSON.stringify(whole.map((f) => [f.ruleId, f.line, f.column]))}\n${JSON.stringify(windowed.map((f) => [f.ruleId, f.line, f.column]))}`);
      }
    }
    expect(total).toBeGreaterThan(400); // the generator produces real findings, not only noise
  });

  test('a token as the whole text, first on the first line and last on the last line', async () => {
    const det = (await builtinDetector()) as SecretDetector;
    const gh = make.github();
    for (const text of [gh, `${gh}\n`, `\n${gh}`, `x\r\n${gh}`, `password="${make.password()}"`, `a\npassword="${make.password()}"`]) {
      const whole = findings(det, 'a.js', text, false);
      expect(whole.length).toBe(1);
      expect(findings(det, 'a.js', text, true)).toEqual(whole);
    }
  });

  test('user rules with anchors, lookbehinds, word boundaries and two-line spans', () => {
    const doc = {
      rules: [
        { id: 'anchored', description: 'd', severity: 'high', keywords: ['zzkey'], regex: '^zzkey=(?<secret>[a-z0-9]{10,})' },
        { id: 'multiline-anchored', description: 'd', severity: 'high', keywords: ['yykey'], regex: '(?m)^yykey=(?<secret>[a-z0-9]{10,})$' },
        { id: 'lookbehind', description: 'd', severity: 'high', keywords: ['qqkey'], regex: '(?<=qqkey[ \\t]*[:=][ \\t]*)(?<secret>[a-z0-9]{10,})\\b' },
        { id: 'two-lines', description: 'd', severity: 'high', keywords: ['wwkey'], regex: 'wwkey:[ \\t]*\\r?\\n[ \\t]*val:[ \\t]*(?<secret>[a-z0-9]{10,})' },
        { id: 'keyword-below', description: 'd', severity: 'high', keywords: ['uukey'], regex: 'user:[ \\t]*\\r?\\n[ \\t]*uukey:[ \\t]*(?<secret>[a-z0-9]{10,})' },
        { id: 'other-literal', description: 'd', severity: 'high', keywords: ['ttkey'], regex: '(?:ttkey|otherlit)=(?<secret>[a-z0-9]{10,})' },
        { id: 'wordy', description: 'd', severity: 'high', keywords: ['vvkey'], regex: '\\bvvkey\\b\\W{1,3}(?<secret>[a-z0-9]{10,})' },
      ],
    };
    const { rules, allowlist } = compileSecretRules([{ path: 'user.yaml', scanner: 'secrets', doc, user: true } as never], secretRuleFileSchema);
    const det = new SecretDetector(rules, allowlist);
    expect(rules.map((r) => regexShape(r.regex, r.keywords)?.windowLines)).toEqual([0, 0, undefined, 1, 1, 0, 3]); // a keyword only in a lookbehind is not in the match: whole text
    const r = rng(99);
    const pieces = [
      () => `zzkey=${make.hex(12)}`,
      () => `yykey=${make.hex(12)}`,
      () => `qqkey = ${make.hex(12)}`,
      () => `wwkey:\n  val: ${make.hex(12)}`,
      () => `wwkey:\r\n val: ${make.hex(12)}`,
      () => `user:\n  uukey: ${make.hex(12)}`,
      () => `user:\r\nuukey:${make.hex(12)}`,
      () => `vvkey\n${make.hex(12)}`,
      () => `vvkey: ${make.hex(12)}`,
      () => `xvvkey: ${make.hex(12)}`,
      () => `otherlit=${make.hex(12)}`,
      () => `ttkey=${make.hex(12)}`,
      () => 'noise zzkey yykey qqkey wwkey vvkey ttkey',
    ];
    let total = 0;
    for (let i = 0; i < 300; i++) {
      const parts: string[] = [];
      for (let k = 0; k < 1 + r.int(8); k++) parts.push(r.pick(pieces)());
      const text = parts.join(r.pick(['\n', '\r\n', ' ', '\n\n']));
      const whole = findings(det, 'f.txt', text, false);
      total += whole.length;
      expect(findings(det, 'f.txt', text, true)).toEqual(whole);
    }
    expect(total).toBeGreaterThan(100);
  });
});

describe('which rules run in windows', () => {
  const shape = (regex: string, keywords: string[], flags = 'gd') => regexShape(new RegExp(regex, flags), keywords);

  test('line-local patterns holding a keyword run in windows of their line', () => {
    expect(shape('(?:^|[^A-Za-z0-9_])(?<secret>ghp_[A-Za-z0-9]{36})', ['ghp_'])).toEqual({ windowLines: 0 });
    expect(shape('sk-(?:proj|admin)-[A-Za-z0-9]{40}', ['sk-proj-', 'sk-admin-'])).toEqual({ windowLines: 0 });
    expect(shape('api[_.-]?key[ \\t]*=[ \\t]*"[^"\\s]{8,}"', ['key'], 'gdi')).toEqual({ windowLines: 0 });
  });

  test('patterns that can cross lines without bound run over the whole text', () => {
    expect(shape('BEGIN[\\s\\S]{10,2000}END', ['begin'])).toBeUndefined();
    expect(shape('key[^"]*"', ['key'])).toBeUndefined();
    expect(shape('key.*x', ['key'], 'gds')).toBeUndefined();
    expect(shape('key\\s+x', ['key'])).toBeUndefined();
    expect(shape('key[\\x00-\\x7f]+', ['key'])).toBeUndefined(); // escapes the parser does not evaluate
  });

  test('a bounded number of line breaks widens the window by that many lines', () => {
    expect(shape('name:[ \\t]*\\n[ \\t]*value:[ \\t]*x', ['name'])).toEqual({ windowLines: 1 });
    expect(shape('key(?:\\r?\\n[^\\n]{0,10}){3}x', ['key'])).toEqual({ windowLines: 3 });
  });

  test('a match that need not contain a keyword windows on literals the pattern requires, or runs over the whole text', () => {
    expect(shape('(?:key|name)=[a-z]{10}', ['key'])).toEqual({ windowLines: 0, literals: ['key=', 'name='] });
    expect(shape('pass(?:word)?[ \\t]*=', ['password'])).toEqual({ windowLines: 0, literals: ['pass'] });
    expect(shape('x?key=', ['key'])).toEqual({ windowLines: 0 });
    expect(shape('(?:k)?ey=', ['key'])).toEqual({ windowLines: 0, literals: ['ey=', 'key='] });
    expect(shape('[a-z]{2}=[0-9]+', ['key'])).toBeUndefined(); // no literal of three characters or more
    expect(shape('(?:ab|xyz)[0-9]+', ['key'])).toBeUndefined();
    expect(shape('key', [])).toBeUndefined();
  });
});

describe('Aho–Corasick keyword matcher', () => {
  test('finds every occurrence, overlapping ones included, case-insensitively', () => {
    const m = new KeywordMatcher(['passw', 'pass', '_password', 'key', 'ey']);
    const hits = m.hits('MY_PASSWORD = pass; KEY');
    const found = Array.from({ length: hits.count }, (_, i) => `${m.keywords[hits.keywords[i]!]}@${hits.starts[i]}`).sort();
    expect(found).toEqual(['_password@2', 'ey@21', 'key@20', 'pass@14', 'pass@3', 'passw@3'].sort());
  });

  test('with a range, finds exactly the occurrences that lie wholly inside it', () => {
    const m = new KeywordMatcher(['passw', 'pass', '_password', 'key', 'ey']);
    const text = 'MY_PASSWORD = pass; KEY and a monkey with a passkey';
    const all = m.hits(text);
    const every = Array.from({ length: all.count }, (_, i) => ({ at: all.starts[i]!, kw: all.keywords[i]! }));
    for (let from = 0; from <= text.length; from++) {
      for (let to = from; to <= text.length; to++) {
        const h = m.hits(text, from, to);
        const got = Array.from({ length: h.count }, (_, i) => `${h.keywords[i]}@${h.starts[i]}`);
        const want = every.filter((x) => x.at >= from && x.at + m.keywords[x.kw]!.length <= to).map((x) => `${x.kw}@${x.at}`);
        expect(got).toEqual(want);
      }
    }
  });

  test('folds case as a non-Unicode i regex does: no non-ASCII character matches an ASCII keyword', () => {
    const m = new KeywordMatcher(['key', 'ſecret']);
    const text = '\u212Aey KEY ſecret SECRET';
    const hits = m.hits(text);
    const re = /key|ſecret/gi;
    const expected = [...text.matchAll(re)].map((x) => x.index);
    expect(Array.from(hits.starts.subarray(0, hits.count)).sort((a, b) => a - b)).toEqual(expected);
  });
});

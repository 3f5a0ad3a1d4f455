import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { catastrophicBacktracking, exponentialBacktracking } from '../../src/config/regex-safety.js';
import { compiledBuiltinRules } from '../../src/config/builtin-rules.js';
import { readRuleFiles } from '../../src/config/rule-files.js';
import { compileRuleSet } from '../../src/scanners/taint/compile.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/git-repo.js';

function userRules(yaml: string): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'rules', 'secrets'), { recursive: true });
  writeFileSync(join(dir, 'rules', 'secrets', 'mine.yaml'), yaml);
  writeFileSync(join(dir, 'x.txt'), 'hello abcdefghijklmnop!\n');
  return dir;
}

const rule = (fields: string) => `rules:\n  - id: my-rule\n    description: mine\n    severity: high\n    keywords: [hello]\n${fields}`;

describe('rule loading', () => {
  test('a user rule folder adds rules', () => {
    const dir = userRules(rule(`    regex: 'hello (?<secret>[a-p]{10,})'\n`));
    const res = runCli(['scan', '--all', 'x.txt', '--rules', 'rules', '--format', 'json'], { cwd: dir });
    expect(res.code).toBe(1);
    expect(JSON.parse(res.stdout).findings[0].ruleId).toBe('my-rule');
  });

  test.each([
    ['an unknown field', rule(`    regex: 'x'\n    keyword: [typo]\n`), /my-rule.*keyword/s],
    ['a missing regex', rule(''), /my-rule.*regex/s],
    ['a bad severity', rule(`    regex: 'x'\n`).replace('severity: high', 'severity: severe'), /my-rule.*severity/s],
    ['a regex that does not compile', rule(`    regex: '(unclosed'\n`), /my-rule.*does not compile/s],
    ['not YAML', 'rules: [\n', /not valid YAML/],
  ])('%s is exit 2 naming the file and rule', (_name, yaml, message) => {
    const dir = userRules(yaml);
    const res = runCli(['scan', '--all', 'x.txt', '--rules', 'rules'], { cwd: dir });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('mine.yaml');
    expect(res.stderr).toMatch(message);
  });

  test('a catastrophic pattern is refused at load time, promptly', () => {
    const dir = userRules(rule(`    regex: '(a+)+$'\n`));
    writeFileSync(join(dir, 'x.txt'), 'hello ' + 'a'.repeat(100_000) + '!\n');
    const started = Date.now();
    const res = runCli(['scan', '--all', 'x.txt', '--rules', 'rules'], { cwd: dir, timeout: 20_000 });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/my-rule.*backtrack catastrophically/s);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  test.each([
    ['(a+)+$', true],
    ['(\\w+\\s?)*$', true],
    ['(a|a)*', true],
    ['(?:x{2,})+', true],
    ['(a+)?', false],
    ['(?:\\d+\\.){3}', false],
    ['\\b(?<secret>gh[pousr]_[A-Za-z0-9]{36})\\b', false],
    ['[(+]+x', false],
  ])('backtracking check: %s unsafe=%s', (pattern, unsafe) => {
    expect(!!catastrophicBacktracking(pattern)).toBe(unsafe);
  });

  // The js ReDoS rule judges a program's regexes: a repeat delimited by a literal the inner repeat cannot
  // match (`(_[A-Z0-9]+)+`) matches one way only; the rule-file check stays strict.
  test.each([
    ['^([a-zA-Z0-9]+[._-]?)+@corp\\.example\\.com$', true],
    ['^(\\w+\\s?)+$', true],
    ['(a+)+', true],
    ['^(-[\\w-]+)+$', true],
    ['(/[^x]+)+', true],
    ['^([a-z]+\\-?)+$', true],
    ['^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$', false],
    ['^[a-z0-9]+(?:-[a-z0-9]+)*$', false],
    ['(/[^/]+)+', false],
    ['^(\\d+\\.)+\\d+$', false],
    ['^(,\\s*\\w+)*$', false],
  ])('exponential backtracking (program regexes): %s unsafe=%s', (pattern, unsafe) => {
    expect(!!exponentialBacktracking(pattern)).toBe(unsafe);
    expect(!!catastrophicBacktracking(pattern)).toBe(true);
  });

  // Built-in files the build validated skip the check at run time (the build ran it); a user's
  // file loaded beside them is still checked, in its conditions and in the joined knowledge lists.
  test.each([
    ['a condition', 'rules:\n  - id: my-py-rule\n    kind: pattern\n    description: mine\n    severity: high\n    message: mine\n    cwe: [CWE-78]\n    patterns:\n      - call: [os.system]\n        args:\n          - index: 0\n            matches: "(a+)+$"\n'],
    ['a knowledge list', "message-receivers: '(\\w+\\s?)*$'\n"],
  ])('a catastrophic regex in a user Python rule file (%s) is refused beside the compiled built-ins', (_what, yaml) => {
    const dir = tempDir();
    mkdirSync(join(dir, 'python'), { recursive: true });
    writeFileSync(join(dir, 'python', 'mine.yaml'), yaml);
    const builtin = compiledBuiltinRules(join(REPO_ROOT, 'rules'), ['python'])!;
    expect(builtin.every((f) => f.validated)).toBe(true);
    expect(() => compileRuleSet(builtin, 'python')).not.toThrow();
    const user = readRuleFiles(join(dir), ['python'], ['secrets', 'python', 'js'], true);
    expect(user.length).toBe(1);
    expect(() => compileRuleSet([...builtin, ...user], 'python')).toThrow(/backtrack catastrophically/);
    expect(() => compileRuleSet([...user, ...builtin], 'python')).toThrow(/backtrack catastrophically/);
  });

  // `reported-at-use` moves a Python call pattern's finding to a later call handed its result; the JS front end does
  // not read it, so a JS rule using it (or a Python pattern that is not a call) is refused, not silently ignored.
  test.each([
    ['js', 'rules:\n  - id: my-js-rule\n    kind: pattern\n    description: mine\n    severity: high\n    message: mine\n    cwe: [CWE-611]\n    patterns:\n      - call: [libxmljs.parseXml]\n        reported-at-use: [parse]\n', /only read by the Python scanner/],
    ['python', 'rules:\n  - id: my-py-rule\n    kind: pattern\n    description: mine\n    severity: high\n    message: mine\n    cwe: [CWE-489]\n    patterns:\n      - assign: [DEBUG]\n        value: true\n        reported-at-use: [run]\n', /for a 'call' pattern/],
    ['python', 'rules:\n  - id: my-py-rule\n    kind: pattern\n    description: mine\n    severity: high\n    message: mine\n    cwe: [CWE-611]\n    patterns:\n      - call: [lxml.etree.XMLParser]\n        reported-at-use: [lxml.etree.fromstring]\n', undefined],
  ])('reported-at-use in a %s rule file', (scanner, yaml, error) => {
    const dir = tempDir();
    mkdirSync(join(dir, scanner), { recursive: true });
    writeFileSync(join(dir, scanner, 'mine.yaml'), yaml);
    const user = readRuleFiles(join(dir), [scanner], ['secrets', 'python', 'js'], true);
    if (error) expect(() => compileRuleSet(user, scanner)).toThrow(error);
    else expect(() => compileRuleSet(user, scanner)).not.toThrow();
  });
});

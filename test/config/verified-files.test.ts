import { spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileIdentity, VERIFIED_FILES, VerifiedFiles } from '../../src/core/verified-files.js';
import { tempDir } from '../helpers/git-repo.js';
import { copyPackage } from '../helpers/package-copy.js';

/**
 * dist/verified-files.json lets a hook trust a built-in rule file, the folders of rules/ and the
 * keyword automata by identity once a run has checked their content (src/core/verified-files.ts).
 * It may only ever save work: any change to a file or folder must be seen and checked in full.
 */
describe('verified files: the record', () => {
  let root: string;
  beforeEach(() => {
    root = tempDir();
    mkdirSync(join(root, 'dist'));
    writeFileSync(join(root, 'a.yaml'), 'a: 1\n');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const remembered = (build = 'b1') => {
    const v = new VerifiedFiles(root, build);
    v.remember(join(root, 'a.yaml'), fileIdentity(join(root, 'a.yaml')));
    v.save();
  };

  test('a file is trusted by a later run while nothing about it changed', () => {
    expect(new VerifiedFiles(root, 'b1').trusted(join(root, 'a.yaml'))).toBe(false);
    remembered();
    expect(new VerifiedFiles(root, 'b1').trusted(join(root, 'a.yaml'))).toBe(true);
  });

  test('any write is seen: new content, same size, even with the old modification time put back', () => {
    remembered();
    const file = join(root, 'a.yaml');
    const before = statSync(file, { bigint: true });
    writeFileSync(file, 'a: 2\n'); // same size
    // The modification time put back to the nanosecond (touch); the change time cannot be.
    const ns = before.mtimeNs;
    expect(spawnSync('touch', ['-m', '-d', `@${ns / 1_000_000_000n}.${String(ns % 1_000_000_000n).padStart(9, '0')}`, file]).status).toBe(0);
    expect(statSync(file, { bigint: true }).mtimeNs).toBe(before.mtimeNs);
    expect(new VerifiedFiles(root, 'b1').trusted(file)).toBe(false);
  });

  test('another build, a damaged or foreign record, a missing file: nothing is trusted, nothing throws', () => {
    remembered('b1');
    expect(new VerifiedFiles(root, 'b2').trusted(join(root, 'a.yaml'))).toBe(false);
    for (const text of ['', '{', 'null', '[]', '{"build":"b1"}', '{"build":"b1","files":"x"}', '{"build":"b1","files":{"a.yaml":7}}']) {
      writeFileSync(join(root, VERIFIED_FILES), text);
      expect({ text, trusted: new VerifiedFiles(root, 'b1').trusted(join(root, 'a.yaml')) }).toEqual({ text, trusted: false });
    }
    remembered('b1');
    rmSync(join(root, 'a.yaml'));
    expect(new VerifiedFiles(root, 'b1').trusted(join(root, 'a.yaml'))).toBe(false);
  });

  test('an identity taken before a check that a change overtook is not trusted afterwards', () => {
    const file = join(root, 'a.yaml');
    const identity = fileIdentity(file); // taken, then the file changes while it is being checked
    appendFileSync(file, 'b: 2\n');
    const v = new VerifiedFiles(root, 'b1');
    v.remember(file, identity);
    v.save();
    expect(new VerifiedFiles(root, 'b1').trusted(file)).toBe(false);
  });

  test('a group is trusted only while every member is', () => {
    mkdirSync(join(root, 'sub'));
    const v = new VerifiedFiles(root, 'b1');
    v.rememberGroup('folders', [root, join(root, 'sub')].map((path) => ({ path, identity: fileIdentity(path) })));
    v.save();
    expect(new VerifiedFiles(root, 'b1').trustedGroup('folders')).toBe(true);
    expect(new VerifiedFiles(root, 'b1').trustedGroup('other')).toBe(false);
    writeFileSync(join(root, 'sub', 'new.yaml'), 'x: 1\n'); // a name added below changes only its folder
    expect(new VerifiedFiles(root, 'b1').trustedGroup('folders')).toBe(false);
  });

  test('a fact is returned while every file it came from keeps its identity, and never after a change', () => {
    mkdirSync(join(root, 'pkg'));
    writeFileSync(join(root, 'pkg', 'types.json'), '[]');
    const from = () => [join(root, 'pkg'), join(root, 'pkg', 'types.json')].map((path) => ({ path, identity: fileIdentity(path) }));
    const v = new VerifiedFiles(root, 'b1');
    expect(v.fact('grammar x')).toBeUndefined();
    v.rememberFact('grammar x', from(), { binding: 'pkg/x.node', fieldless: ['a'] });
    v.save();
    expect(new VerifiedFiles(root, 'b1').fact('grammar x')).toEqual({ binding: 'pkg/x.node', fieldless: ['a'] });
    expect(new VerifiedFiles(root, 'b2').fact('grammar x')).toBeUndefined();
    writeFileSync(join(root, 'pkg', 'types.json'), '[1]');
    expect(new VerifiedFiles(root, 'b1').fact('grammar x')).toBeUndefined();
    // a name added to a folder it came from
    const w = new VerifiedFiles(root, 'b1');
    w.rememberFact('grammar x', from(), 1);
    w.save();
    expect(new VerifiedFiles(root, 'b1').fact('grammar x')).toBe(1);
    writeFileSync(join(root, 'pkg', 'other.node'), '');
    expect(new VerifiedFiles(root, 'b1').fact('grammar x')).toBeUndefined();
    // derived from a file that is not there: not remembered at all
    const u = new VerifiedFiles(root, 'b1');
    u.rememberFact('grammar y', [{ path: join(root, 'missing'), identity: fileIdentity(join(root, 'missing')) }], 2);
    u.save();
    expect(new VerifiedFiles(root, 'b1').fact('grammar y')).toBeUndefined();
    for (const facts of ['x', { 'grammar x': 1 }, { 'grammar x': { files: 'pkg', value: 1 } }, { 'grammar x': { files: [], value: 1 } }, { 'grammar x': { files: [7], value: 1 } }]) {
      writeFileSync(join(root, VERIFIED_FILES), JSON.stringify({ build: 'b1', files: {}, facts }));
      expect({ facts, value: new VerifiedFiles(root, 'b1').fact('grammar x') }).toEqual({ facts, value: undefined });
    }
  });

  test('a package folder mso cannot write: the record is not saved, and nothing throws', () => {
    if (process.getuid?.() === 0) {
      // root writes anyway: make the target a folder so the rename fails instead
      mkdirSync(join(root, VERIFIED_FILES));
    } else chmodSync(join(root, 'dist'), 0o555);
    const v = new VerifiedFiles(root, 'b1');
    v.remember(join(root, 'a.yaml'), fileIdentity(join(root, 'a.yaml')));
    expect(() => v.save()).not.toThrow();
    expect(new VerifiedFiles(root, 'b1').trusted(join(root, 'a.yaml'))).toBe(false);
    chmodSync(join(root, 'dist'), 0o755);
  });
});

describe('verified files: the CLI sees every change to the built-in rules after a run recorded them', () => {
  // A copy of the built package (node_modules linked), whose rules/ is then edited.
  let pkg: string;
  let work: string;
  beforeAll(() => {
    pkg = copyPackage();
    rmSync(join(pkg, VERIFIED_FILES), { force: true });
    work = tempDir();
    writeFileSync(join(work, 'app.ts'), `import https from 'node:https';\nexport const agent = new https.Agent({ rejectUnauthorized: false });\n`);
  });
  afterAll(() => {
    rmSync(pkg, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  });

  const scan = () => {
    const r = spawnSync(process.execPath, [join(pkg, 'dist', 'cli', 'main.cjs'), 'scan', '--all', 'app.ts', '--format', 'json'], { cwd: work, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    const findings = r.status === 1 ? (JSON.parse(r.stdout) as { findings: Array<{ ruleId: string; line: number }> }).findings.map((f) => `${f.ruleId}:${f.line}`) : [];
    return { code: r.status, findings, stderr: r.stderr };
  };
  const record = () => JSON.parse(readFileSync(join(pkg, VERIFIED_FILES), 'utf8')) as { files: Record<string, string> };

  test('recorded on the first run; an edit, a new rule file, a removed one, each seen on the next', () => {
    const expected = { code: 1, findings: ['js-tls-verification-disabled:2'] };
    expect(scan()).toMatchObject(expected);
    expect(Object.keys(record().files)).toEqual(expect.arrayContaining(['rules/js', 'rules/js/config.yaml', 'rules/secrets']));
    expect(scan()).toMatchObject(expected); // trusted now

    // An edit that breaks the rule file: the run must read it, and fail closed.
    const config = join(pkg, 'rules', 'js', 'config.yaml');
    const original = readFileSync(config, 'utf8');
    writeFileSync(config, original.replace('    kind: pattern\n', '    kind: pattern\n    typo-field: 1\n'));
    const broken = scan();
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/config\.yaml/);
    expect(broken.stderr).toMatch(/typo-field/);

    // An edit that changes what the rule means (same file, valid): the new meaning applies.
    writeFileSync(config, original.replace("value: false\n", "value: 'never'\n"));
    expect(scan()).toMatchObject({ code: 0 });
    writeFileSync(config, original);
    expect(scan()).toMatchObject(expected);

    // A rule file added to a folder the record trusts: read, and here invalid.
    const added = join(pkg, 'rules', 'js', 'zz-added.yaml');
    writeFileSync(added, 'rules:\n  - id: BAD ID\n');
    expect(scan().code).toBe(2);
    rmSync(added);
    expect(scan()).toMatchObject(expected);
  });

  test('the grammar a .ts scan loaded is remembered; a stale or wrong memo only costs the lookup', () => {
    const expected = { code: 1, findings: ['js-tls-verification-disabled:2'] };
    expect(scan()).toMatchObject(expected);
    type Fact = { files: string[]; value: { binding: string; fieldless: string[] } };
    const facts = () => (JSON.parse(readFileSync(join(pkg, VERIFIED_FILES), 'utf8')) as { facts: Record<string, Fact> }).facts;
    const name = 'grammar tree-sitter-typescript/typescript';
    const fact = facts()[name]!;
    expect(fact.value.binding).toMatch(/tree-sitter-typescript.*\.node$/);
    expect(fact.value.fieldless.length).toBeGreaterThan(10);
    expect(fact.files.some((f) => f.endsWith('typescript/src/node-types.json'))).toBe(true);
    const edit = (change: (r: { files: Record<string, string>; facts: Record<string, Fact> }) => void) => {
      const r = JSON.parse(readFileSync(join(pkg, VERIFIED_FILES), 'utf8'));
      change(r);
      writeFileSync(join(pkg, VERIFIED_FILES), JSON.stringify(r));
    };
    // A native file that is no longer there: the grammar is resolved as before, same findings.
    edit((r) => (r.facts[name]!.value.binding = 'node_modules/gone/gone.node'));
    expect(scan()).toMatchObject(expected);
    // A source file whose identity no longer matches: derived again, and remembered right.
    const types = fact.files.find((f) => f.endsWith('node-types.json'))!;
    edit((r) => {
      r.files[types] = 'not-its-identity';
      r.facts[name]!.value.fieldless = [];
    });
    expect(scan()).toMatchObject(expected);
    expect(facts()[name]!.value).toEqual(fact.value);
  });
});

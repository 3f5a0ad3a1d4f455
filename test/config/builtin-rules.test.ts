import { appendFileSync, cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compiledBuiltinDoc, compiledBuiltinRules, COMPILED_RULES_FILE } from '../../src/config/builtin-rules.js';
import { parseRuleYaml } from '../../src/config/yaml-parse.js';
import { validateControlPlaneList } from '../../src/hooks/agent/control-plane-list.js';
import { readRuleFiles } from '../../src/config/rule-files.js';
import { createSecretScanner } from '../../src/scanners/secrets/index.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { tempDir } from '../helpers/git-repo.js';
import { tokens } from '../helpers/tokens.js';

/**
 * The built-in rules compiled at build time (dist/builtin-rules.json, `npm test` builds first) are
 * used only while they describe rules/ exactly; any edit, addition or removal falls back to the
 * YAML, so the compiled form can never change what a rule file means.
 */
const rules = join(REPO_ROOT, 'rules');

describe('compiled built-in rules', () => {
  let copy: string;
  beforeEach(() => {
    copy = join(tempDir(), 'rules');
    cpSync(rules, copy, { recursive: true });
  });
  afterEach(() => rmSync(copy, { recursive: true, force: true }));

  test('the build wrote them, and they are what the YAML says, validated', () => {
    expect(JSON.parse(readFileSync(join(REPO_ROOT, COMPILED_RULES_FILE), 'utf8')).version).toBe(1);
    const compiled = compiledBuiltinRules(rules, ['secrets'])!;
    const parsed = readRuleFiles(rules, ['secrets'], ['secrets', 'python'], false);
    expect(compiled.map((f) => f.path)).toEqual(parsed.map((f) => f.path));
    expect(compiled.every((f) => f.validated && f.scanner === 'secrets')).toBe(true);
    // Same rule ids in the same order as the YAML.
    const ids = (files: typeof parsed) => files.flatMap((f) => ((f.doc.rules as Array<{ id: string }>) ?? []).map((r) => r.id));
    expect(ids(compiled)).toEqual(ids(parsed));
  });

  test('no caller is given a document another caller holds (the file is parsed once per process)', () => {
    const first = compiledBuiltinRules(rules, ['secrets'])!;
    const second = compiledBuiltinRules(rules, ['secrets'])!;
    expect(second.map((f) => f.doc)).toEqual(first.map((f) => f.doc));
    for (let i = 0; i < first.length; i++) expect(second[i]!.doc).not.toBe(first[i]!.doc);
    // a caller that changes what it got changes nothing for the next one
    const at = first.findIndex((f) => Array.isArray(f.doc.rules) && f.doc.rules.length > 0);
    expect(at).toBeGreaterThanOrEqual(0);
    (first[at]!.doc.rules as unknown[]).length = 0;
    expect((compiledBuiltinRules(rules, ['secrets'])![at]!.doc.rules as unknown[]).length).toBeGreaterThan(0);
    const plane = compiledBuiltinDoc(rules, 'guard/control-plane.yaml');
    expect(plane).toBeDefined();
    expect(compiledBuiltinDoc(rules, 'guard/control-plane.yaml')).not.toBe(plane);
  });

  test('a scanner built from them finds what one built from the YAML finds', async () => {
    const text = `token = "${tokens.github()}"\nkey = "${tokens.awsKeyId()}"\n`;
    const fromCompiled = await createSecretScanner(compiledBuiltinRules(rules, ['secrets'])!);
    const fromYaml = await createSecretScanner(readRuleFiles(rules, ['secrets'], ['secrets', 'python'], false));
    const ids = async (s: typeof fromYaml) => (await s.scan({ path: 'a.py', text })).map((f) => f.ruleId).sort();
    expect(await ids(fromCompiled)).toEqual(await ids(fromYaml));
    expect((await ids(fromCompiled)).length).toBeGreaterThan(0);
  });

  test('the control-plane list (read by every pretool call) is stored validated; an edit falls back to the YAML', () => {
    const path = join(copy, 'guard', 'control-plane.yaml');
    const fromYaml = validateControlPlaneList(parseRuleYaml(readFileSync(path, 'utf8')), path);
    expect(compiledBuiltinDoc(copy, 'guard/control-plane.yaml')).toEqual(fromYaml);
    appendFileSync(path, '\n# edited\n');
    expect(compiledBuiltinDoc(copy, 'guard/control-plane.yaml')).toBeUndefined();
  });

  test('the control-plane list validator refuses a malformed list, naming each problem', () => {
    const bad = { version: 2, paths: [], environment: ['1BAD'], gitConfigKeys: [''], commands: [[]], extra: true };
    expect(() => validateControlPlaneList(bad, 'x.yaml')).toThrow(
      /invalid control-plane list[\s\S]*unrecognized key "extra"[\s\S]*version[\s\S]*paths[\s\S]*environment\.0[\s\S]*gitConfigKeys\.0[\s\S]*commands\.0/,
    );
    expect(() => validateControlPlaneList([], 'x.yaml')).toThrow(/\(top level\)/);
  });

  test('an edited, added or removed rule file makes them unusable (the YAML is read instead)', () => {
    expect(compiledBuiltinRules(copy, ['secrets'])).toBeDefined();
    appendFileSync(join(copy, 'secrets', 'github.yaml'), '\n# edited\n');
    expect(compiledBuiltinRules(copy, ['secrets'])).toBeUndefined();
    // A scanner that does not read the edited file still may use them.
    expect(compiledBuiltinRules(copy, ['python'])).toBeDefined();

    rmSync(copy, { recursive: true });
    cpSync(rules, copy, { recursive: true });
    writeFileSync(join(copy, 'secrets', 'zz-new.yaml'), 'rules: []\n');
    expect(compiledBuiltinRules(copy, ['secrets'])).toBeUndefined();

    rmSync(join(copy, 'secrets', 'zz-new.yaml'));
    rmSync(join(copy, 'secrets', 'stripe.yaml'));
    expect(compiledBuiltinRules(copy, ['secrets'])).toBeUndefined();
  });
});

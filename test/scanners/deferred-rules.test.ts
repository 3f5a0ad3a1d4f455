import { join } from 'node:path';
import { compiledBuiltinRules } from '../../src/config/builtin-rules.js';
import { readRuleFiles } from '../../src/config/rule-files.js';
import { JsScanner } from '../../src/scanners/js/scanner.js';
import { PythonScanner } from '../../src/scanners/python/scanner.js';
import { compileRuleSet, ruleSetFor, type DeferredRuleSet } from '../../src/scanners/taint/compile.js';
import { REPO_ROOT } from '../helpers/cli.js';

/**
 * A code scanner built from exactly the built-in rule files compiles its rule set only when it
 * needs it (taint/compile.ts ruleSetFor): a hook that scans a clean file never pays for it. The
 * findings with a deferred set are the ones every CLI test checks (every scanner the CLI builds from
 * the built-in rules defers); this checks when compilation happens, without parsing in this process
 * (node-tree-sitter's prototypes break when another test file in the same jest worker loaded it).
 * Anything else (a user's rule files) is compiled at once, so that a broken rule fails every run.
 */
const rulesDir = join(REPO_ROOT, 'rules');

function counted(source: DeferredRuleSet) {
  const counter = { compiled: 0 };
  return { counter, source: { gateTables: source.gateTables, compile: () => (counter.compiled++, source.compile()) } };
}

test('python: files that do not open the gate leave the rule set uncompiled; describing the rules compiles it once', () => {
  const files = compiledBuiltinRules(rulesDir, ['python'])!;
  const deferred = ruleSetFor(files, 'python');
  expect('compile' in deferred).toBe(true);
  const { counter, source } = counted(deferred as DeferredRuleSet);
  const lazy = new PythonScanner(source);
  const eager = new PythonScanner(compileRuleSet(files, 'python'));
  for (const clean of ['def handler(request):\n    return {"id": 1, "ok": True}\n', 'TOTAL = sum(x * 2 for x in range(10))\n']) {
    expect(lazy.scanText('app/clean.py', clean)).toEqual({ findings: [], calls: [] });
  }
  expect(counter.compiled).toBe(0);
  // The gate is the build's, the same as the compiled set's.
  const vulnerable = 'import os\n\ndef run(request):\n    os.system("ls " + request.args["dir"])\n';
  expect(lazy.gate.opens(vulnerable)).toBe(true);
  expect(lazy.gate.opens(vulnerable)).toBe(eager.gate.opens(vulnerable));
  expect(counter.compiled).toBe(0);
  expect(lazy.describeRules()).toEqual(eager.describeRules());
  expect(lazy.describeRules().length).toBeGreaterThan(10);
  expect(counter.compiled).toBe(1);
});

test('js: a diff fragment whose added lines hold a rule word compiles it (the trigger words are in the set)', async () => {
  const files = compiledBuiltinRules(rulesDir, ['js'])!;
  const { counter, source } = counted(ruleSetFor(files, 'js') as DeferredRuleSet);
  const lazy = new JsScanner(source);
  expect(lazy.scanText('src/add.ts', 'export const add = (a: number, b: number) => a + b;\n')).toEqual({ findings: [], calls: [] });
  expect(counter.compiled).toBe(0);
  // The added lines' words are tested against the set's trigger (here `exec` wakes it), so the set
  // is compiled; the file at that commit opens no gate (nothing is parsed in this process).
  const whole = 'export const one = 1;\n';
  expect(await lazy.scan({ path: 'src/run.ts', text: 'exec\n', lineMap: [1], loadFull: async () => whole })).toEqual([]);
  expect(counter.compiled).toBe(1);
});

test("a user's rule files are compiled at once: a broken one fails when the scanner is built", () => {
  // Read from the YAML, not the compiled form: not the build's files, so nothing is deferred.
  const fromYaml = readRuleFiles(rulesDir, ['python'], ['secrets', 'python', 'js'], false);
  expect('compile' in ruleSetFor(fromYaml, 'python')).toBe(false);
  const broken = [...fromYaml, { scanner: 'python', path: '/tmp/mine.yaml', doc: { rules: [{ id: 'BAD ID' }] }, validated: false }];
  expect(() => ruleSetFor(broken, 'python')).toThrow();
});

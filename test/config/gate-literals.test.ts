import { join } from 'node:path';
import { builtinRegexLiterals, compiledBuiltinRules } from '../../src/config/builtin-rules.js';
import { readRuleFiles } from '../../src/config/rule-files.js';
import { requiredRegexLiterals } from '../../src/scanners/secrets/regex-shape.js';
import { createPythonScanner } from '../../src/scanners/python/index.js';
import { createJsScanner } from '../../src/scanners/js/index.js';
import { recordGateLiterals } from '../../src/scanners/taint/gate.js';
import type { TaintScanner } from '../../src/scanners/taint/scanner.js';
import { REPO_ROOT } from '../helpers/cli.js';

/**
 * The build stores what the code scanners' gate derives from each built-in regex
 * (dist/builtin-rules.json `regexLiterals`, `npm test` builds first), so a hook does not analyse
 * them again: the memo must be exactly the analysis, and a gate built with it the same gate.
 */
const rules = join(REPO_ROOT, 'rules');

async function gates(): Promise<unknown[]> {
  const py = (await createPythonScanner(compiledBuiltinRules(rules, ['python'])!)) as TaintScanner;
  const js = (await createJsScanner(compiledBuiltinRules(rules, ['js'])!)) as TaintScanner;
  // The gate's tables, without its keyword matcher (built from the words).
  return [py.computedGate(), js.computedGate()].map((g) => {
    const { words, triggers, sources } = g as unknown as Record<string, unknown>;
    return { words, triggers, sources };
  });
}

describe("the build's regex literal memo", () => {
  test('holds, for each regex, what requiredRegexLiterals says', () => {
    const memo = builtinRegexLiterals()!;
    const keys = Object.keys(memo);
    expect(keys.length).toBeGreaterThan(10);
    for (const key of keys) {
      const slash = key.indexOf('/');
      const re = new RegExp(key.slice(slash + 1), key.slice(0, slash));
      expect({ key, literals: requiredRegexLiterals(re) ?? null }).toEqual({ key, literals: memo[key] });
    }
    expect(keys.some((k) => memo[k] !== null)).toBe(true);
  });

  test('a gate built with the memo equals one built by analysing every regex', async () => {
    const withMemo = await gates();
    const recorded = recordGateLiterals(); // recording turns the memo off
    const analysed = await gates();
    expect(withMemo).toEqual(analysed);
    // Every regex the gates analysed is in the memo.
    const memo = builtinRegexLiterals()!;
    expect([...recorded.keys()].filter((k) => !Object.hasOwn(memo, k))).toEqual([]);
    expect(recorded.size).toBeGreaterThan(10);
  });
});

describe("the build's gate tables for the built-in rules", () => {
  const computed = (s: TaintScanner) => (s.computedGate() as unknown as { tables(): unknown }).tables();

  test('a rule set of exactly the compiled built-in files uses them, and they equal the gate computed from the rules', async () => {
    for (const [name, create] of [
      ['python', createPythonScanner],
      ['js', createJsScanner],
    ] as const) {
      const s = (await create(compiledBuiltinRules(rules, [name])!)) as TaintScanner;
      const set = (s as unknown as { set: { gateTables?: unknown } }).set;
      expect({ name, stored: set.gateTables !== undefined }).toEqual({ name, stored: true });
      expect(set.gateTables).toEqual(JSON.parse(JSON.stringify(computed(s))));
      expect((s.gate as unknown as { tables(): unknown }).tables()).toEqual(set.gateTables);
    }
  });

  test('a rule set with a user file, read from the YAML, or a partial list computes its gate', async () => {
    const builtin = compiledBuiltinRules(rules, ['python'])!;
    const fromYaml = readRuleFiles(rules, ['python'], ['secrets', 'python', 'js'], false);
    const sets = [fromYaml, builtin.slice(1), [...builtin, { scanner: 'python', path: '/elsewhere/mine.yaml', doc: {}, validated: false }], [...builtin].reverse()];
    for (const files of sets) {
      const s = (await createPythonScanner(files)) as TaintScanner;
      expect((s as unknown as { set: { gateTables?: unknown } }).set.gateTables).toBeUndefined();
    }
  });
});

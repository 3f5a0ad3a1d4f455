import { join } from 'node:path';
import { readRuleFiles } from '../../src/config/rule-files.js';
import { compilePythonRules } from '../../src/scanners/python/compile.js';
import { callsOwnFunction } from '../../src/scanners/taint/own-calls.js';
import { CASES } from './rule-cases.js';

/**
 * A commit or staged hunk is analysed only when one of its added lines holds a word some rule looks
 * for (RuleSet.trigger). Every flagged line of every vulnerable example, added on its own, must pass
 * that check, so no rule (including ones that name no call: `Model(**data)`, `resp["Access-Control-
 * Allow-Origin"] = ...`) is unreachable in diff scans. A line that calls a function of the file (a query
 * built here and run by a helper) wakes it too: the helper's sink may be on an old line.
 */
describe('python rules: every flagged line wakes the diff-fragment trigger', () => {
  const set = compilePythonRules(readRuleFiles(join(process.cwd(), 'rules'), ['python'], ['secrets', 'python', 'js'], false));
  const flagged = CASES.filter((c) => c.vulnerable && !c.diffLimit).flatMap((c) => {
    // Names imported under another name (`from pickle import loads as unpickle`), a list item inside an
    // existing assignment, and lines flagged for what another line does with them (`diffLimit`) name nothing
    // by themselves: documented limits of the trigger.
    const aliases = [...c.code.matchAll(/\bimport\s+[\w.]+\s+as\s+(\w+)/g)].map((m) => m[1]!);
    return c.code
      .split('\n')
      .filter((l) => l.trimEnd().endsWith('#!'))
      .filter((l) => !/^\s+["']/.test(l) && !aliases.some((a) => new RegExp(`\\b${a}\\(`).test(l)))
      .map((l) => [c.name, l.replace(/\s*#!\s*$/, ''), c.code] as const);
  });

  test.each(flagged)('%s: %s', (_name, line, code) => {
    expect(set.trigger.test(line) || callsOwnFunction(line, code)).toBe(true);
  });
});

describe('own-calls: an added line reaching a helper of the file without naming it wakes a range scan', () => {
  const py = 'import os\n\ndef run(cmd):\n    os.system("ls " + cmd)\n\nR = run\nTABLE = {"ls": R}\nWRAP = lambda c: run(c)\n\nclass Tools:\n    handler = run\n';
  const js = "function run(c) { exec('ls ' + c); }\nconst R = run;\nconst TABLE = { ls: R };\nclass Tool {\n  enter(d) {\n    exec('cd ' + d);\n  }\n}\n";
  test.each([
    [py, 'R(d)'],
    [py, 'TABLE[k](d)'],
    [py, 'WRAP(d)'],
    [py, 'list(map(run, xs))'],
    [py, 'Tools.handler(d)'],
    [py, 'getattr(obj, name)(d)'],
    [js, 'TABLE.ls(d);'],
    [js, 'const f = t.enter; f.call(t, d);'],
    [js, 'this[action](d);'],
  ])('%#: %s', (code, line) => {
    expect(callsOwnFunction(line, code)).toBe(true);
  });
  test.each([
    [py, 'print(d)'],
    [py, 'total = price * 2'],
    [js, 'console.log(d);'],
  ])('%#: %s stays asleep', (code, line) => {
    expect(callsOwnFunction(line, code)).toBe(false);
  });
});

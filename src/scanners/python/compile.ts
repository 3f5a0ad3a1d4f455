import type { RuleFile } from '../../config/rule-files.js';
import { compileRuleSet, type RuleSet } from '../taint/compile.js';

export type PythonRuleSet = RuleSet;

/** Python rule files (`rules/python/*.yaml`), validated against the shared taint-rule schema. */
export function compilePythonRules(files: RuleFile[]): PythonRuleSet {
  return compileRuleSet(files, 'python');
}

import type { RuleFile } from '../../config/rule-files.js';
import type { Scanner } from '../scanner.js';
import { compilePythonRules } from './compile.js';
import { PythonScanner } from './scanner.js';

export async function createPythonScanner(files: RuleFile[]): Promise<Scanner> {
  // Built-in rules were validated at build time: zod loads only for a user's rule file.
  const schema = files.every((f) => f.validated) ? undefined : (await import('./schema.js')).pythonRuleFileSchema;
  return new PythonScanner(compilePythonRules(files, schema));
}

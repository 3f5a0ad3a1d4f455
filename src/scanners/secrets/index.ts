import type { RuleFile } from '../../config/rule-files.js';
import type { Scanner } from '../scanner.js';
import { compileSecretRules } from './compile.js';
import { SecretDetector } from './detector.js';

export async function createSecretScanner(files: RuleFile[]): Promise<Scanner> {
  // Built-in rules were validated at build time: zod loads only for a user's rule file.
  const schema = files.every((f) => f.validated) ? undefined : (await import('./schema.js')).secretRuleFileSchema;
  const { rules, allowlist } = compileSecretRules(files, schema);
  return new SecretDetector(rules, allowlist);
}

import type { RuleFile } from '../../config/rule-files.js';
import type { Scanner } from '../scanner.js';
import { compileSecretRules } from './compile.js';
import { SecretDetector } from './detector.js';

export async function createSecretScanner(files: RuleFile[]): Promise<Scanner> {
  const { rules, allowlist } = compileSecretRules(files);
  return new SecretDetector(rules, allowlist);
}

import type { RuleFile } from '../../config/rule-files.js';
import type { Scanner } from '../scanner.js';
import { compileSecretRules } from './compile.js';
import { SecretDetector } from './detector.js';
import { DEFAULT_LIMITS } from './decode.js';
import { DecodingSecretScanner } from './decoding-scanner.js';

export async function createSecretScanner(files: RuleFile[], opts: { decodeDepth?: number } = {}): Promise<Scanner> {
  // Built-in rules were validated at build time: zod loads only for a user's rule file.
  const schema = files.every((f) => f.validated) ? undefined : (await import('./schema.js')).secretRuleFileSchema;
  const { rules, allowlist } = compileSecretRules(files, schema);
  const detector = new SecretDetector(rules, allowlist);
  // The decode stage wraps the detector (decoding-scanner.ts); depth 0 turns it off.
  const depth = opts.decodeDepth ?? DEFAULT_LIMITS.depth;
  if (depth <= 0) return detector;
  const isPlaceholder = (value: string) => {
    const lower = value.toLowerCase();
    return allowlist.stopwords.some((w) => lower.includes(w)) || allowlist.tests.some((t) => t.target === 'secret' && t.regex.test(value));
  };
  return new DecodingSecretScanner(detector, { ...DEFAULT_LIMITS, depth }, isPlaceholder);
}

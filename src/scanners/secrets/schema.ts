import { z } from 'zod';
import { SEVERITIES } from '../../core/types.js';
import { VALIDATORS } from './validators.js';

/**
 * The schema of a secret rule file (`rules/secrets/*.yaml`). Unknown fields
 * are errors: a typo such as `keyword:` must not silently disable a prefilter.
 */
const allowEntry = z.union([
  z.string(),
  z.strictObject({
    regex: z.string(),
    /** What the regex is matched against: the secret (default), the whole match, or the whole line. */
    target: z.enum(['secret', 'match', 'line']).default('secret'),
  }),
]);

export const secretRuleSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case letters, digits, dot, dash and underscore'),
  description: z.string().min(1),
  severity: z.enum(SEVERITIES),
  tags: z.array(z.string()).default([]),
  keywords: z.array(z.string().min(2)).default([]),
  regex: z.string().min(1),
  entropy: z.number().min(0).max(8).optional(),
  /** Minimum entropy for values made only of hex digits (their alphabet caps entropy at 4 bits); defaults to `entropy`. */
  'hex-entropy': z.number().min(0).max(4).optional(),
  validate: z.enum(Object.keys(VALIDATORS) as [string, ...string[]]).optional(),
  allow: z.array(allowEntry).default([]),
  stopwords: z.array(z.string()).default([]),
  paths: z.array(z.string()).optional(),
  'exclude-paths': z.array(z.string()).optional(),
  /** Which part a finding's location covers: the secret group (default) or the whole match (e.g. a PEM block from BEGIN to END). */
  region: z.enum(['secret', 'match']).default('secret'),
  /** Higher wins when two rules match the same text (specific providers over generic assignments). */
  priority: z.number().int().default(0),
  /** Skip the file-wide allowlist (placeholders, references) for this rule. */
  'global-allowlist': z.boolean().default(true),
  fix: z.string().optional(),
});

export const secretAllowlistSchema = z.strictObject({
  description: z.string().optional(),
  regexes: z.array(allowEntry).default([]),
  stopwords: z.array(z.string()).default([]),
  paths: z.array(z.string()).default([]),
});

export const secretRuleFileSchema = z.strictObject({
  scanner: z.literal('secrets').optional(),
  description: z.string().optional(),
  rules: z.array(secretRuleSchema).default([]),
  allowlist: secretAllowlistSchema.optional(),
});

export type SecretRuleSpec = z.infer<typeof secretRuleSchema>;
export type SecretAllowlistSpec = z.infer<typeof secretAllowlistSchema>;
export type SecretRuleFileSpec = z.infer<typeof secretRuleFileSchema>;

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { MsoError, errorMessage } from '../../core/errors.js';
import { builtinRulesDir } from '../../core/package-root.js';
import { parseRuleYaml } from '../../config/yaml-parse.js';

/**
 * The declarative list of mso's control plane (rules/guard/control-plane.yaml),
 * validated on load like the other rule files: the paths an agent may not
 * change, the environment variables and git keys that switch a hook off, and
 * the mso commands only a person runs.
 */
const listSchema = z.strictObject({
  version: z.literal(1),
  paths: z.array(z.string().min(1)).min(1),
  environment: z.array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*\*?$/, 'an environment variable name, optionally ending in *')),
  gitConfigKeys: z.array(z.string().min(1)),
  commands: z.array(z.array(z.string().min(1)).min(1)),
});

export type ControlPlaneList = z.infer<typeof listSchema>;

export const CONTROL_PLANE_FILE = join('guard', 'control-plane.yaml');

let cached: ControlPlaneList | undefined;

export function loadControlPlaneList(): ControlPlaneList {
  if (cached) return cached;
  const path = join(builtinRulesDir(), CONTROL_PLANE_FILE);
  let doc: unknown;
  try {
    doc = parseRuleYaml(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new MsoError(`rules: ${path}: cannot read the control-plane list: ${errorMessage(err)}`);
  }
  const parsed = listSchema.safeParse(doc);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(top level)'}: ${i.message}`);
    throw new MsoError(`rules: ${path}: invalid control-plane list\n${lines.join('\n')}`);
  }
  return (cached = parsed.data);
}

/** `NAME` or `PREFIX*` against a name, case-folded (git keys are case-insensitive; env names on Windows too). */
export function matchesName(patterns: readonly string[], name: string): string | undefined {
  const n = name.toLowerCase();
  for (const p of patterns) {
    const l = p.toLowerCase();
    if (l.endsWith('*') ? n.startsWith(l.slice(0, -1)) : n === l) return p;
  }
  return undefined;
}

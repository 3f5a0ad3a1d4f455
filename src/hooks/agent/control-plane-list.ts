import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MsoError, errorMessage } from '../../core/errors.js';
import { builtinRulesDir } from '../../core/package-root.js';
import { compiledBuiltinDoc } from '../../config/builtin-rules.js';
import { parseRuleYaml } from '../../config/yaml-parse.js';

/**
 * The declarative list of mso's control plane (rules/guard/control-plane.yaml),
 * validated on load like the other rule files: the paths an agent may not
 * change, the environment variables and git keys that switch a hook off, and
 * the mso commands only a person runs.
 *
 * It is read on every `mso hook pretool` call, so it comes from the compiled
 * built-in rules (dist/builtin-rules.json, validated at build time) while those
 * still match rules/ byte for byte, and is checked by the small hand-written
 * validator below rather than zod: no YAML parser and no zod on the hook path.
 */
export interface ControlPlaneList {
  version: 1;
  paths: string[];
  environment: string[];
  gitConfigKeys: string[];
  commands: string[][];
}

export const CONTROL_PLANE_FILE = join('guard', 'control-plane.yaml');

const KEYS = ['version', 'paths', 'environment', 'gitConfigKeys', 'commands'];
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*\*?$/;

/** The problems with a parsed list, one `where: what` line each; empty when it is valid. */
function listProblems(doc: unknown): string[] {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return ['(top level): expected an object'];
  const d = doc as Record<string, unknown>;
  const out: string[] = [];
  for (const k of Object.keys(d)) if (!KEYS.includes(k)) out.push(`(top level): unrecognized key "${k}"`);
  if (d.version !== 1) out.push('version: expected 1');
  const strings = (key: string, value: unknown, check: (s: string) => string | undefined, minItems = 0) => {
    if (!Array.isArray(value)) return out.push(`${key}: expected an array`);
    if (value.length < minItems) out.push(`${key}: expected at least ${minItems} item(s)`);
    value.forEach((v, i) => {
      const why = typeof v !== 'string' ? 'expected a string' : check(v);
      if (why) out.push(`${key}.${i}: ${why}`);
    });
  };
  const nonEmpty = (s: string) => (s.length === 0 ? 'expected a non-empty string' : undefined);
  strings('paths', d.paths, nonEmpty, 1);
  strings('environment', d.environment, (s) => (ENV_NAME.test(s) ? undefined : 'an environment variable name, optionally ending in *'));
  strings('gitConfigKeys', d.gitConfigKeys, nonEmpty);
  if (!Array.isArray(d.commands)) out.push('commands: expected an array');
  else d.commands.forEach((c, i) => strings(`commands.${i}`, c, nonEmpty, 1));
  return out;
}

/** The list, or an MsoError naming `path` and every problem. */
export function validateControlPlaneList(doc: unknown, path: string): ControlPlaneList {
  const problems = listProblems(doc);
  if (problems.length > 0) throw new MsoError(`rules: ${path}: invalid control-plane list\n${problems.map((p) => `  ${p}`).join('\n')}`);
  return doc as ControlPlaneList;
}

let cached: ControlPlaneList | undefined;

export function loadControlPlaneList(): ControlPlaneList {
  if (cached) return cached;
  const dir = builtinRulesDir();
  const path = join(dir, CONTROL_PLANE_FILE);
  let doc: unknown = compiledBuiltinDoc(dir, 'guard/control-plane.yaml');
  if (doc === undefined) {
    try {
      doc = parseRuleYaml(readFileSync(path, 'utf8'));
    } catch (err) {
      throw new MsoError(`rules: ${path}: cannot read the control-plane list: ${errorMessage(err)}`);
    }
  }
  return (cached = validateControlPlaneList(doc, path));
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

import { globMatcher } from '../../core/glob.js';
import { compileRuleRegex } from '../../config/regex-safety.js';
import { ruleFileError } from '../../config/schema-errors.js';
import type { RuleFile } from '../../config/rule-files.js';
import { MsoError } from '../../core/errors.js';
import type { Severity } from '../../core/types.js';
import type { secretRuleFileSchema, SecretAllowlistSpec, SecretRuleFileSpec, SecretRuleSpec } from './schema.js';
import { VALIDATORS, type Validator } from './validators.js';
import { expandMacros } from './boundary.js';

/** A secret rule ready to run: regexes compiled, globs turned into matchers. */
export interface CompiledSecretRule {
  id: string;
  description: string;
  severity: Severity;
  tags: string[];
  cwe: string[];
  keywords: string[];
  regex: RegExp;
  entropy?: number;
  hexEntropy?: number;
  validate?: Validator;
  allow: AllowTest[];
  stopwords: string[];
  pathFilter?: (path: string) => boolean;
  priority: number;
  region: 'secret' | 'match';
  useGlobalAllowlist: boolean;
  fix?: string;
  source: string;
}

export interface AllowTest {
  regex: RegExp;
  target: 'secret' | 'match' | 'line';
}

export interface CompiledAllowlist {
  tests: AllowTest[];
  stopwords: string[];
  pathAllowed?: (path: string) => boolean;
}

function compileAllow(entries: SecretRuleSpec['allow'], where: string, buildChecked = false): AllowTest[] {
  return entries.map((e, i) => {
    const spec = typeof e === 'string' ? { regex: e, target: 'secret' as const } : e;
    // Allow regexes are tested, not iterated: no g/d flags.
    return { regex: compileRuleRegex(spec.regex, `${where} allow[${i}]`, '', buildChecked, false), target: spec.target };
  });
}

function pathFilter(spec: SecretRuleSpec): ((path: string) => boolean) | undefined {
  const include = spec.paths;
  const exclude = spec['exclude-paths'];
  if (!include && !exclude) return undefined;
  const inc = include ? globMatcher(include, { basename: !include.some((g) => g.includes('/')) }) : undefined;
  const exc = exclude ? globMatcher(exclude, { basename: !exclude.some((g) => g.includes('/')) }) : undefined;
  return (p) => (!inc || inc(p)) && !(exc && exc(p));
}

/** The file's rules, validated by `schema` unless the build already did (see RuleFile.validated). */
function specOf(file: RuleFile, schema: typeof secretRuleFileSchema | undefined): SecretRuleFileSpec {
  if (file.validated) return file.doc as SecretRuleFileSpec;
  if (!schema) throw new MsoError(`rules: ${file.path}: internal error: no schema to validate it with`);
  const parsed = schema.safeParse(file.doc);
  if (!parsed.success) throw ruleFileError(file.path, file.doc, parsed.error);
  return parsed.data;
}

/** @param schema the rule-file schema; needed only when a file is not `validated` (a user's rule file). */
export function compileSecretRules(files: RuleFile[], schema?: typeof secretRuleFileSchema): { rules: CompiledSecretRule[]; allowlist: CompiledAllowlist } {
  const rules: CompiledSecretRule[] = [];
  const seen = new Map<string, string>();
  const allowSpecs: Array<{ spec: SecretAllowlistSpec; path: string; checked?: boolean }> = [];
  for (const file of files) {
    const parsed = { data: specOf(file, schema) };
    if (parsed.data.allowlist) allowSpecs.push({ spec: parsed.data.allowlist, path: file.path, checked: file.validated });
    for (const spec of parsed.data.rules) {
      const where = `${file.path}: rule ${spec.id}`;
      const previous = seen.get(spec.id);
      if (previous) throw new MsoError(`rules: ${where}: duplicate rule id (also in ${previous})`);
      seen.set(spec.id, file.path);
      // file.validated: a built-in file the build validated and compiled (its regexes checked there).
      const regex = compileRuleRegex(expandMacros(spec.regex, where), where, '', file.validated);
      rules.push({
        id: spec.id,
        description: spec.description,
        severity: spec.severity,
        tags: spec.tags,
        cwe: spec.tags.filter((t) => /^CWE-\d+$/i.test(t)).map((t) => t.toUpperCase()),
        keywords: spec.keywords.map((k) => k.toLowerCase()),
        regex,
        entropy: spec.entropy,
        hexEntropy: spec['hex-entropy'],
        validate: spec.validate ? VALIDATORS[spec.validate] : undefined,
        allow: compileAllow(spec.allow, where, file.validated),
        stopwords: spec.stopwords.map((s) => s.toLowerCase()),
        pathFilter: pathFilter(spec),
        priority: spec.priority,
        region: spec.region,
        useGlobalAllowlist: spec['global-allowlist'],
        fix: spec.fix,
        source: file.path,
      });
    }
  }
  const allowlist: CompiledAllowlist = { tests: [], stopwords: [] };
  const allowedPaths: string[] = [];
  for (const { spec, path, checked } of allowSpecs) {
    allowlist.tests.push(...compileAllow(spec.regexes, `${path}: allowlist`, checked));
    allowlist.stopwords.push(...spec.stopwords.map((s) => s.toLowerCase()));
    allowedPaths.push(...spec.paths);
  }
  if (allowedPaths.length) allowlist.pathAllowed = globMatcher(allowedPaths);
  return { rules, allowlist };
}

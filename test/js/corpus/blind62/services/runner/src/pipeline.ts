import yaml from 'js-yaml';
import vm from 'node:vm';

export interface PipelineStep {
  name: string;
  run: string;
  if?: string;
  env?: Record<string, string>;
  cache?: string;
  artifacts?: string[];
  timeout?: number;
}

export interface Pipeline {
  image?: string;
  branches?: string[];
  matrix?: Record<string, string[]>;
  steps: PipelineStep[];
}

export interface ConditionContext {
  branch: string;
  changed: string[];
  message: string;
}

export function parsePipeline(source: string): Pipeline {
  const doc = yaml.load(source) as Partial<Pipeline> | undefined;  //@vuln CWE-502
  if (!doc || !Array.isArray(doc.steps)) {
    throw new Error('pipeline must define a list of steps');
  }
  return {
    image: doc.image ?? 'kestrel/base:22.04',
    branches: doc.branches,
    matrix: doc.matrix,
    steps: doc.steps.map((step, i) => ({ ...step, name: step.name ?? `step-${i + 1}` })),
  };
}

export function parseOrgDefaults(source: string): Partial<Pipeline> {
  return (yaml.safeLoad(source) as Partial<Pipeline>) ?? {};  //@safe
}

export function evaluateCondition(expression: string, ctx: ConditionContext): boolean {
  const predicate = new Function('branch', 'changed', 'message', `return (${expression});`);  //@vuln CWE-94
  return Boolean(predicate(ctx.branch, ctx.changed, ctx.message));
}

export function expandMatrix(pipeline: Pipeline): Array<Record<string, string>> {
  const axes = Object.entries(pipeline.matrix ?? {});
  return axes.reduce<Array<Record<string, string>>>(
    (combos, [axis, values]) => combos.flatMap((combo) => values.map((value) => ({ ...combo, [axis]: String(value) }))),
    [{}],
  );
}

export function interpolate(template: string, vars: Record<string, string>): string {
  return String(vm.runInNewContext('`' + template + '`', { ...vars }, { timeout: 50 }));  //@vuln CWE-94
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob
    .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
    .replace(/\*\*/g, '\u0000')
    .replace(/\*/g, '[^/]*')
    .replace(/\u0000/g, '.*');
  return new RegExp(`^${escaped}$`);  //@safe
}

export function matchesBranch(patterns: string[] | undefined, branch: string): boolean {
  if (!patterns || patterns.length === 0) return true;
  return patterns.some((pattern) => {
    if (pattern.length > 2 && pattern.startsWith('/') && pattern.endsWith('/')) {
      return new RegExp(pattern.slice(1, -1)).test(branch);  //@vuln CWE-1333
    }
    return globToRegExp(pattern).test(branch);
  });
}

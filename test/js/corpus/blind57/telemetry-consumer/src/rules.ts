import vm from 'vm';

export interface Position {
  deviceId: string;
  vehicleId: number;
  plate: string;
  lat: number;
  lng: number;
  speedKph: number;
  heading: number;
  ignition: boolean;
  fuelPct?: number;
  recordedAt: string;
}

/** Alert rules are authored by dispatchers in the dashboard and published on the `alert-rules` topic. */
export interface AlertRule {
  id: string;
  tenantId: number;
  name: string;
  kind: 'expression' | 'script' | 'threshold' | 'plate';
  expression?: string;
  script?: string;
  metric?: keyof Position;
  op?: string;
  threshold?: number;
  platePattern?: string;
}

export type CompiledRule = (p: Position) => boolean;

const OPERATORS: Record<string, (a: number, b: number) => boolean> = {
  gt: (a, b) => a > b,
  gte: (a, b) => a >= b,
  lt: (a, b) => a < b,
  lte: (a, b) => a <= b,
  eq: (a, b) => a === b,
};

export function compileRule(rule: AlertRule): CompiledRule {
  switch (rule.kind) {
    case 'expression': {
      const fn = new Function('p', `with (p) { return (${rule.expression}); }`);  //@vuln CWE-94
      return (p) => Boolean(fn(p));
    }
    case 'script': {
      const script = new vm.Script(rule.script ?? 'false', { filename: `rule-${rule.id}.js` });
      return (p) => Boolean(script.runInNewContext({ position: { ...p } }, { timeout: 50 }));  //@vuln CWE-94
    }
    case 'threshold': {
      if (!rule.op || !Object.prototype.hasOwnProperty.call(OPERATORS, rule.op) || !rule.metric) {
        throw new Error(`rule ${rule.id}: unsupported operator ${rule.op}`);
      }
      const compare = OPERATORS[rule.op];
      const metric = rule.metric;
      return (p) => compare(Number(p[metric]), Number(rule.threshold));
    }
    case 'plate': {
      const pattern = new RegExp(rule.platePattern ?? '^$');  //@vuln CWE-1333
      return (p) => pattern.test(p.plate);
    }
    default:
      throw new Error(`rule ${rule.id}: unknown kind`);
  }
}

export class RuleBook {
  private readonly rules = new Map<number, Map<string, { rule: AlertRule; check: CompiledRule }>>();

  upsert(rule: AlertRule): void {
    const tenantRules = this.rules.get(rule.tenantId) ?? new Map();
    tenantRules.set(rule.id, { rule, check: compileRule(rule) });
    this.rules.set(rule.tenantId, tenantRules);
  }

  remove(tenantId: number, ruleId: string): void {
    this.rules.get(tenantId)?.delete(ruleId);
  }

  evaluate(tenantId: number, position: Position): AlertRule[] {
    const fired: AlertRule[] = [];
    for (const { rule, check } of this.rules.get(tenantId)?.values() ?? []) {
      try {
        if (check(position)) fired.push(rule);
      } catch (err) {
        console.warn(`rule ${rule.id} failed`, (err as Error).message);
      }
    }
    return fired;
  }
}

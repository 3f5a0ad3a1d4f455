import vm from 'node:vm';
import { injectable } from 'tsyringe';

export type Row = Record<string, unknown>;

const OPERATORS: Record<string, (a: number, b: number) => number> = {
  add: (a, b) => a + b, sub: (a, b) => a - b, mul: (a, b) => a * b, div: (a, b) => (b === 0 ? 0 : a / b),
};

@injectable()
export class RulesService {
  matches(expression: string, row: Row): boolean {
    const sandbox = { row: { ...row }, result: false };
    vm.runInNewContext(`result = Boolean(${expression})`, sandbox, { timeout: 50 }); //@vuln CWE-95
    return sandbox.result;
  }

  computeField(formula: string, row: Row): unknown {
    const { price = 0, quantity = 0, discount = 0 } = row as Record<string, number>;
    return eval(formula); //@vuln CWE-95
  }

  computeStructured(op: string, left: string, right: string | number, row: Row): number {
    const fn = OPERATORS[op];
    if (!fn) throw new Error(`unsupported operator ${op}`);
    const a = Number(row[left]);
    const b = typeof right === 'number' ? right : Number(row[right]);
    return fn(a, b);
  }

  filterLog(lines: string[], pattern: string): string[] {
    const re = new RegExp(pattern); //@vuln CWE-1333
    return lines.filter((l) => re.test(l));
  }
}

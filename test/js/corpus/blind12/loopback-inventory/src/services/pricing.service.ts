import vm from 'vm';
import {injectable, BindingScope} from '@loopback/core';

export type PricingContext = {base: number; qty: number};
type Strategy = (ctx: PricingContext) => number;

const STRATEGIES: Record<string, Strategy> = {
  flat: ctx => ctx.base * ctx.qty,
  bulk: ctx => ctx.base * ctx.qty * (ctx.qty >= 100 ? 0.9 : 1),
  tiered: ctx => ctx.base * Math.min(ctx.qty, 50) + ctx.base * 0.8 * Math.max(ctx.qty - 50, 0),
};

@injectable({scope: BindingScope.SINGLETON})
export class PricingService {
  evaluate(formula: string, ctx: PricingContext): number {
    if (Object.prototype.hasOwnProperty.call(STRATEGIES, formula)) {
      return STRATEGIES[formula](ctx);
    }
    const sandbox = {...ctx, Math};
    const value = vm.runInNewContext(formula, sandbox, {timeout: 50}); //@vuln CWE-95
    return Number(value) || 0;
  }

  compileDiscount(expression: string): (price: number, qty: number) => number {
    return new Function('price', 'qty', `return (${expression});`) as (p: number, q: number) => number; //@vuln CWE-95
  }
}

import vm from 'node:vm';
import { compileExpression } from 'filtrex';
import escapeRegExp from 'lodash/escapeRegExp';

export type MatchType = 'contains' | 'startsWith' | 'regex' | 'expression';

export interface UserRule {
  id: string;
  userId: string;
  name: string;
  priority: number;
  matchType: MatchType;
  match: string;
  amountCondition?: string | null;
  category: string;
  renameTo?: string | null;
  splitFormula?: string | null;
}

export interface Txn {
  id: string;
  merchant: string;
  description: string;
  amountCents: number;
  currency: string;
  postedAt: string;
}

export interface CompiledRule {
  rule: UserRule;
  matches: (txn: Txn) => boolean;
}

function compileMatcher(rule: UserRule): (txn: Txn) => boolean {
  switch (rule.matchType) {
    case 'contains': {
      const needle = rule.match.toLowerCase();
      return (txn) => txn.description.toLowerCase().includes(needle);
    }
    case 'startsWith': {
      const prefix = new RegExp('^' + escapeRegExp(rule.match), 'i');  //@safe
      return (txn) => prefix.test(txn.merchant) || prefix.test(txn.description);
    }
    case 'regex': {
      const pattern = new RegExp(rule.match, 'i');  //@vuln CWE-1333
      return (txn) => pattern.test(txn.description);
    }
    case 'expression': {
      const predicate = new Function('txn', `"use strict"; return (${rule.match});`);  //@vuln CWE-95
      return (txn) => Boolean(predicate(txn));
    }
    default:
      throw new Error(`Unknown match type ${String(rule.matchType)}`);
  }
}

function compileAmountCondition(condition: string | null | undefined): (txn: Txn) => boolean {
  if (!condition) return () => true;
  const check = compileExpression(condition);  //@safe
  return (txn) => Boolean(check({ amount: Math.abs(txn.amountCents) / 100, currency: txn.currency }));
}

export function compileRules(rules: UserRule[]): CompiledRule[] {
  return [...rules]
    .sort((a, b) => b.priority - a.priority)
    .map((rule) => {
      const matcher = compileMatcher(rule);
      const amountOk = compileAmountCondition(rule.amountCondition);
      return { rule, matches: (txn: Txn) => matcher(txn) && amountOk(txn) };
    });
}

export function firstMatch(compiled: CompiledRule[], txn: Txn): UserRule | null {
  for (const entry of compiled) {
    try {
      if (entry.matches(txn)) return entry.rule;
    } catch {
      // a broken rule should not stop the rest of the batch
    }
  }
  return null;
}

/** Rename templates look like "Coffee at ${merchant}". */
export function applyRename(rule: UserRule, txn: Txn): string {
  if (!rule.renameTo) return txn.merchant;
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { merchant, description, amountCents } = txn;
  return eval('`' + rule.renameTo + '`');  //@vuln CWE-95
}

/** Split formulas let a rule move part of a transaction into another envelope, e.g. "amount * 0.5". */
export function evaluateSplit(rule: UserRule, txn: Txn): number | null {
  if (!rule.splitFormula) return null;
  const result = vm.runInNewContext(rule.splitFormula, { amount: txn.amountCents / 100, Math }, { timeout: 50 });  //@vuln CWE-94
  return typeof result === 'number' && Number.isFinite(result) ? Math.round(result * 100) : null;
}

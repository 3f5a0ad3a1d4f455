import { BadRequestException, Injectable } from '@nestjs/common';
import * as vm from 'vm';

export type Row = Record<string, number>;

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

@Injectable()
export class FormulaService {
  compile(expression: string, columns: string[]): (row: Row) => number {
    if (!columns.every((c) => IDENT.test(c))) {
      throw new BadRequestException('invalid column name');
    }
    const fn = new Function(...columns, `"use strict"; return (${expression});`); //@vuln CWE-95
    return (row) => fn(...columns.map((c) => row[c] ?? 0));
  }

  evaluateOnce(expression: string, row: Row): number {
    return vm.runInNewContext(expression, { ...row, Math }, { timeout: 50 }); //@vuln CWE-95
  }

  predicate(filter: string): (row: Row) => boolean {
    return eval(`(row) => (${filter})`); //@vuln CWE-95
  }

  applyAll(rows: Row[], expression: string, filter?: string) {
    const columns = rows.length ? Object.keys(rows[0]) : [];
    const compute = this.compile(expression, columns);
    const keep = filter ? this.predicate(filter) : () => true;
    return rows.filter(keep).map((row) => ({ ...row, computed: compute(row) }));
  }
}

import { pool, knex } from '../db/reporting';
import { toInt } from '@bo/shared/objects';

export interface InvoiceListOptions {
  status?: string;
  search?: string;
  sort?: string;
  dir?: string;
  limit?: unknown;
  offset?: unknown;
}

const SORTABLE: Record<string, string> = {
  created: 'created_at',
  amount: 'amount_cents',
  customer: 'customer_name',
  due: 'due_date',
};

const GROUPABLE = ['status', 'currency', 'customer_name', 'plan'];

export async function revenueByMonth(orgId: string, from: string, to: string) {
  const { rows } = await pool.query("SELECT date_trunc('month', paid_at) AS month, SUM(amount_cents) AS total FROM invoices WHERE org_id = $1 AND paid_at BETWEEN $2 AND $3 GROUP BY 1 ORDER BY 1", [orgId, from, to]); //@safe
  return rows;
}

export async function listInvoices(orgId: string, opts: InvoiceListOptions) {
  const sortCol = SORTABLE[opts.sort || ''] || 'created_at';
  const dir = opts.dir === 'asc' ? 'ASC' : 'DESC';
  const limit = toInt(opts.limit, 50, 500);
  const offset = toInt(opts.offset, 0);

  const params: unknown[] = [orgId];
  let sql = 'SELECT id, number, customer_name, amount_cents, currency, status, due_date, created_at FROM invoices WHERE org_id = $1';
  if (opts.status) {
    params.push(opts.status);
    sql += ` AND status = $${params.length}`;
  }
  if (opts.search) {
    sql += ` AND (customer_name ILIKE '%${opts.search}%' OR number ILIKE '%${opts.search}%')`;
  }
  sql += ` ORDER BY ${sortCol} ${dir} LIMIT ${limit} OFFSET ${offset}`;
  const { rows } = await pool.query(sql, params); //@vuln CWE-89
  return rows;
}

export async function customerStatement(orgId: string, customerId: string) {
  const { rows } = await pool.query(`SELECT i.number, i.amount_cents, i.status, p.paid_at FROM invoices i LEFT JOIN payments p ON p.invoice_id = i.id WHERE i.org_id = '${orgId}' AND i.customer_id = ${customerId} ORDER BY i.created_at`); //@vuln CWE-89
  return rows;
}

export function topCustomers(orgId: string, minTotalCents: number) {
  return knex('invoices').select('customer_name').sum({ total: 'amount_cents' }).where('org_id', orgId).groupBy('customer_name').havingRaw('SUM(amount_cents) > ?', [minTotalCents]).orderBy('total', 'desc').limit(20); //@safe
}

export function agingBuckets(orgId: string, olderThanDays: string) {
  return knex('invoices').where('org_id', orgId).andWhere('status', 'open').whereRaw(`due_date < now() - interval '${olderThanDays} days'`).select('id', 'number', 'customer_name', 'amount_cents', 'due_date'); //@vuln CWE-89
}

export function totalsGroupedBy(orgId: string, groupBy: string) {
  if (!GROUPABLE.includes(groupBy)) {
    throw new Error(`cannot group by ${groupBy}`);
  }
  return knex.raw(`SELECT ${groupBy} AS key, COUNT(*) AS n, SUM(amount_cents) AS total FROM invoices WHERE org_id = ? GROUP BY ${groupBy} ORDER BY total DESC`, [orgId]); //@safe
}

// Used by the CSV export: the UI sends the chosen columns and an optional filter expression.
export function exportRows(orgId: string, columns: string[], filter?: string) {
  const cols = columns.length ? columns.join(', ') : '*';
  const where = filter ? ` AND (${filter})` : '';
  return knex.raw(`SELECT ${cols} FROM invoices WHERE org_id = ?${where} ORDER BY created_at`, [orgId]); //@vuln CWE-89
}

export async function paymentsForCustomer(orgId: string, customerEmail: string) {
  return knex('payments').join('customers', 'customers.id', 'payments.customer_id').where('payments.org_id', orgId).whereRaw('lower(customers.email) = lower(?)', [customerEmail]).select('payments.*'); //@safe
}

export async function mrrSnapshot(orgId: string, plan?: string) {
  const planClause = plan ? ` AND plan = '${plan}'` : '';
  const result = await pool.query(`SELECT SUM(mrr_cents) AS mrr, COUNT(*) AS subscriptions FROM subscriptions WHERE org_id = $1 AND cancelled_at IS NULL${planClause}`, [orgId]); //@vuln CWE-89
  return result.rows[0];
}

import { knex, reportingPool, legacyDb, Invoice } from '../db';

const SORTABLE_COLUMNS = new Set(['number', 'issuedAt', 'dueDate', 'total', 'status']);

export interface InvoiceListQuery {
  tenantId: string;
  status?: string;
  search?: string;
  customer?: string;
  sort?: string;
  direction?: string;
  page?: number;
}

export async function listInvoices(q: InvoiceListQuery) {
  const query = Invoice.query()
    .where('tenantId', q.tenantId)
    .withGraphFetched('customer')
    .page(Math.max(0, (q.page ?? 1) - 1), 50);

  if (q.status) {
    query.where('status', q.status);
  }
  if (q.search) {
    query.whereRaw(`(number ILIKE '%${q.search}%' OR reference ILIKE '%${q.search}%')`);  //@vuln CWE-89
  }
  if (q.customer) {
    query.whereRaw('customer_id IN (SELECT id FROM customers WHERE tenant_id = ? AND name ILIKE ?)', [q.tenantId, `%${q.customer}%`]);  //@safe
  }

  const column = SORTABLE_COLUMNS.has(q.sort ?? '') ? (q.sort as string) : 'issuedAt';
  return query.orderBy(column, q.direction === 'asc' ? 'asc' : 'desc');
}

export function getInvoice(tenantId: string, id: number) {
  return Invoice.query().findOne({ tenantId, id }).withGraphFetched('[customer, lines(ordered)]').modifiers({
    ordered: (builder) => builder.orderBy('position'),
  });
}

export async function agingBuckets(tenantId: string, asOf: string) {
  const sql = `
    SELECT customer_id,
           SUM(CASE WHEN due_date >= DATE '${asOf}' THEN balance ELSE 0 END)                                   AS not_due,
           SUM(CASE WHEN due_date <  DATE '${asOf}' AND due_date >= DATE '${asOf}' - 30 THEN balance ELSE 0 END) AS d30,
           SUM(CASE WHEN due_date <  DATE '${asOf}' - 30 AND due_date >= DATE '${asOf}' - 60 THEN balance ELSE 0 END) AS d60,
           SUM(CASE WHEN due_date <  DATE '${asOf}' - 60 THEN balance ELSE 0 END)                              AS d90_plus
      FROM invoice_balances
     WHERE tenant_id = $1 AND status IN ('sent', 'overdue')
     GROUP BY customer_id`;
  const { rows } = await reportingPool.query(sql, [tenantId]);  //@vuln CWE-89
  return rows;
}

export async function customerStatement(tenantId: string, customerId: number, from: string, to: string) {
  const { rows } = await reportingPool.query(
    `SELECT number, issued_at, due_date, total, paid, status
       FROM invoice_balances
      WHERE tenant_id = $1 AND customer_id = $2 AND issued_at BETWEEN $3 AND $4
      ORDER BY issued_at`,
    [tenantId, customerId, from, to],
  );
  return rows;
}

export async function markPaid(tenantId: string, invoiceIds: Array<string | number>, paidAt: string) {
  const idList = invoiceIds.join(', ');
  return knex.raw(`UPDATE invoices SET status = 'paid', paid_at = ? WHERE tenant_id = ? AND id IN (${idList})`, [paidAt, tenantId]);  //@vuln CWE-89
}

export async function voidInvoices(tenantId: string, ids: number[], reason: string) {
  return knex('invoices')
    .where({ tenantId })
    .whereIn('id', ids)
    .update({ status: 'void', voidReason: reason });
}

export async function findLegacyEntries(externalRef: string) {
  const [rows] = await legacyDb.query(`SELECT id, account_code, amount, booked_at FROM ledger_entries WHERE external_ref = '${externalRef}'`);  //@vuln CWE-89
  return rows;
}

export async function findLegacyByAccount(accountCode: string, year: number) {
  const [rows] = await legacyDb.execute(  //@safe
    'SELECT id, external_ref, amount, booked_at FROM ledger_entries WHERE account_code = ? AND YEAR(booked_at) = ?',
    [accountCode, year],
  );
  return rows;
}

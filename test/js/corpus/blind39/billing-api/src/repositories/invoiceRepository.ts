import { injectable } from 'tsyringe';
import { pool, Queryable } from '../db';

export interface InvoiceRow {
  id: string;
  customer_ref: string;
  title: string;
  status: 'draft' | 'open' | 'paid' | 'void';
  amount_cents: number;
  currency: string;
  due_date: string;
  created_at: string;
  notes?: string;
}

export interface SearchOptions {
  q?: string;
  sortBy?: string;
  direction?: string;
  limit: number;
  offset: number;
}

const SORTABLE = new Set(['created_at', 'due_date', 'amount_cents', 'status', 'customer_ref']);

@injectable()
export class InvoiceRepository {
  async findById(id: string): Promise<InvoiceRow | null> {
    const { rows } = await pool.query<InvoiceRow>('SELECT * FROM invoices WHERE id = $1', [id]); //@safe
    return rows[0] ?? null;
  }

  async findByCustomerRef(customerRef: string, status?: string): Promise<InvoiceRow[]> {
    let sql = `SELECT * FROM invoices WHERE customer_ref = '${customerRef}'`;
    if (status) {
      sql += ` AND status = '${status}'`;
    }
    sql += ' ORDER BY created_at DESC LIMIT 200';
    const { rows } = await pool.query<InvoiceRow>(sql); //@vuln CWE-89
    return rows;
  }

  async search(opts: SearchOptions): Promise<InvoiceRow[]> {
    const sortCol = opts.sortBy && SORTABLE.has(opts.sortBy) ? opts.sortBy : 'created_at';
    const dir = opts.direction?.toLowerCase() === 'asc' ? 'ASC' : 'DESC';
    const params: unknown[] = [opts.limit, opts.offset];
    let where = '';
    if (opts.q) {
      params.push(`%${opts.q}%`);
      where = `WHERE title ILIKE $${params.length} OR customer_ref ILIKE $${params.length}`;
    }
    const { rows } = await pool.query<InvoiceRow>(`SELECT * FROM invoices ${where} ORDER BY ${sortCol} ${dir} LIMIT $1 OFFSET $2`, params); //@safe
    return rows;
  }

  async listForExport(columns: string, since: string): Promise<Record<string, unknown>[]> {
    const { rows } = await pool.query(`SELECT ${columns} FROM invoices WHERE created_at >= $1 ORDER BY id`, [since]); //@vuln CWE-89
    return rows;
  }

  async markPaid(ids: string[], db: Queryable = pool): Promise<number> {
    const inList = ids.map((id) => `'${id}'`).join(',');
    const res = await db.query(`UPDATE invoices SET status = 'paid', paid_at = now() WHERE id IN (${inList}) AND status = 'open'`); //@vuln CWE-89
    return res.rowCount ?? 0;
  }

  async addNote(invoiceId: string, author: string, body: string): Promise<void> {
    await pool.query('INSERT INTO invoice_notes (invoice_id, author, body) VALUES ($1, $2, $3)', [invoiceId, author, body]); //@safe
  }

  async totalsByMonth(tz: string, currency: string): Promise<{ month: string; total: number }[]> {
    const sql = `SELECT date_trunc('month', created_at AT TIME ZONE '${tz}') AS month, sum(amount_cents) AS total
      FROM invoices WHERE currency = $1 GROUP BY 1 ORDER BY 1`;
    const { rows } = await pool.query(sql, [currency]); //@vuln CWE-89
    return rows;
  }
}

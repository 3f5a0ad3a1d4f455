import { injectable } from 'tsyringe';
import { pool } from '../db/pg';
import type { ListInvoicesQuery } from '../dto/invoice.dto';

export type InvoiceRow = { id: string; customer_id: string; status: string; total_cents: number; currency: string; memo: string | null };

@injectable()
export class InvoiceRepository {
  async list(filter: ListInvoicesQuery): Promise<InvoiceRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.status) {
      params.push(filter.status);
      where.push(`status = $${params.length}`);
    }
    if (filter.customerId) {
      params.push(filter.customerId);
      where.push(`customer_id = $${params.length}`);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const offset = (filter.page - 1) * filter.pageSize;
    const sql = `SELECT * FROM invoices ${clause} ORDER BY ${filter.sort} ${filter.direction} LIMIT ${filter.pageSize} OFFSET ${offset}`;
    const { rows } = await pool.query<InvoiceRow>(sql, params); //@vuln CWE-89
    return rows;
  }

  async findById(id: string): Promise<InvoiceRow | null> {
    const { rows } = await pool.query<InvoiceRow>('SELECT * FROM invoices WHERE id = $1', [id]); //@safe
    return rows[0] ?? null;
  }

  async findByReference(reference: string): Promise<InvoiceRow | null> {
    const { rows } = await pool.query<InvoiceRow>(`SELECT * FROM invoices WHERE external_ref = '${reference}' LIMIT 1`); //@vuln CWE-89
    return rows[0] ?? null;
  }

  async saveLogo(invoiceId: string, data: Buffer, contentType: string): Promise<void> {
    await pool.query('UPDATE invoices SET logo = $1, logo_type = $2 WHERE id = $3', [data, contentType, invoiceId]);
  }
}

import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Pool } from 'pg';
import { createError, defineEventHandler, getQuery, getRouterParam, sendStream, setResponseHeaders } from 'h3';

const pool = new Pool({
  connectionString: process.env.PORTAL_DATABASE_URL,
  max: 4,
  ssl: { ca: process.env.PORTAL_DB_CA, rejectUnauthorized: true },
});

const DOCUMENT_ROOT = process.env.PORTAL_DOCUMENT_ROOT ?? '/srv/ledgerly/documents';

interface PortalInvoice {
  id: number;
  tenant_id: string;
  number: string;
  total: string;
  currency: string;
  due_date: string;
  status: string;
  pay_url: string | null;
}

/**
 * GET /api/invoices/:id?token=<share token>[&download=<file>]
 * Customers reach this from the "View invoice" link in the e-mail.
 */
export default defineEventHandler(async (event) => {
  const id = getRouterParam(event, 'id');
  const { token, download } = getQuery(event) as { token?: string; download?: string };
  if (!token) {
    throw createError({ statusCode: 401, statusMessage: 'Missing share token' });
  }

  const { rows } = await pool.query<PortalInvoice>(`SELECT i.id, i.tenant_id, i.number, i.total, i.currency, i.due_date, i.status, i.pay_url FROM invoices i JOIN share_links s ON s.invoice_id = i.id WHERE i.id = ${id} AND s.token = '${token}' AND s.revoked_at IS NULL`);  //@vuln CWE-89
  const invoice = rows[0];
  if (!invoice) {
    throw createError({ statusCode: 404, statusMessage: 'Invoice not found' });
  }

  if (download) {
    const filePath = path.join(DOCUMENT_ROOT, invoice.tenant_id, download);
    const info = await stat(filePath).catch(() => null);
    if (!info?.isFile()) {
      throw createError({ statusCode: 404 });
    }
    setResponseHeaders(event, {
      'Content-Type': 'application/pdf',
      'Content-Length': String(info.size),
      'Content-Disposition': `attachment; filename="${path.basename(filePath)}"`,
    });
    return sendStream(event, createReadStream(filePath));  //@vuln CWE-22
  }

  const lines = await pool.query('SELECT description, quantity, unit_price, amount FROM invoice_lines WHERE invoice_id = $1 ORDER BY position', [invoice.id]);  //@safe
  await pool.query('UPDATE share_links SET last_viewed_at = now(), views = views + 1 WHERE token = $1', [token]);

  return {
    number: invoice.number,
    total: Number(invoice.total),
    currency: invoice.currency,
    dueDate: invoice.due_date,
    status: invoice.status,
    payUrl: invoice.pay_url,
    lines: lines.rows,
  };
});

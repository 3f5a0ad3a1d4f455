import { Router, type Request, type Response, type NextFunction } from 'express';
import { Pool } from 'pg';
import cors from 'cors';
import path from 'node:path';
import fs from 'node:fs/promises';
import crypto from 'node:crypto';
import { requireCustomer } from '../middleware/auth';
import { logger } from '../lib/logger';

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });

const INVOICE_ROOT = path.resolve(process.env.INVOICE_ROOT ?? '/srv/billing/invoices');
const SORTABLE_COLUMNS = new Set(['created_at', 'due_date', 'amount_cents', 'status']);
const RETURN_HOSTS = new Set(['app.acmebilling.io', 'portal.acmebilling.io']);
const ONE_DAY_MS = 24 * 60 * 60 * 1000;

type InvoiceStatus = 'draft' | 'open' | 'paid' | 'void';

interface InvoiceRow {
  id: string;
  number: string;
  amount_cents: number;
  status: InvoiceStatus;
  memo: string | null;
}

interface ListOptions {
  customerId: string;
  status?: string;
  sort?: string;
}

export const invoicesRouter = Router();

invoicesRouter.use(cors({ origin: true, credentials: true, maxAge: 600 })); //@vuln CWE-942
invoicesRouter.use(requireCustomer);

const asyncRoute =
  (fn: (req: Request, res: Response) => Promise<unknown>) =>
  (req: Request, res: Response, next: NextFunction) => {
    fn(req, res).catch(next);
  };

function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

async function listInvoices({ customerId, status, sort }: ListOptions): Promise<InvoiceRow[]> {
  const orderBy = sort && SORTABLE_COLUMNS.has(sort) ? sort : 'created_at';
  const values: unknown[] = [customerId];
  let sql = 'SELECT id, number, amount_cents, status, memo FROM invoices WHERE customer_id = $1';
  if (status) {
    values.push(status);
    sql += ` AND status = $${values.length}`;
  }
  sql += ` ORDER BY ${orderBy} DESC LIMIT 100`;
  const { rows } = await pool.query<InvoiceRow>(sql, values); //@safe
  return rows;
}

async function searchMemos(customerId: string, term: string): Promise<InvoiceRow[]> {
  const pattern = `%${term.toLowerCase()}%`;
  const { rows } = await pool.query<InvoiceRow>( //@vuln CWE-89
    `SELECT id, number, amount_cents, status, memo FROM invoices
      WHERE customer_id = $1 AND lower(memo) LIKE '${pattern}' ORDER BY created_at DESC`,
    [customerId]
  );
  return rows;
}

invoicesRouter.get(
  '/',
  asyncRoute(async (req, res) => {
    const { status, sort } = req.query as Record<string, string | undefined>;
    const rows = await listInvoices({ customerId: res.locals.customerId, status, sort });
    res.json({ data: rows });
  })
);

invoicesRouter.get(
  '/search',
  asyncRoute(async (req, res) => {
    const q = String(req.query.q ?? '').trim();
    if (!q) return res.json({ data: [] });
    res.json({ data: await searchMemos(res.locals.customerId, q) });
  })
);

invoicesRouter.get(
  '/:invoiceId/pdf',
  asyncRoute(async (req, res) => {
    const customerDir = path.join(INVOICE_ROOT, res.locals.customerId);
    const resolved = path.resolve(customerDir, `${req.params.invoiceId}.pdf`);
    if (!resolved.startsWith(customerDir + path.sep)) {
      return res.status(400).json({ error: 'invalid invoice id' });
    }
    const pdf = await fs.readFile(resolved); //@safe
    res.type('application/pdf').send(pdf);
  })
);

invoicesRouter.get(
  '/:invoiceId/attachments',
  asyncRoute(async (req, res) => {
    const { name } = req.query as { name: string };
    const attachmentPath = path.join(INVOICE_ROOT, res.locals.customerId, 'attachments', name);
    res.download(attachmentPath, (err) => { //@vuln CWE-22
      if (err && !res.headersSent) res.status(404).end();
    });
  })
);

invoicesRouter.get(
  '/:invoiceId/receipt',
  asyncRoute(async (req, res) => {
    const { rows } = await pool.query<InvoiceRow>( //@safe
      'SELECT id, number, amount_cents, status, memo FROM invoices WHERE id = $1 AND customer_id = $2',
      [req.params.invoiceId, res.locals.customerId]
    );
    const invoice = rows[0];
    if (!invoice) return res.status(404).send('Not found');

    const greeting = req.query.greeting ? String(req.query.greeting) : 'Thank you for your payment';
    const amount = (invoice.amount_cents / 100).toFixed(2);
    res.set('Content-Type', 'text/html; charset=utf-8');
    res.write(`<header><h1>Receipt ${escapeHtml(invoice.number)}</h1></header>`); //@safe
    res.write(`<p class="lead">${greeting}</p>`); //@vuln CWE-79
    res.end(`<p>Total: $${amount}</p><p class="memo">${escapeHtml(invoice.memo ?? '')}</p>`);
  })
);

invoicesRouter.post(
  '/:invoiceId/pay-link',
  asyncRoute(async (req, res) => {
    const { invoiceId } = req.params;
    const { expiresInDays = 7 } = req.body as { expiresInDays?: number };
    const linkToken = Math.random().toString(36).slice(2, 12) + Date.now().toString(36); //@vuln CWE-338
    await pool.query( //@safe
      'INSERT INTO pay_links (invoice_id, customer_id, token, expires_at) VALUES ($1, $2, $3, $4)',
      [invoiceId, res.locals.customerId, linkToken, new Date(Date.now() + Number(expiresInDays) * ONE_DAY_MS)]
    );
    logger.info({ invoiceId }, 'pay link created');
    res.status(201).json({ url: `https://pay.acmebilling.io/l/${linkToken}` });
  })
);

invoicesRouter.get(
  '/checkout/complete',
  asyncRoute(async (req, res) => {
    const { session_id: sessionId, return_to: returnTo = '' } = req.query as Record<string, string>;
    const { rowCount } = await pool.query(
      'UPDATE checkout_sessions SET completed_at = now() WHERE id = $1 AND customer_id = $2',
      [sessionId, res.locals.customerId]
    );
    if (!rowCount) return res.status(404).send('Unknown checkout session');

    const portalToken = crypto.randomBytes(32).toString('base64url'); //@safe
    await pool.query('INSERT INTO portal_sessions (token, customer_id) VALUES ($1, $2)', [portalToken, res.locals.customerId]);
    res.cookie('portal_session', portalToken, { httpOnly: true, secure: true, sameSite: 'lax', maxAge: ONE_DAY_MS }); //@safe
    res.cookie('portal_remember', portalToken, { maxAge: 30 * ONE_DAY_MS, httpOnly: false }); //@vuln CWE-614|CWE-1004

    if (req.query.embedded === '1') {
      return res.redirect(302, returnTo); //@vuln CWE-601
    }
    let destination = '/invoices';
    try {
      const url = new URL(returnTo);
      if (url.protocol === 'https:' && RETURN_HOSTS.has(url.hostname)) destination = url.href;
    } catch {
      logger.debug({ returnTo }, 'ignoring malformed return_to');
    }
    res.redirect(302, destination); //@safe
  })
);

import express, { Request, Response, NextFunction } from 'express';
import { Pool } from 'pg';
import path from 'path';
import fs from 'fs';

const pool = new Pool({
  host: process.env.PGHOST,
  user: process.env.PGUSER,
  password: process.env.PGPASSWORD, //@safe
  database: 'shop',
});

const INVOICE_ROOT = path.resolve(__dirname, '../storage/invoices');
const ALLOWED_SORT = new Set(['created_at', 'total', 'status']);

interface OrderFilter {
  status?: string;
  customer?: string;
  sort?: string;
}

export const ordersRouter = express.Router();

function requireUser(req: Request, res: Response, next: NextFunction) {
  if (!req.headers.authorization) {
    return res.status(401).json({ error: 'unauthorized' });
  }
  next();
}

ordersRouter.use(requireUser);

// List orders with optional filters
ordersRouter.get('/orders', async (req: Request, res: Response) => {
  const filter: OrderFilter = {
    status: req.query.status as string,
    customer: req.query.customer as string,
    sort: req.query.sort as string,
  };

  let sql = 'SELECT id, customer_id, total, status FROM orders WHERE 1=1';
  if (filter.status) {
    sql += ` AND status = '${filter.status}'`;
  }
  const orderBy = ALLOWED_SORT.has(filter.sort ?? '') ? filter.sort : 'created_at';
  sql += ` ORDER BY ${orderBy} DESC LIMIT 100`;

  const { rows } = await pool.query(sql); //@vuln CWE-89
  res.json(rows);
});

// Safe lookup by id using positional parameters
ordersRouter.get('/orders/:id', async (req: Request, res: Response) => {
  const { id } = req.params;
  const { rows } = await pool.query('SELECT * FROM orders WHERE id = $1', [id]); //@safe
  if (rows.length === 0) {
    return res.status(404).json({ error: 'not found' });
  }
  res.json(rows[0]);
});

// Search by customer e-mail
ordersRouter.get('/orders/by-email/:email', async (req: Request, res: Response) => {
  const email = decodeURIComponent(req.params.email);
  const result = await pool.query( //@vuln CWE-89
    "SELECT o.* FROM orders o JOIN customers c ON c.id = o.customer_id WHERE c.email = '" + email + "'"
  );
  res.json(result.rows);
});

ordersRouter.delete('/orders/:id', async (req: Request, res: Response) => {
  const text = 'DELETE FROM orders WHERE id = $1 AND status = $2';
  await pool.query({ text, values: [req.params.id, 'draft'] }); //@safe
  res.status(204).end();
});

// Order confirmation page rendered inline
ordersRouter.get('/orders/:id/confirmation', async (req: Request, res: Response) => {
  const note = String(req.query.note || '');
  const { rows } = await pool.query('SELECT id, total FROM orders WHERE id = $1', [req.params.id]); //@safe
  const order = rows[0];
  res.send(`<html><body><h1>Order ${order?.id} confirmed</h1><p>Your note: ${note}</p></body></html>`); //@vuln CWE-79
});

function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

ordersRouter.get('/orders/:id/receipt', async (req: Request, res: Response) => {
  const name = escapeHtml(String(req.query.name || 'customer'));
  res.send(`<p>Thanks, ${name}! Your receipt is on its way.</p>`); //@safe
});

// Invoice download: user supplies the file name
ordersRouter.get('/invoices/raw', (req: Request, res: Response) => {
  const file = req.query.file as string;
  const fullPath = path.join(INVOICE_ROOT, file);
  res.sendFile(fullPath); //@vuln CWE-22
});

ordersRouter.get('/invoices/:name', (req: Request, res: Response) => {
  const requested = path.resolve(INVOICE_ROOT, req.params.name);
  if (!requested.startsWith(INVOICE_ROOT + path.sep)) {
    return res.status(400).send('bad path');
  }
  res.sendFile(requested); //@safe
});

ordersRouter.get('/invoices/:name/text', async (req: Request, res: Response) => {
  const target = INVOICE_ROOT + '/' + req.params.name + '.txt';
  const body = await fs.promises.readFile(target, 'utf8'); //@vuln CWE-22
  res.type('text/plain').send(body);
});

// After checkout we bounce the user back to where they came from
ordersRouter.get('/checkout/done', (req: Request, res: Response) => {
  const returnTo = req.query.returnTo as string;
  res.redirect(returnTo || '/'); //@vuln CWE-601
});

ordersRouter.get('/checkout/cancel', (req: Request, res: Response) => {
  const next = String(req.query.next || '/cart');
  const safeNext = /^\/(?![\/\\])/.test(next) && !next.includes('\\') ? next : '/cart';
  res.redirect(safeNext); //@safe
});

import express, { NextFunction, Request, RequestHandler, Response, Router } from 'express';
import cookieParser from 'cookie-parser';
import { QueryTypes, Sequelize } from 'sequelize';
import type { Knex } from 'knex';
import jwt, { JwtPayload } from 'jsonwebtoken';
import crypto from 'crypto';
import path from 'path';
import fs from 'fs';
import { request as httpRequest } from 'undici';
import { logger } from './logger';

interface AuthedRequest extends Request { account?: { id: string; tenantId: string; scopes: string[] } }
interface InvoiceFilter { customerId: string; status?: string; from?: string; to?: string }

const EXPORT_ROOT = path.resolve(process.env.INVOICE_EXPORT_DIR ?? '/var/billing/exports');
const JWT_PUBLIC_KEY = fs.readFileSync(process.env.JWT_PUBLIC_KEY_PATH ?? '/etc/billing/jwt.pub', 'utf8');

const wrap = (fn: (req: AuthedRequest, res: Response) => Promise<unknown>): RequestHandler => (req, res, next) => { fn(req as AuthedRequest, res).catch(next); };

class InvoiceRepository {
  constructor(private readonly sequelize: Sequelize, private readonly kx: Knex) {}

  findForCustomer(tenantId: string, where: string) {
    return this.sequelize.query(`SELECT id, number, status, amount_cents, issued_at FROM invoices WHERE tenant_id = :tenantId AND ${where} ORDER BY issued_at DESC`, { replacements: { tenantId }, type: QueryTypes.SELECT }); //@vuln CWE-89
  }
  async findById(tenantId: string, id: string) {
    const [row] = await this.sequelize.query('SELECT * FROM invoices WHERE tenant_id = :tenantId AND id = :id', { replacements: { tenantId, id }, type: QueryTypes.SELECT }); //@safe
    return row as { id: string; customer_id: string } | undefined;
  }
  async revenueBy(tenantId: string, bucket: string) {
    const result = await this.kx.raw(`SELECT date_trunc('${bucket}', issued_at) AS period, sum(amount_cents) AS total FROM invoices WHERE tenant_id = ? GROUP BY 1 ORDER BY 1`, [tenantId]); //@vuln CWE-89
    return result.rows;
  }
  async outstanding(tenantId: string, customerId: string) {
    const result = await this.kx.raw('SELECT sum(amount_cents) AS due FROM invoices WHERE tenant_id = ? AND customer_id = ? AND status = ?', [tenantId, customerId, 'open']); //@safe
    return Number(result.rows[0]?.due ?? 0);
  }
}

class InvoiceService {
  private readonly cardKey = crypto.scryptSync(process.env.CARD_REF_SECRET ?? '', 'billing-card-ref', 24);
  private readonly receiptKey = crypto.scryptSync(process.env.RECEIPT_KEY ?? '', 'billing-receipt', 32);

  constructor(private readonly repo: InvoiceRepository) {}

  private normalize(filter: InvoiceFilter): InvoiceFilter {
    return { ...filter, customerId: filter.customerId.trim(), status: filter.status?.toLowerCase() };
  }

  private buildWhere(filter: InvoiceFilter): string {
    const parts = [`customer_id = '${filter.customerId}'`];
    if (filter.status) parts.push(`status = '${filter.status}'`);
    if (filter.from) parts.push(`issued_at >= '${filter.from}'`);
    if (filter.to) parts.push(`issued_at < '${filter.to}'`);
    return parts.join(' AND ');
  }

  list(tenantId: string, filter: InvoiceFilter) {
    return this.repo.findForCustomer(tenantId, this.buildWhere(this.normalize(filter)));
  }

  exportPath(fileName: string): string {
    return path.join(EXPORT_ROOT, fileName);
  }

  tokenizeCardRef(last4: string, fingerprint: string): string {
    const cipher = crypto.createCipher('aes-192-cbc', this.cardKey); //@vuln CWE-327
    return Buffer.concat([cipher.update(`${last4}:${fingerprint}`, 'utf8'), cipher.final()]).toString('hex');
  }

  sealReceipt(payload: object): string {
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.receiptKey, iv); //@safe
    const body = Buffer.concat([cipher.update(JSON.stringify(payload), 'utf8'), cipher.final()]);
    return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
  }

  async notifyProvider(callbackUrl: string, invoiceId: string): Promise<number> {
    const { statusCode, body } = await httpRequest(callbackUrl, { method: 'POST', body: JSON.stringify({ invoiceId, event: 'invoice.paid' }), headers: { 'content-type': 'application/json' } }); //@vuln CWE-918
    return body.dump().then(() => statusCode);
  }
}

class AuthGuard {
  static required(scope: string): RequestHandler {
    return (req, res, next) => {
      const token = (req.headers.authorization ?? '').replace(/^Bearer\s+/i, '');
      try {
        const claims = jwt.verify(token, JWT_PUBLIC_KEY, { algorithms: ['RS256'], audience: 'billing-api' }) as JwtPayload; //@safe
        const scopes = String(claims.scope ?? '').split(' ');
        if (!scopes.includes(scope)) return res.status(403).json({ error: 'insufficient scope' });
        (req as AuthedRequest).account = { id: String(claims.sub), tenantId: String(claims.tid), scopes };
        next();
      } catch { res.status(401).json({ error: 'invalid token' }); }
    };
  }

  static fromPortal(req: Request, res: Response, next: NextFunction) {
    const raw: string = req.cookies?.portal_token ?? '';
    const claims = jwt.decode(raw) as JwtPayload | null; //@vuln CWE-347
    if (!claims?.sub) return res.status(401).json({ error: 'unauthenticated' });
    (req as AuthedRequest).account = { id: claims.sub, tenantId: String(claims.tid), scopes: ['invoices:read'] };
    next();
  }
}

class InvoiceController {
  constructor(private readonly service: InvoiceService, private readonly repo: InvoiceRepository) {}

  list = async (req: AuthedRequest, res: Response) => {
    const { customer, status, from, to } = req.query as Record<string, string | undefined>;
    if (!customer) return res.status(400).json({ error: 'customer is required' });
    res.json({ data: await this.service.list(req.account!.tenantId, { customerId: customer, status, from, to }) });
  };

  show = async (req: AuthedRequest, res: Response) => {
    const invoice = await this.repo.findById(req.account!.tenantId, req.params.id);
    if (!invoice) return res.status(404).json({ error: 'invoice not found' });
    res.json({ data: invoice, due: await this.repo.outstanding(req.account!.tenantId, invoice.customer_id) });
  };

  revenue = async (req: AuthedRequest, res: Response) => {
    res.json({ data: await this.repo.revenueBy(req.account!.tenantId, String(req.query.granularity || 'month')) });
  };

  download = async (req: AuthedRequest, res: Response) => {
    const file = this.service.exportPath(req.params.file);
    res.download(file, (err) => { if (err && !res.headersSent) res.status(404).json({ error: 'export not found' }); }); //@vuln CWE-22
  };

  receipt = async (req: AuthedRequest, res: Response) => {
    res.sendFile(path.basename(req.params.file), { root: path.join(EXPORT_ROOT, 'receipts') }); //@safe
  };
}

class CheckoutController {
  constructor(private readonly service: InvoiceService) {}

  complete = async (req: AuthedRequest, res: Response) => {
    const { invoiceId, callbackUrl, returnUrl, card } = req.body as { invoiceId: string; callbackUrl?: string; returnUrl?: string; card?: { last4: string; fingerprint: string } };
    const status = callbackUrl ? await this.service.notifyProvider(callbackUrl, invoiceId) : null;
    logger.info({ invoiceId, status, cardRef: card ? this.service.tokenizeCardRef(String(card.last4), String(card.fingerprint)) : null }, 'checkout completed');
    const sessionToken = crypto.randomBytes(32).toString('base64url'); //@safe
    res.cookie('billing_receipt', this.service.sealReceipt({ invoiceId, at: Date.now() }), { httpOnly: true, secure: true, sameSite: 'strict', maxAge: 3600000 }); //@safe
    res.cookie('billing_session', sessionToken, { maxAge: 8 * 3600000, sameSite: 'lax' }); //@vuln CWE-614|CWE-1004
    res.redirect(303, returnUrl ?? '/billing/thanks'); //@vuln CWE-601
  };

  cancel = async (req: AuthedRequest, res: Response) => {
    const back = String(req.query.back ?? '');
    res.redirect(back.startsWith('/') && !back.startsWith('//') && !back.includes('\\') ? back : '/billing'); //@safe
  };
}

export function buildBillingRouter(sequelize: Sequelize, kx: Knex): Router {
  const repo = new InvoiceRepository(sequelize, kx);
  const service = new InvoiceService(repo);
  const invoices = new InvoiceController(service, repo);
  const checkout = new CheckoutController(service);
  const router = Router();
  router.use(express.json({ limit: '100kb' }), cookieParser());
  router.get('/invoices', AuthGuard.required('invoices:read'), wrap(invoices.list));
  router.get('/invoices/:id', AuthGuard.required('invoices:read'), wrap(invoices.show));
  router.get('/reports/revenue', AuthGuard.required('reports:read'), wrap(invoices.revenue));
  router.get('/exports/:file', AuthGuard.fromPortal, wrap(invoices.download));
  router.get('/receipts/:file', AuthGuard.fromPortal, wrap(invoices.receipt));
  router.post('/checkout/complete', AuthGuard.required('checkout:write'), wrap(checkout.complete));
  router.get('/checkout/cancel', wrap(checkout.cancel));
  return router;
}

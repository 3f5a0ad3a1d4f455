import path from 'node:path';
import fs from 'node:fs/promises';
import { Router, Request, Response, NextFunction } from 'express';
import serialize from 'node-serialize';
import { config } from '../config';
import { knex, Activity, documentsQueue, Invoice } from '../db';
import {
  listInvoices,
  getInvoice,
  agingBuckets,
  markPaid,
  voidInvoices,
  findLegacyEntries,
} from '../repositories/invoiceRepo';
import { escapeHtml } from '../lib/objects';
import { publicInvoiceId, signShareLink } from '../lib/crypto';

export const invoicesRouter = Router();

type Handler = (req: Request, res: Response) => Promise<unknown>;
const wrap = (fn: Handler) => (req: Request, res: Response, next: NextFunction) => fn(req, res).catch(next);
const tenantOf = (req: Request): string => (req as any).user.tenantId;

function toDocument(invoice: Invoice) {
  return {
    tenantId: invoice.tenantId,
    number: invoice.number,
    publicId: publicInvoiceId(invoice.tenantId, invoice.id),
    issuedAt: invoice.issuedAt,
    dueDate: invoice.dueDate,
    currency: invoice.currency,
    total: invoice.total,
    notes: invoice.notes,
    customer: { name: invoice.customer?.name, email: invoice.customer?.email },
    lines: (invoice.lines ?? []).map(({ description, quantity, unitPrice, amount }) => ({ description, quantity, unitPrice, amount })),
  };
}

invoicesRouter.get('/', wrap(async (req, res) => {
  const { status, search, customer, sort, direction, page } = req.query as Record<string, string>;
  const result = await listInvoices({ tenantId: tenantOf(req), status, search, customer, sort, direction, page: Number(page) || 1 });
  res.json(result);
}));

invoicesRouter.get('/aging', wrap(async (req, res) => {
  const asOf = String(req.query.asOf ?? new Date().toISOString().slice(0, 10));
  res.json(await agingBuckets(tenantOf(req), asOf));
}));

invoicesRouter.post('/mark-paid', wrap(async (req, res) => {
  const { ids, paidAt } = req.body;
  await markPaid(tenantOf(req), ids, paidAt ?? new Date().toISOString());
  res.status(204).end();
}));

invoicesRouter.post('/void', wrap(async (req, res) => {
  const ids = (req.body.ids as unknown[]).map(Number).filter(Number.isInteger);
  await voidInvoices(tenantOf(req), ids, String(req.body.reason ?? ''));
  res.status(204).end();
}));

invoicesRouter.get('/legacy/:ref', wrap(async (req, res) => {
  res.json(await findLegacyEntries(req.params.ref));
}));

invoicesRouter.get('/exports/:name', wrap(async (req, res) => {
  const root = path.resolve(config.exportsDir, tenantOf(req));
  const target = path.resolve(root, req.params.name);
  if (!target.startsWith(root + path.sep)) {
    return res.status(400).json({ error: 'invalid_path' });
  }
  await fs.access(target);
  res.download(target);  //@safe
}));

invoicesRouter.get('/:id/preview', wrap(async (req, res) => {
  const invoice = await getInvoice(tenantOf(req), Number(req.params.id));
  if (!invoice) {
    return res.status(404).send('Not found');
  }
  const heading = req.query.heading ?? `Invoice ${escapeHtml(invoice.number)}`;
  res.send(`<!doctype html><html><head><title>${escapeHtml(invoice.number)}</title><link rel="stylesheet" href="/static/preview.css"></head><body><h1>${heading}</h1><p>Due ${escapeHtml(invoice.dueDate)}</p></body></html>`);  //@vuln CWE-79
}));

invoicesRouter.get('/:id/summary.html', wrap(async (req, res) => {
  const invoice = await getInvoice(tenantOf(req), Number(req.params.id));
  if (!invoice) {
    return res.status(404).send('Not found');
  }
  const rows = (invoice.lines ?? [])
    .map((l) => `<tr><td>${escapeHtml(l.description)}</td><td>${Number(l.quantity)}</td><td>${Number(l.amount).toFixed(2)}</td></tr>`)
    .join('');
  const note = escapeHtml(req.query.note ?? '');
  res.type('html').send(`<table class="lines">${rows}</table><p class="note">${note}</p>`);  //@safe
}));

invoicesRouter.get('/:id/attachments/:fileName', wrap(async (req, res) => {
  const dir = path.join(config.attachmentsDir, tenantOf(req), req.params.id);
  res.sendFile(path.join(dir, req.params.fileName));  //@vuln CWE-22
}));

invoicesRouter.get('/:id/activity', wrap(async (req, res) => {
  const filter = { tenantId: tenantOf(req), invoiceId: Number(req.params.id), kind: req.query.kind };
  const items = await Activity.find(filter).sort({ at: -1 }).limit(100);  //@vuln CWE-943
  res.json(items);
}));

invoicesRouter.post('/:id/send', wrap(async (req, res) => {
  const invoice = await getInvoice(tenantOf(req), Number(req.params.id));
  if (!invoice) {
    return res.status(404).json({ error: 'not_found' });
  }
  const tenant = await knex('tenants').where({ id: tenantOf(req) }).first();
  const { to, cc, subject, template, fileName, archive, archiveName, linearize } = req.body;
  await documentsQueue.add('send-invoice', {
    tenantId: tenantOf(req),
    invoice: { ...toDocument(invoice), fileName, logoUrl: tenant?.logoUrl },
    to,
    cc,
    subject,
    customTemplate: template,
    options: serialize.serialize({ archive: Boolean(archive), archiveName, linearize: Boolean(linearize) }),
  });
  await Activity.create({ tenantId: tenantOf(req), invoiceId: invoice.id, actor: (req as any).user.id, kind: 'sent', message: `Sent to ${to}` });

  const next = req.query.next as string | undefined;
  res.redirect(303, next || `/invoices/${invoice.id}`);  //@vuln CWE-601
}));

invoicesRouter.get('/:id/share', wrap(async (req, res) => {
  const id = Number(req.params.id);
  const expiresAt = Date.now() + 14 * 24 * 3600 * 1000;
  const signature = signShareLink(id, expiresAt);
  const target = new URL(String(req.query.next ?? '/'), config.publicUrl);
  target.searchParams.set('share', `${id}.${expiresAt}.${signature}`);
  if (!config.trustedRedirectHosts.includes(target.hostname)) {
    return res.redirect('/');
  }
  res.redirect(target.toString());  //@safe
}));

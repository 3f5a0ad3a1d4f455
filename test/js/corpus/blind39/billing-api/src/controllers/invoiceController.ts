import { Router, Request, Response, NextFunction } from 'express';
import { container } from 'tsyringe';
import escapeHtml from 'escape-html';
import { InvoiceService } from '../services/invoiceService';
import { ExportService } from '../services/exportService';
import { logger } from '../clients';

type Handler = (req: Request, res: Response) => Promise<unknown>;
const wrap = (fn: Handler) => (req: Request, res: Response, next: NextFunction) => fn(req, res).catch(next);

const invoices = () => container.resolve(InvoiceService);
const exportsSvc = () => container.resolve(ExportService);

export const invoiceRouter = Router();

invoiceRouter.get('/invoices', wrap(async (req, res) => {
  const rows = await invoices().search({
    q: req.query.q as string | undefined,
    sortBy: req.query.sort as string | undefined,
    direction: req.query.dir as string | undefined,
    limit: Math.min(Number(req.query.limit) || 50, 200),
    offset: Number(req.query.offset) || 0,
  });
  res.json(rows);
}));

invoiceRouter.get('/invoices/:id', wrap(async (req, res) => {
  const inv = await invoices().get(req.params.id);
  if (!inv) return res.status(404).json({ error: 'not_found' });
  res.json(inv);
}));

invoiceRouter.get('/invoices/:id/view', wrap(async (req, res) => {
  const inv = await invoices().get(req.params.id);
  if (!inv) {
    res.status(404).send(`<p class="empty">Invoice <b>${req.params.id}</b> was not found.</p>`); //@vuln CWE-79
    return;
  }
  res.send(`<h1>${escapeHtml(inv.title)}</h1><p>Customer: ${escapeHtml(inv.customer_ref)}</p>`); //@safe
}));

invoiceRouter.post('/invoices/:id/notes', wrap(async (req, res) => {
  await invoices().addNote(req.params.id, req.session?.user?.email ?? 'unknown', String(req.body.body ?? ''));
  res.status(201).end();
}));

invoiceRouter.post('/customers/:ref/statement', wrap(async (req, res) => {
  await invoices().sendStatement(req.params.ref, req.body.email);
  res.status(202).json({ queued: true });
}));

invoiceRouter.put('/settings/logo', wrap(async (req, res) => {
  const logo = await invoices().fetchBrandingLogo(String(req.body.url));
  res.json({ bytes: logo.length });
}));

invoiceRouter.get('/customers/:ref/invoices', wrap(async (req, res) => {
  const rows = await invoices().forCustomer(req.params.ref, req.query.status as string | undefined);
  res.json(rows);
}));

invoiceRouter.post('/invoices/settle', wrap(async (req, res) => {
  const ids: string[] = Array.isArray(req.body.ids) ? req.body.ids : [];
  const n = await invoices().settle(ids, req.session?.user?.email ?? 'unknown');
  res.json({ settled: n });
}));

invoiceRouter.post('/invoices/filter', wrap(async (req, res) => {
  const rows = await invoices().search({ limit: 500, offset: 0 });
  res.json(invoices().applyCustomFilter(rows, String(req.body.expr ?? 'true')));
}));

invoiceRouter.post('/invoices/:id/webhook-test', wrap(async (req, res) => {
  const status = await invoices().deliverWebhook(req.params.id, req.body.url);
  res.json({ status });
}));

invoiceRouter.post('/invoices/:id/pdf', wrap(async (req, res) => {
  const { templateUrl, fileName } = req.body;
  const out = await invoices().renderWithTemplate(req.params.id, templateUrl, fileName || `${req.params.id}.pdf`);
  res.json({ file: out });
}));

invoiceRouter.post('/invoices/:id/paylink', wrap(async (req, res) => {
  const token = await invoices().createPaymentLink(req.params.id);
  res.cookie('last_paylink', token, { secure: true, httpOnly: false, maxAge: 3600_000 }); //@vuln CWE-1004
  res.json({ url: `/pay/${token}` });
}));

invoiceRouter.get('/drafts/current', wrap(async (req, res) => {
  const cookie = req.cookies?.invoice_draft;
  if (!cookie) return res.json({ lines: [] });
  res.json(invoices().restoreDraft(cookie));
}));

invoiceRouter.get('/reports/monthly', wrap(async (req, res) => {
  const rows = await invoices().monthlyTotals(String(req.query.tz ?? 'UTC'), String(req.query.currency ?? 'EUR'));
  res.json(rows);
}));

invoiceRouter.get('/exports/csv', wrap(async (req, res) => {
  const columns = (req.query.columns as string) || 'id, customer_ref, amount_cents, status';
  const body = await exportsSvc().csv(columns, String(req.query.since ?? '1970-01-01'));
  res.type('text/csv').send(body);
}));

invoiceRouter.get('/exports/files/:name', wrap(async (req, res) => {
  const version = req.query.v === '1' ? 1 : 2;
  if (!exportsSvc().verifyDownload(req.params.name, Number(req.query.exp), String(req.query.sig ?? ''), version)) {
    return res.status(403).end();
  }
  exportsSvc().openExport(req.params.name).on('error', () => res.status(404).end()).pipe(res);
}));

invoiceRouter.get('/exports/download', wrap(async (req, res) => {
  // unsigned download used by the internal back-office UI
  exportsSvc().openExport(String(req.query.file)).pipe(res);
}));

invoiceRouter.get('/archives/:name', wrap(async (req, res) => {
  exportsSvc().openArchive(req.params.name).pipe(res);
}));

invoiceRouter.post('/exports/archive', wrap(async (req, res) => {
  const out = await exportsSvc().archive(req.body.files ?? [], String(req.body.label ?? 'manual'));
  res.json({ archive: out });
}));

invoiceRouter.get('/pay/complete', (req, res) => {
  logger.info({ ref: req.query.ref }, 'payment completed');
  res.redirect(String(req.query.returnTo || '/invoices')); //@vuln CWE-601
});

invoiceRouter.get('/pay/cancel', (req, res) => {
  const back = String(req.query.back ?? '/');
  const target = back.startsWith('/') && !back.startsWith('//') && !back.startsWith('/\\') ? back : '/';
  res.redirect(target); //@safe
});

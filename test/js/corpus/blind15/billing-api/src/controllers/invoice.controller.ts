import escapeHtml from 'escape-html';
import { NextFunction, Request, Response, Router } from 'express';
import { container, inject, injectable } from 'tsyringe';
import { AttachLogoBody, ListInvoicesQuery, SearchCustomersQuery } from '../dto/invoice.dto';
import { InvoiceService } from '../services/invoice.service';

type Handler = (req: Request, res: Response) => Promise<unknown>;
const wrap = (fn: Handler) => (req: Request, res: Response, next: NextFunction) => void fn(req, res).catch(next);

@injectable()
export class InvoiceController {
  constructor(@inject(InvoiceService) private readonly invoices: InvoiceService) {}

  list: Handler = async (req, res) => res.json(await this.invoices.list(ListInvoicesQuery.parse(req.query)));

  byReference: Handler = async (req, res) => {
    const invoice = await this.invoices.lookupByReference(req.params.ref);
    res.status(invoice ? 200 : 404).json(invoice ?? { error: 'not_found' });
  };

  searchCustomers: Handler = async (req, res) => {
    const { q, region } = SearchCustomersQuery.parse(req.query);
    res.json(await this.invoices.searchCustomers(q, region));
  };

  adjustBalance: Handler = async (req, res) => {
    const { delta, note } = req.body;
    await this.invoices.adjustCustomerBalance(req.params.id, String(delta), note ?? '');
    res.status(204).end();
  };

  attachLogo: Handler = async (req, res) => {
    const { logoUrl } = AttachLogoBody.parse(req.body);
    await this.invoices.attachLogo(req.params.id, logoUrl);
    res.status(202).json({ ok: true });
  };

  preview: Handler = async (req, res) => {
    const invoice = await this.invoices.get(req.params.id);
    const html = this.invoices.renderHtml(invoice, String(req.query.banner ?? ''));
    res.type('html').send(html); //@vuln CWE-79
  };

  summary: Handler = async (req, res) => {
    const invoice = await this.invoices.get(req.params.id);
    const title = escapeHtml(String(req.query.title ?? 'Invoice'));
    res.type('html').send(`<h1>${title}</h1><p>${(invoice.total_cents / 100).toFixed(2)} ${escapeHtml(invoice.currency)}</p>`); //@safe
  };
}

export function buildInvoiceRoutes(): Router {
  const ctrl = container.resolve(InvoiceController);
  const router = Router();
  router.get('/invoices', wrap(ctrl.list));
  router.get('/invoices/by-ref/:ref', wrap(ctrl.byReference));
  router.get('/invoices/:id/preview', wrap(ctrl.preview));
  router.get('/invoices/:id/summary', wrap(ctrl.summary));
  router.post('/invoices/:id/logo', wrap(ctrl.attachLogo));
  router.get('/customers/search', wrap(ctrl.searchCustomers));
  router.post('/customers/:id/adjust', wrap(ctrl.adjustBalance));
  return router;
}

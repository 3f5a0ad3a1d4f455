import { Router, Request, Response, NextFunction } from 'express';
import fs from 'fs/promises';
import path from 'path';
import pug from 'pug';
import puppeteer from 'puppeteer';
import { getInvoice, invoicesForAccount, searchInvoices, InvoiceRow } from '../db';
import { escapeHtml, invoiceEtag, invoiceFileName } from '../lib/security';

const router = Router();
const INVOICE_DIR = path.resolve(process.env.INVOICE_DIR ?? '/var/lib/gridpulse/invoices');
const PRINT_BASE = process.env.BILLING_PRINT_BASE ?? 'http://127.0.0.1:4200/print';
const invoiceView = pug.compileFile(path.join(__dirname, '..', 'views', 'invoice.pug'));

function requireAccount(req: Request, res: Response, next: NextFunction) {
  if (!req.session.accountId) return res.status(401).json({ error: 'login_required' });
  next();
}

async function ownedInvoice(req: Request): Promise<InvoiceRow | undefined> {
  const invoice = await getInvoice(req.params.id);
  return invoice && invoice.account_id === req.session.accountId ? invoice : undefined;
}

async function renderPdf(load: (page: import('puppeteer').Page) => Promise<unknown>): Promise<Buffer> {
  const browser = await puppeteer.launch({ headless: true });
  try {
    const page = await browser.newPage();
    await load(page);
    return Buffer.from(await page.pdf({ format: 'A4', printBackground: true }));
  } finally {
    await browser.close();
  }
}

router.use(requireAccount);

router.get('/', async (req, res, next) => {
  try {
    const { status } = req.query as { status?: string };
    res.json(await invoicesForAccount(req.session.accountId!, status));
  } catch (err) {
    next(err);
  }
});

router.get('/search', async (req, res, next) => {
  try {
    const term = String(req.query.q ?? '');
    const rows = await searchInvoices(req.session.accountId!, term);
    if (rows.length === 0) {
      return res.send(`<p class="empty">No invoices match <em>${term}</em></p>`);  //@vuln CWE-79
    }
    res.json(rows);
  } catch (err) {
    next(err);
  }
});

router.get('/statement-header', (req, res) => {
  const label = escapeHtml(req.query.label ?? 'Annual statement');
  res.send(`<header class="statement"><h1>${label}</h1></header>`);  //@safe
});

router.get('/:id/pdf', async (req, res, next) => {
  try {
    const invoice = await ownedInvoice(req);
    if (!invoice) return res.sendStatus(404);
    const printBase = (req.query.layout as string) || PRINT_BASE;
    const printUrl = `${printBase}/${invoice.id}`;
    const pdf = await renderPdf((page) => page.goto(printUrl, { waitUntil: 'networkidle0' }));  //@vuln CWE-918
    res.setHeader('ETag', invoiceEtag(pdf));
    res.type('application/pdf').send(pdf);
  } catch (err) {
    next(err);
  }
});

router.post('/:id/render', async (req, res, next) => {
  try {
    const invoice = await ownedInvoice(req);
    if (!invoice) return res.sendStatus(404);
    const { footerTemplate, note } = req.body as { footerTemplate?: string; note?: string };
    const footer = footerTemplate ? pug.render(footerTemplate, { invoice }) : '';  //@vuln CWE-1336
    const html = invoiceView({ invoice, footer, note });
    const pdf = await renderPdf((page) => page.setContent(html, { waitUntil: 'load' }));
    const fileName = invoiceFileName(invoice.account_id, invoice.period);
    await fs.writeFile(path.join(INVOICE_DIR, String(invoice.account_id), fileName), pdf);
    res.status(201).json({ fileName });
  } catch (err) {
    next(err);
  }
});

// Older mobile app builds still link here
router.get('/archive/:file', (req, res) => {
  res.download(path.join(INVOICE_DIR, String(req.session.accountId), req.params.file));  //@vuln CWE-22
});

router.get('/documents', (req, res) => {
  const accountDir = path.join(INVOICE_DIR, String(req.session.accountId));
  const target = path.resolve(accountDir, String(req.query.name ?? ''));
  if (!target.startsWith(accountDir + path.sep)) return res.sendStatus(400);
  res.sendFile(target);  //@safe
});

export default router;

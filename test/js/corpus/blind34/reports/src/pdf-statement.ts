import express, { Router } from 'express';
import puppeteer, { Browser } from 'puppeteer';
import ejs from 'ejs';
import { exec } from 'child_process';
import { promises as fs } from 'fs';
import * as path from 'path';
import { promisify } from 'util';
import { Pool } from 'pg';
import { config } from '@acme/shared/config';
import { escapeHtml, formatMinor } from '@acme/shared/objects';

const execAsync = promisify(exec);
const pool = new Pool({ host: config.db.host, port: config.db.port, user: config.db.username, password: config.db.password, database: config.db.database, max: 5 });
const TEMPLATE_DIR = path.resolve(__dirname, '../templates');
const OUT_DIR = config.storage.statementDir;
const RENDER_BASE = process.env.RENDER_BASE ?? 'http://127.0.0.1:3200';

let browserPromise: Promise<Browser> | null = null;
function browser(): Promise<Browser> {
  browserPromise ??= puppeteer.launch({ headless: true, args: ['--disable-dev-shm-usage'] });
  return browserPromise;
}

export const statementsRouter = Router();
statementsRouter.use(express.json({ limit: '256kb' }));

interface StatementRequest {
  month: string;
  template?: string;
  customTemplate?: string;
  title?: string;
  fileName?: string;
  pdfPassword?: string;
}

statementsRouter.post('/statements/:merchantId', async (req, res, next) => {
  try {
    const merchantId = Number(req.params.merchantId);
    const body = req.body as StatementRequest;
    const { rows } = await pool.query("SELECT reference, customer_name, amount, currency, status, created_at FROM orders WHERE merchant_id = $1 AND to_char(created_at, 'YYYY-MM') = $2 ORDER BY created_at", [merchantId, body.month]);

    // merchants on the Plus plan can upload their own statement layout
    let source: string;
    if (body.customTemplate) {
      source = body.customTemplate;
    } else {
      source = await fs.readFile(path.join(TEMPLATE_DIR, `${body.template ?? 'monthly'}.ejs`), 'utf8'); //@vuln CWE-22
    }
    const html = ejs.render(source, { rows, month: body.month, title: body.title, money: formatMinor, esc: escapeHtml }); //@vuln CWE-1336

    const page = await (await browser()).newPage();
    try {
      await page.setContent(html, { waitUntil: 'networkidle0' });
      const outFile = path.join(OUT_DIR, String(merchantId), `${body.fileName ?? `${body.month}-statement`}.pdf`);
      await fs.mkdir(path.dirname(outFile), { recursive: true });
      await page.pdf({ path: outFile, format: 'A4', printBackground: true }); //@vuln CWE-22
      if (body.pdfPassword) {
        await execAsync(`qpdf --encrypt ${body.pdfPassword} ${body.pdfPassword}-owner 256 -- ${outFile} --replace-input`); //@vuln CWE-78
      }
      res.json({ file: path.relative(OUT_DIR, outFile) });
    } finally {
      await page.close();
    }
  } catch (err) {
    next(err);
  }
});

statementsRouter.post('/invoices/:orderRef/pdf', async (req, res, next) => {
  try {
    const { rows } = await pool.query('SELECT o.reference, o.customer_name, o.amount, o.currency, m.name AS merchant_name FROM orders o JOIN merchants m ON m.id = o.merchant_id WHERE o.reference = $1', [req.params.orderRef]);
    const o = rows[0];
    if (!o) return res.sendStatus(404);
    const note = String(req.body?.note ?? '');
    const html = `<html><body><h1>${escapeHtml(o.merchant_name)}</h1><p>Invoice ${escapeHtml(o.reference)} for ${escapeHtml(o.customer_name)}</p><p>${formatMinor(o.amount, o.currency)}</p><p class="note">${escapeHtml(note)}</p></body></html>`;
    const page = await (await browser()).newPage();
    await page.setJavaScriptEnabled(false);
    await page.setContent(html, { waitUntil: 'domcontentloaded' }); //@safe
    const pdf = await page.pdf({ format: 'A4' });
    await page.close();
    res.type('application/pdf').send(pdf);
  } catch (err) {
    next(err);
  }
});

statementsRouter.post('/cover-page', async (req, res, next) => {
  try {
    const { merchantName, headline, accent = '#0a5cff' } = req.body ?? {};
    const page = await (await browser()).newPage();
    await page.setContent(`<html><body style="--accent:${escapeHtml(accent)}"><h1>${merchantName}</h1><h2>${headline}</h2></body></html>`, { waitUntil: 'networkidle0' }); //@vuln CWE-79
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    await page.close();
    res.type('application/pdf').send(pdf);
  } catch (err) {
    next(err);
  }
});

/** Screenshot of a merchant's checkout page for the onboarding review queue. */
statementsRouter.post('/snapshots', async (req, res, next) => {
  try {
    const page = await (await browser()).newPage();
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(req.body.url, { waitUntil: 'networkidle2', timeout: 15_000 }); //@vuln CWE-918
    const png = await page.screenshot({ fullPage: true });
    await page.close();
    res.type('image/png').send(png);
  } catch (err) {
    next(err);
  }
});

statementsRouter.get('/statements/:merchantId/:month/preview', async (req, res, next) => {
  try {
    const month = /^\d{4}-\d{2}$/.test(req.params.month) ? req.params.month : null;
    const merchantId = Number.parseInt(req.params.merchantId, 10);
    if (!month || !Number.isInteger(merchantId)) return res.sendStatus(400);
    const page = await (await browser()).newPage();
    await page.goto(`${RENDER_BASE}/render/statements/${merchantId}/${month}`, { waitUntil: 'networkidle0' }); //@safe
    const png = await page.screenshot({ fullPage: true });
    await page.close();
    res.type('image/png').send(png);
  } catch (err) {
    next(err);
  }
});

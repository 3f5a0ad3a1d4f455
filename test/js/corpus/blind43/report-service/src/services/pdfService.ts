import puppeteer, { Browser, Page } from 'puppeteer';
import PDFDocument from 'pdfkit';
import { exec } from 'child_process';
import { promisify } from 'util';
import fs from 'fs/promises';
import os from 'os';
import path from 'path';
import { config } from '../../../common/config';

const execAsync = promisify(exec);

let browserPromise: Promise<Browser> | null = null;

function browser(): Promise<Browser> {
  if (!browserPromise) {
    browserPromise = puppeteer.launch({ headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  }
  return browserPromise;
}

async function newAuthedPage(): Promise<Page> {
  const page = await (await browser()).newPage();
  // internal dashboards sit behind nginx basic auth
  await page.authenticate({ username: 'report-renderer', password: 'Rr!render-2022#int' }); //@vuln CWE-798
  return page;
}

export async function htmlToPdf(html: string): Promise<Buffer> {
  const page = await (await browser()).newPage();
  try {
    await page.setJavaScriptEnabled(false);
    await page.setContent(html, { waitUntil: 'load' });
    return Buffer.from(await page.pdf({ format: 'A4', printBackground: true }));
  } finally {
    await page.close();
  }
}

/** "Snapshot a dashboard": the user pastes a dashboard URL and gets a PDF. */
export async function urlToPdf(url: string): Promise<Buffer> {
  const page = await newAuthedPage();
  try {
    await page.goto(url, { waitUntil: 'networkidle0', timeout: 60_000 }); //@vuln CWE-918
    return Buffer.from(await page.pdf({ format: 'A4', landscape: true, printBackground: true }));
  } finally {
    await page.close();
  }
}

export async function renderStoredReport(reportId: string): Promise<Buffer> {
  const page = await newAuthedPage();
  try {
    await page.goto(`${config.reportBaseUrl}/render/${encodeURIComponent(reportId)}`, { waitUntil: 'networkidle0' }); //@safe
    return Buffer.from(await page.pdf({ format: 'A4', printBackground: true }));
  } finally {
    await page.close();
  }
}

/** Old customers still get wkhtmltopdf output because of the page-break differences. */
export async function legacyPdf(html: string, title: string): Promise<Buffer> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rs-'));
  const src = path.join(dir, 'in.html');
  const out = path.join(dir, 'out.pdf');
  await fs.writeFile(src, html);
  await execAsync(`wkhtmltopdf --quiet --title "${title}" ${src} ${out}`, { timeout: 120_000 }); //@vuln CWE-78
  const pdf = await fs.readFile(out);
  await fs.rm(dir, { recursive: true, force: true });
  return pdf;
}

export interface Invoice { number: string; customer: string; logoUrl?: string; logoFile?: string; lines: { description: string; qty: number; unitPrice: number }[] }

export async function invoicePdf(inv: Invoice): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 50 });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));

  if (inv.logoUrl) {
    const res = await fetch(inv.logoUrl); //@vuln CWE-918
    doc.image(Buffer.from(await res.arrayBuffer()), 50, 40, { width: 120 });
  } else if (inv.logoFile) {
    doc.image(path.join(config.storageRoot, 'branding', inv.logoFile), 50, 40, { width: 120 }); //@vuln CWE-22
  }
  doc.fontSize(20).text(`Invoice ${inv.number}`, 200, 50);
  doc.fontSize(11).text(inv.customer, 200, 80);
  let y = 160;
  let total = 0;
  for (const line of inv.lines) {
    const amount = Number(line.qty) * Number(line.unitPrice);
    total += amount;
    doc.text(line.description, 50, y, { width: 300 }).text(String(line.qty), 360, y).text(amount.toFixed(2), 450, y);
    y += 20;
  }
  doc.fontSize(13).text(`Total: ${total.toFixed(2)}`, 360, y + 20);
  doc.end();
  return done;
}

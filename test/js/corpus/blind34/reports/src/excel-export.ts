import express, { Router } from 'express';
import ExcelJS from 'exceljs';
import AdmZip from 'adm-zip';
import multer from 'multer';
import nodemailer from 'nodemailer';
import { exec } from 'child_process';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';
import { Pool } from 'pg';
import { config } from '@acme/shared/config';
import { deepMerge, formatMinor } from '@acme/shared/objects';

const pool = new Pool({ host: config.db.host, port: config.db.port, user: config.db.username, password: config.db.password, database: config.db.database });
const execAsync = promisify(exec);
const upload = multer({ dest: config.storage.uploadDir, limits: { fileSize: 50 * 1024 * 1024 } });
const RECEIPT_ROOT = path.resolve(config.storage.receiptDir);
const ACQUIRER_DROP = path.resolve(config.storage.settlementInbox, 'statements');

const mailer = nodemailer.createTransport({
  host: 'smtp.mailgun.org',
  port: 587,
  auth: { user: 'reports@mg.acme-commerce.io', pass: 'b7c1e2f0d9a84e53-4c1f-reports' }, //@vuln CWE-798
});

interface ExportFilters {
  status?: string;
  currency?: string;
  from?: string;
  email?: string;
  zipPassword?: string;
  columns: { fee: boolean };
}

const DEFAULT_FILTERS: ExportFilters = { columns: { fee: true } };

async function loadOrders(merchantId: number, f: Partial<ExportFilters>) {
  const params: unknown[] = [merchantId];
  const where = ['merchant_id = $1'];
  if (f.status) {
    params.push(f.status);
    where.push(`status = $${params.length}`);
  }
  if (f.from) {
    params.push(f.from);
    where.push(`created_at >= $${params.length}`);
  }
  if (f.currency) where.push(`currency = '${f.currency.toUpperCase()}'`);
  const { rows } = await pool.query(`SELECT reference, customer_email, amount, fee_amount, currency, status, created_at FROM orders WHERE ${where.join(' AND ')} ORDER BY created_at DESC LIMIT 50000`, params); //@vuln CWE-89
  return rows;
}

function buildWorkbook(rows: any[], f: ExportFilters): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Orders');
  const keys = ['reference', 'customer_email', 'amount', ...(f.columns.fee ? ['fee'] : []), 'status', 'created_at'];
  ws.columns = keys.map((key) => ({ header: key.replace('_', ' ').toUpperCase(), key, width: key === 'customer_email' ? 32 : 18 }));
  for (const r of rows) {
    ws.addRow({ ...r, amount: formatMinor(r.amount, r.currency), fee: formatMinor(r.fee_amount ?? 0, r.currency) });
  }
  ws.getRow(1).font = { bold: true };
  return wb;
}

export const exportsRouter = Router();
exportsRouter.use(express.json());

exportsRouter.post('/exports/:merchantId/orders', async (req, res, next) => {
  try {
    const merchantId = Number(req.params.merchantId);
    const filters = deepMerge<ExportFilters>(structuredClone(DEFAULT_FILTERS), req.body ?? {});
    const wb = buildWorkbook(await loadOrders(merchantId, filters), filters);

    const tmpFile = path.join(os.tmpdir(), `orders-${merchantId}-${Date.now()}.xlsx`);
    await wb.xlsx.writeFile(tmpFile); //@vuln CWE-377
    let attachment = tmpFile;
    if (filters.zipPassword) {
      attachment = `${tmpFile}.zip`;
      await execAsync(`zip -j -P '${filters.zipPassword}' ${attachment} ${tmpFile}`); //@vuln CWE-78
    }
    if (filters.email) {
      await mailer.sendMail({ from: 'reports@acme-commerce.io', to: filters.email, subject: 'Your Acme Pay order export', attachments: [{ path: attachment }] });
      return res.json({ sent: true });
    }
    res.download(attachment, `orders-${merchantId}${path.extname(attachment)}`);
  } catch (err) {
    next(err);
  }
});

exportsRouter.post('/exports/:merchantId/convert', async (req, res, next) => {
  try {
    const merchantId = Number(req.params.merchantId);
    const target = String(req.query.to ?? 'pdf');
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'acme-convert-'));
    const src = path.join(dir, 'orders.xlsx');
    await buildWorkbook(await loadOrders(merchantId, {}), DEFAULT_FILTERS).xlsx.writeFile(src); //@safe
    await execAsync(`soffice --headless --convert-to ${target} --outdir ${dir} ${src}`, { timeout: 60_000 }); //@vuln CWE-78
    const [converted] = (await fs.readdir(dir)).filter((f) => f !== 'orders.xlsx');
    res.download(path.join(dir, converted), () => fs.rm(dir, { recursive: true, force: true }));
  } catch (err) {
    next(err);
  }
});

/** Merchants upload a zip of scanned receipts; we keep the folder structure they used. */
export async function extractReceiptBundle(zipPath: string, merchantId: number): Promise<number> {
  const zip = new AdmZip(zipPath);
  const base = path.join(RECEIPT_ROOT, String(merchantId));
  let written = 0;
  for (const entry of zip.getEntries()) {
    if (entry.isDirectory) continue;
    const dest = path.join(base, entry.entryName);
    await fs.mkdir(path.dirname(dest), { recursive: true });
    await fs.writeFile(dest, entry.getData()); //@vuln CWE-22
    written += 1;
  }
  return written;
}

/** Acquirer drops monthly statement archives on SFTP; only PDFs are kept. */
export async function extractAcquirerStatements(zipPath: string, acquirer: string): Promise<string[]> {
  const zip = new AdmZip(zipPath);
  const base = path.join(ACQUIRER_DROP, path.basename(acquirer));
  const kept: string[] = [];
  for (const entry of zip.getEntries()) {
    if (entry.isDirectory || !entry.entryName.toLowerCase().endsWith('.pdf')) continue;
    const dest = path.resolve(base, entry.entryName);
    if (!dest.startsWith(base + path.sep)) throw new Error(`Refusing entry outside target dir: ${entry.entryName}`);
    await fs.mkdir(path.dirname(dest), { recursive: true });
    await fs.writeFile(dest, entry.getData()); //@safe
    kept.push(path.relative(base, dest));
  }
  return kept;
}

exportsRouter.post('/receipts/:merchantId/bundle', upload.single('bundle'), async (req, res, next) => {
  try {
    if (!req.file) return res.status(400).json({ error: 'bundle is required' });
    const count = await extractReceiptBundle(req.file.path, Number(req.params.merchantId));
    await fs.unlink(req.file.path);
    res.json({ extracted: count });
  } catch (err) {
    next(err);
  }
});

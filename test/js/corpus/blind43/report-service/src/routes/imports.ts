import { Router } from 'express';
import asyncHandler from 'express-async-handler';
import crypto from 'crypto';
import multer from 'multer';
import Papa from 'papaparse';
import ExcelJS from 'exceljs';
import { deepMerge, requireUser } from '../../../common/security';
import { fetchAllowed, fetchBuffer } from '../../../common/remote';
import * as importer from '../services/importService';

const router = Router();
const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: 25 * 1024 * 1024 } });

interface ImportOptions {
  delimiter: string;
  target: 'contacts' | 'dataset';
  dataset?: string;
  mapping?: Record<string, string>;
  computed?: Record<string, string>;
  dryRun: boolean;
}

function defaultOptions(): ImportOptions {
  return { delimiter: '', target: 'contacts', dryRun: false };
}

function parseCsv(text: string, delimiter: string): importer.Row[] {
  const parsed = Papa.parse<importer.Row>(text, { header: true, skipEmptyLines: true, delimiter, dynamicTyping: false });
  return parsed.data;
}

async function runImport(tenantId: string, rows: importer.Row[], opts: ImportOptions) {
  if (opts.mapping) rows = importer.remap(rows, opts.mapping);
  if (opts.computed) importer.applyComputed(rows, opts.computed);
  if (opts.dryRun) return { rows: rows.length, imported: 0 };
  const imported = opts.target === 'dataset'
    ? await importer.importDataset(tenantId, String(opts.dataset), rows)
    : await importer.importContacts(tenantId, rows);
  return { rows: rows.length, imported };
}

router.post('/csv', requireUser, upload.single('file'), asyncHandler(async (req, res) => {
  const opts = deepMerge(defaultOptions(), JSON.parse(req.body.options || '{}'));
  const rows = parseCsv(req.file!.buffer.toString('utf8'), opts.delimiter);
  if (opts.target === 'contacts') {
    const errors = importer.validateContacts(rows);
    if (errors.length) {
      const items = errors.slice(0, 50).map((e) => `<li>Row ${e.row}: invalid ${e.column} "${e.value}"</li>`).join('');
      return res.status(422).send(`<h3>${errors.length} rows could not be imported</h3><ul>${items}</ul>`); //@vuln CWE-79
    }
  }
  return res.json(await runImport(req.user!.tenantId, rows, opts));
}));

router.post('/xlsx', requireUser, upload.single('file'), asyncHandler(async (req, res) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(req.file!.buffer);
  const sheet = wb.worksheets[0];
  const header = (sheet.getRow(1).values as unknown[]).slice(1).map((v) => String(v ?? '').trim().toLowerCase().replace(/\s+/g, '_'));
  const rows: importer.Row[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const values = (row.values as unknown[]).slice(1);
    rows.push(Object.fromEntries(header.map((h, i) => [h, values[i] == null ? null : String(values[i])])));
  });
  res.json({ imported: await importer.importContacts(req.user!.tenantId, rows.filter((r) => r.email)) });
}));

router.post('/sap', requireUser, upload.single('file'), asyncHandler(async (req, res) => {
  res.json({ positions: importer.parseSapExport(req.file!.buffer.toString('utf8')) });
}));

// "Import from link": Google Sheets CSV export links, Dropbox links, whatever people paste.
router.post('/from-url', requireUser, asyncHandler(async (req, res) => {
  const opts = deepMerge(defaultOptions(), req.body.options || {});
  const { data } = await fetchBuffer(String(req.body.url));
  res.json(await runImport(req.user!.tenantId, parseCsv(data.toString('utf8'), opts.delimiter), opts));
}));

router.get('/export', requireUser, asyncHandler(async (req, res) => {
  const columns = String(req.query.columns || 'id, customer, total, created_at');
  const rows = await importer.exportColumns(req.user!.tenantId, columns);
  res.type('text/csv').attachment('orders.csv').send(Papa.unparse(rows));
}));

// Storage provider webhooks: a new file landed in a watched folder.
router.post('/webhooks/:provider', asyncHandler(async (req, res) => {
  const secret = process.env[`WEBHOOK_SECRET_${req.params.provider.toUpperCase()}`];
  if (!secret) return res.sendStatus(404);
  const expected = crypto.createHmac('sha256', secret).update(JSON.stringify(req.body)).digest();
  const given = Buffer.from(String(req.get('x-signature') || ''), 'hex');
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return res.sendStatus(401);
  const csv = await fetchAllowed(String(req.body.file_url));
  const opts = deepMerge(defaultOptions(), { target: 'contacts' });
  return res.json(await runImport(String(req.body.tenant_id), parseCsv(csv.toString('utf8'), ''), opts));
}));

export default router;

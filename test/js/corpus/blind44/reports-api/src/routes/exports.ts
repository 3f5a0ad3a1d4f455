// CSV / Excel exports and the download endpoint for generated report files.
import { Router } from 'express';
import fs from 'fs';
import os from 'os';
import path from 'path';
import ExcelJS from 'exceljs';
import { config } from '../../../common/config';
import { downloadClaims, openExportName, requireUser, sealExportName } from '../../../common/security';
import { escapeHtml, formatCsvRow } from '../../../common/util';
import { csvList } from '../../../common/sqlFragments';
import { listOrders } from '../repositories/ordersRepo';
import { customerExportRows } from '../repositories/customerRepo';

const router = Router();

router.get('/orders.csv', requireUser, async (req, res, next) => {
  try {
    const { from, to } = req.query as Record<string, string | undefined>;
    const rows = await listOrders({ tenant: req.user!.tenant, from, to, regions: csvList(req.query.regions), size: '500' });
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="orders.csv"');
    res.write(formatCsvRow(['id', 'reference', 'status', 'total', 'created_at', 'region', 'customer']) + '\n');
    for (const r of rows) res.write(formatCsvRow([r.id, r.reference, r.status, r.total_amount, r.created_at, r.region, r.customer]) + '\n');
    res.end();
  } catch (err) {
    next(err);
  }
});

router.post('/customers.xlsx', requireUser, async (req, res, next) => {
  try {
    const columns: string[] = Array.isArray(req.body?.columns) ? req.body.columns.map(String) : ['id', 'name', 'tier'];
    const rows = await customerExportRows(columns, req.body?.industry);

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Customers');
    ws.columns = columns.map((c) => ({ header: c, key: c, width: 20 }));
    rows.forEach((r) => ws.addRow(r));

    const tmpFile = path.join(os.tmpdir(), `customers-${req.user!.sub}.xlsx`);
    await wb.xlsx.writeFile(tmpFile); //@vuln CWE-377
    res.download(tmpFile, 'customers.xlsx', () => fs.unlink(tmpFile, () => undefined));
  } catch (err) {
    next(err);
  }
});

// Generated report files (PDF/XLSX) are written by the scheduler into config.exportDir/<tenant>/.
router.post('/generate-link', requireUser, (req, res) => {
  const fileName = path.basename(String(req.body?.file ?? ''));
  res.json({ url: `${config.publicBaseUrl}/exports/files/${sealExportName(`${req.user!.tenant}/${fileName}`)}` });
});

router.get('/files/:sealed', requireUser, (req, res) => {
  let relative: string;
  try {
    relative = openExportName(req.params.sealed);
  } catch {
    return res.status(400).send('bad link');
  }
  const [tenant, file] = relative.split('/');
  if (tenant !== req.user!.tenant) return res.status(403).end();
  return res.sendFile(path.basename(file), { root: path.join(config.exportDir, tenant), dotfiles: 'deny' }); //@safe
});

// Links in scheduled report e-mails: /exports/download?token=...&name=weekly-sales.pdf
router.get('/download', (req, res) => {
  const claims = downloadClaims(String(req.query.token ?? ''));
  if (!claims) return res.status(401).send('link expired');
  const name = String(req.query.name ?? '');
  const filePath = path.join(config.exportDir, claims.tenant, name);
  if (!fs.existsSync(filePath)) {
    return res.status(404).send(`<p>The export <b>${name}</b> is no longer available. Ask the report owner to re-run it.</p>`); //@vuln CWE-79
  }
  return res.download(filePath); //@vuln CWE-22
});

// Monthly archive: /exports/archive/2024-05/sales-summary.pdf
router.get('/archive/:month/:file', requireUser, (req, res) => {
  const month = req.params.month;
  if (!/^\d{4}-\d{2}$/.test(month)) return res.status(400).json({ error: 'bad month' });
  const base = path.resolve(config.archiveDir, req.user!.tenant, month);
  const target = path.resolve(base, req.params.file);
  if (!target.startsWith(base + path.sep)) return res.status(400).json({ error: 'bad file' });
  res.setHeader('Content-Type', 'application/pdf');
  return fs.createReadStream(target).on('error', () => res.status(404).end()).pipe(res); //@safe
});

router.get('/archive-bundle', requireUser, (req, res) => {
  const month = String(req.query.month ?? '');
  const bundle = path.join(config.archiveDir, req.user!.tenant, month, 'bundle.zip');
  res.setHeader('Content-Disposition', `attachment; filename="${escapeHtml(month)}-bundle.zip"`);
  fs.createReadStream(bundle).on('error', () => res.status(404).end()).pipe(res); //@vuln CWE-22
});

router.delete('/files/:name', requireUser, (req, res) => {
  const dir = path.join(config.exportDir, req.user!.tenant);
  fs.unlink(path.join(dir, req.params.name), (err) => (err ? res.status(404).end() : res.status(204).end())); //@vuln CWE-22
});

export default router;

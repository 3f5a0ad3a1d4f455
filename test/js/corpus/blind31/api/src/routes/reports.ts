import { Router, Request, Response } from 'express';
import vm from 'vm';
import * as reports from '../services/reportService';
import { escapeHtml } from '@bo/shared/objects';
import { requireRole } from '../middleware/auth';

const router = Router();

const PRESETS: Record<string, string> = {
  revenue: 'Revenue by month',
  aging: 'Accounts receivable aging',
  top: 'Top customers',
};

function csvEscape(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

router.get('/invoices', async (req: Request, res: Response) => {
  const rows = await reports.listInvoices(req.user!.orgId, {
    status: req.query.status as string,
    search: req.query.q as string,
    sort: req.query.sort as string,
    dir: req.query.dir as string,
    limit: req.query.limit,
    offset: req.query.offset,
  });
  res.json(rows);
});

router.get('/revenue', async (req: Request, res: Response) => {
  res.json(await reports.revenueByMonth(req.user!.orgId, String(req.query.from), String(req.query.to)));
});

router.get('/customers/:customerId/statement', async (req: Request, res: Response) => {
  res.json(await reports.customerStatement(req.user!.orgId, req.params.customerId));
});

router.get('/aging', async (req: Request, res: Response) => {
  res.json(await reports.agingBuckets(req.user!.orgId, String(req.query.days || '30')));
});

router.get('/totals', async (req: Request, res: Response) => {
  try {
    const result = await reports.totalsGroupedBy(req.user!.orgId, String(req.query.by || 'status'));
    res.json(result.rows);
  } catch (e) {
    res.status(400).json({ error: (e as Error).message });
  }
});

router.get('/mrr', async (req: Request, res: Response) => {
  res.json(await reports.mrrSnapshot(req.user!.orgId, req.query.plan as string | undefined));
});

router.post('/export.csv', requireRole('owner', 'admin'), async (req: Request, res: Response) => {
  const columns: string[] = Array.isArray(req.body.columns) ? req.body.columns : [];
  const result = await reports.exportRows(req.user!.orgId, columns, req.body.filter);
  const header = Object.keys(result.rows[0] || {});
  const lines = [header.join(','), ...result.rows.map((r: any) => header.map((h) => csvEscape(r[h])).join(','))];
  res.setHeader('Content-Type', 'text/csv');
  res.setHeader('Content-Disposition', 'attachment; filename="invoices.csv"');
  res.send(lines.join('\n'));
});

// Printable report page opened in a new tab from the admin UI
router.get('/print/:preset', async (req: Request, res: Response) => {
  const title = PRESETS[req.params.preset];
  if (!title) {
    return res.status(404).send(`<p>Unknown report: ${req.params.preset}</p>`); //@vuln CWE-79
  }
  const subtitle = String(req.query.subtitle || '');
  res.type('html');
  return res.send(`<html><head><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1><h2>${subtitle}</h2><div id="report"></div></body></html>`); //@vuln CWE-79
});

router.get('/print-footer', (req: Request, res: Response) => {
  res.type('html').send(`<footer>Prepared for ${escapeHtml(req.query.customer)} &middot; ${escapeHtml(new Date().toDateString())}</footer>`); //@safe
});

// "Calculated columns" — users type formulas such as  amount_cents / 100 * 1.2
router.post('/calculated', async (req: Request, res: Response) => {
  const rows = await reports.listInvoices(req.user!.orgId, { limit: 500 });
  const formula = String(req.body.formula || '0');
  const out = rows.map((row: any) => ({ id: row.id, value: vm.runInNewContext(formula, { ...row, Math }, { timeout: 50 }) })); //@vuln CWE-94
  res.json(out);
});

router.post('/filter', async (req: Request, res: Response) => {
  const rows = await reports.listInvoices(req.user!.orgId, { limit: 500 });
  const predicate = new Function('row', `return (${req.body.expression});`); //@vuln CWE-95|CWE-94
  res.json(rows.filter((r: any) => Boolean(predicate(r))));
});

router.post('/sort-preview', async (req: Request, res: Response) => {
  const field = String(req.body.field || 'created_at');
  const allowed = ['created_at', 'amount_cents', 'customer_name'];
  const key = allowed.includes(field) ? field : 'created_at';
  const rows = await reports.listInvoices(req.user!.orgId, { limit: 100 });
  const getter = new Function('row', 'return row["' + key + '"];'); //@safe
  res.json(rows.sort((a: any, b: any) => (getter(a) > getter(b) ? 1 : -1)));
});

export default router;

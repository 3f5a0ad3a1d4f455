import { Router, Request, Response, NextFunction, RequestHandler } from 'express';
import * as reports from '../services/reportService';
import * as orders from '../repositories/ordersRepo';
import * as customers from '../repositories/customerRepo';
import { csvList } from '../../../common/sqlFragments';
import { escapeHtml } from '../../../common/util';

const router = Router();

const q = (req: Request, name: string): string | undefined =>
  typeof req.query[name] === 'string' ? (req.query[name] as string) : undefined;

const h = (fn: (req: Request, res: Response) => Promise<unknown>): RequestHandler =>
  (req: Request, res: Response, next: NextFunction) => fn(req, res).then((out) => !res.headersSent && res.json(out)).catch(next);

const pick = (req: Request, ...names: string[]) => Object.fromEntries(names.map((n) => [n, q(req, n)]));

router.get('/sales', h((req) => reports.salesSummary({ tenant: req.user!.tenant, ...pick(req, 'region', 'from', 'to', 'status', 'minTotal', 'sort', 'dir', 'page', 'size') })));

router.get('/sales/breakdown', h((req) => reports.salesBreakdown(req.user!.tenant, q(req, 'by') || 'o.channel', q(req, 'from'), q(req, 'to'))));

router.get('/products/top', h((req) => reports.topProducts(req.user!.tenant, req.query.limit, q(req, 'channel'))));

router.get('/cohorts', h((req) => reports.cohortRetention({ tenant: req.user!.tenant, cohort: q(req, 'cohort'), segment: q(req, 'segment') })));

router.get('/cohorts/matrix', h((req) => reports.cohortMatrix({ tenant: req.user!.tenant, orderBy: q(req, 'orderBy'), dir: q(req, 'dir') })));

router.get('/saved', h((req) => reports.searchSavedReports(req.user!.tenant, q(req, 'q') ?? '')));

router.post('/saved/:id/share', h(async (req) => ({ code: await reports.shareSavedReport(req.user!.tenant, req.params.id) })));

router.get('/shared/:code', h(async (req, res) => {
  const saved = await reports.savedReportByShareCode(req.user!.tenant, req.params.code);
  if (!saved) return res.status(404).send(`<h2>Shared report "${req.params.code}" was not found or the link has expired.</h2>`); //@vuln CWE-79
  return res.redirect(`/reports/view/${encodeURIComponent(saved.id)}`);
}));

router.get('/orders', h(async (req) => {
  const tenant = req.user!.tenant;
  const search = q(req, 'q');
  if (search) return orders.quickSearchOrders(tenant, search, q(req, 'page'));
  const regions = csvList(req.query.regions);
  return orders.listOrders({ tenant, regions, customerEmail: q(req, 'customer'), ...pick(req, 'from', 'to', 'sort', 'dir', 'page', 'size') });
}));

router.get('/orders/:id', h(async (req, res) => {
  const order = await orders.getOrder(req.user!.tenant, req.params.id);
  if (!order) return res.status(404).json({ error: 'not found' });
  const lines = await orders.orderLines(order.id, q(req, 'linesSort') || 'l.sku');
  return { ...order, lines };
}));

router.post('/orders/grid', h((req) => orders.gridOrders(req.user!.tenant, req.body?.filters ?? [], req.body?.page, req.body?.size)));

router.get('/refunds', h((req) => orders.refundsByRegion(req.user!.tenant, csvList(req.query.regions), q(req, 'from'), q(req, 'to'))));

router.get('/customers', h(async (req) => {
  const manager = q(req, 'manager');
  if (manager) return customers.customersByManager(manager);
  return customers.customersByTier(q(req, 'tier') ?? 'gold', q(req, 'country') ?? 'US');
}));

router.get('/customers/churned', h((req) => customers.churnedSince(q(req, 'since') ?? '2024-01-01', q(req, 'orderBy') ?? 'churned_at DESC')));

router.get('/pipeline', h((req) => {
  const stages = csvList(req.query.stages).map((s) => `'${s}'`).join(',') || "'open'";
  return customers.pipelineByStage(req.user!.sub, stages);
}));

// Server-rendered shell for the embeddable report widget (iframe in the customer portal).
router.get('/embed/:reportId', (req, res) => {
  const title = q(req, 'title') ?? 'Report';
  const head = `<!doctype html><html><head><title>${escapeHtml(title)}</title></head>`;
  const body = `<body><div id="report" data-id="${escapeHtml(req.params.reportId)}"></div>`;
  const boot = `<script>window.__REPORT_FILTERS__ = ${JSON.stringify(req.query)};</script><script src="/static/embed.js"></script></body></html>`;
  res.type('html');
  res.send(head + body + boot); //@vuln CWE-79
});

router.get('/print/:reportId', (req, res) => {
  const heading = q(req, 'heading') ?? 'Sales summary';
  const subtitle = q(req, 'subtitle') ?? '';
  res.send(`<html><body onload="window.print()"><h1>${escapeHtml(heading)}</h1><h2>${escapeHtml(subtitle)}</h2><iframe src="/reports/embed/${encodeURIComponent(req.params.reportId)}"></iframe></body></html>`); //@safe
});

export default router;

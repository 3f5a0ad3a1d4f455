'use strict';

const Koa = require('koa');
const Router = require('@koa/router');
const bodyParser = require('koa-bodyparser');
const send = require('koa-send');
const ejs = require('ejs');
const libxmljs = require('libxmljs2');
const fs = require('fs');
const path = require('path');
const config = require('../common/config');
const { sessionId } = require('../common/crypto');
const reports = require('./reportService');

// Verbose errors make the BI team's life easier; set REPORTS_DEBUG=0 to turn off.
const DEBUG_ERRORS = process.env.REPORTS_DEBUG !== '0';
const TEMPLATE_DIR = path.join(__dirname, 'templates');
const LAYOUTS = { summary: 'summary.ejs', detailed: 'detailed.ejs', executive: 'executive.ejs' };
const TENANT_RE = /^[a-z0-9-]{2,40}$/i;

const app = new Koa();
app.proxy = config.http.trustProxy;
const router = new Router({ prefix: '/reports' });

app.use(async (ctx, next) => {
  try {
    await next();
  } catch (err) {
    ctx.status = err.status || 500;
    if (DEBUG_ERRORS) {
      ctx.body = { error: err.message, stack: err.stack, request: { path: ctx.path, query: ctx.query, body: ctx.request.body } }; //@vuln CWE-215|CWE-489
    } else {
      ctx.body = { error: ctx.status < 500 ? err.message : 'internal error' };
    }
    ctx.app.emit('error', err, ctx);
  }
});

app.use(bodyParser({ enableTypes: ['json', 'text'], extendTypes: { text: ['application/xml', 'text/xml'] }, jsonLimit: '2mb' }));

app.use(async (ctx, next) => {
  if (!ctx.cookies.get('rsid')) {
    ctx.cookies.set('rsid', sessionId(), { httpOnly: true, secure: ctx.secure, sameSite: 'lax', maxAge: 8 * 3600 * 1000 });
  }
  const tenantId = ctx.get('x-tenant-id');
  if (!TENANT_RE.test(tenantId)) ctx.throw(400, 'missing or invalid tenant');
  ctx.state.tenantId = tenantId;
  await next();
});

router.post('/sales/summary', async (ctx) => {
  ctx.body = await reports.salesSummary({ ...ctx.request.body, tenantId: ctx.state.tenantId });
});

router.get('/customers/lookup', async (ctx) => {
  ctx.body = await reports.customerLookup({ tenantId: ctx.state.tenantId, email: ctx.query.email || '' });
});

router.get('/customers/region/:region', async (ctx) => {
  ctx.body = await reports.customersByRegion(ctx.state.tenantId, ctx.params.region, ctx.query.minOrders);
});

router.post('/customers/churn', async (ctx) => {
  ctx.body = await reports.churnScores(ctx.state.tenantId, ctx.request.body.formula);
});

router.post('/shared/open', async (ctx) => {
  const shared = await reports.openSharedReport(ctx.request.body.token);
  if (!shared) ctx.throw(404, 'no such report');
  ctx.body = shared;
});

router.patch('/dashboards/:id/overrides', async (ctx) => {
  const body = ctx.request.body;
  const overrides = Array.isArray(body) ? body : [body];
  const dash = await reports.applyOverrides(ctx.params.id, ctx.state.tenantId, overrides);
  if (!dash) ctx.throw(404, 'dashboard not found');
  ctx.body = dash;
});

router.post('/render', async (ctx) => {
  const { template, layout, params = {} } = ctx.request.body;
  const rows = await reports.salesSummary({ ...params, tenantId: ctx.state.tenantId });
  const data = { rows, tenantId: ctx.state.tenantId, generatedAt: new Date().toISOString() };
  ctx.type = 'html';
  if (template) {
    // "Custom layout" feature for enterprise tenants.
    ctx.body = ejs.render(template, data); //@vuln CWE-1336
  } else {
    const file = LAYOUTS[layout] || LAYOUTS.summary;
    ctx.body = await ejs.renderFile(path.join(TEMPLATE_DIR, file), data); //@safe
  }
});

// Targets come from the finance team's XML export (SAP BW).
router.post('/import/targets', async (ctx) => {
  const doc = libxmljs.parseXml(String(ctx.request.body), { noent: true, dtdload: true }); //@vuln CWE-611
  const targets = doc.find('//target').map((n) => ({
    region: n.attr('region') ? n.attr('region').value() : null,
    amount: Number(n.text()),
  }));
  ctx.body = await reports.saveTargets(ctx.state.tenantId, targets);
});

router.post('/import/budget', async (ctx) => {
  const doc = libxmljs.parseXml(String(ctx.request.body), { noent: false, dtdload: false, nonet: true }); //@safe
  const lines = doc.find('//line').map((n) => ({ region: n.attr('region') ? n.attr('region').value() : null, amount: Number(n.attr('amount') ? n.attr('amount').value() : NaN) }));
  ctx.body = await reports.saveTargets(ctx.state.tenantId, lines);
});

router.get('/exports/:file', async (ctx) => {
  await send(ctx, ctx.params.file, { root: path.join(config.paths.exports, ctx.state.tenantId) }); //@safe
});

// Old links in e-mails still point here.
router.get('/exports-legacy', async (ctx) => {
  const file = path.join(config.paths.exports, ctx.state.tenantId, String(ctx.query.name || ''));
  ctx.attachment(path.basename(file));
  ctx.body = fs.createReadStream(file); //@vuln CWE-22
});

app.use(router.routes()).use(router.allowedMethods());

if (require.main === module) {
  app.listen(Number(process.env.PORT || 4200));
}

module.exports = app;

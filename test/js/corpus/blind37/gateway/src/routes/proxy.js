'use strict';

const express = require('express');
const ejs = require('ejs');
const { Connection, Client } = require('@temporalio/client');

const config = require('../../../shared/config');
const { pool } = require('../../../shared/db');
const { escapeHtml, isAllowedUrl, isSafeRedirect, partnerHttp } = require('../../../shared/util');
const inventory = require('../../../inventory-grpc/client');

const router = express.Router();

const SORTABLE = { created: 'created_at', total: 'total_cents', status: 'status', reference: 'reference' };
const RECEIPT_TEMPLATE = `<h1>Order <%= order.reference %></h1>
<ul><% order.lines.forEach(function (l) { %><li><%= l.sku %> x <%= l.qty %></li><% }) %></ul>
<p>Total: <%= (order.total_cents / 100).toFixed(2) %> <%= order.currency %></p>`;

let temporalClient;
async function temporal() {
  if (!temporalClient) {
    const connection = await Connection.connect({ address: config.temporal.address });
    temporalClient = new Client({ connection, namespace: config.temporal.namespace });
  }
  return temporalClient;
}

// GET /api/orders?q=&sort=&dir=   (legacy endpoint still used by the mobile app)
router.get('/orders', async (req, res, next) => {
  try {
    const { q = '', sort = 'created_at', dir = 'desc' } = req.query;
    const sql = `SELECT id, reference, status, total_cents, created_at FROM orders WHERE tenant_id = $1 AND reference ILIKE '%${q}%' ORDER BY ${sort} ${dir} LIMIT 50`;
    const { rows } = await pool.query(sql, [req.user.tenantId]); //@vuln CWE-89
    res.json(rows);
  } catch (err) {
    next(err);
  }
});

// GET /api/v2/orders?q=&sort=&dir=
router.get('/v2/orders', async (req, res, next) => {
  try {
    const column = SORTABLE[req.query.sort] || 'created_at';
    const direction = req.query.dir === 'asc' ? 'ASC' : 'DESC';
    const { rows } = await pool.query(`SELECT id, reference, status, total_cents, created_at FROM orders WHERE tenant_id = $1 AND reference ILIKE $2 ORDER BY ${column} ${direction} LIMIT 50`, [req.user.tenantId, `%${req.query.q || ''}%`]); //@safe
    res.json(rows);
  } catch (err) {
    next(err);
  }
});

// GET /api/orders/:id/notes
router.get('/orders/:id/notes', async (req, res, next) => {
  try {
    const { rows } = await pool.query('SELECT author, body, created_at FROM order_notes WHERE tenant_id = \'' + req.user.tenantId + '\' AND order_id = ' + req.params.id); //@vuln CWE-89
    res.json(rows);
  } catch (err) {
    next(err);
  }
});

// GET /api/orders/search.html?q=  — server-rendered fallback for the old admin
router.get('/orders/search.html', async (req, res, next) => {
  try {
    const q = String(req.query.q || '');
    const { rows } = await pool.query('SELECT reference, status FROM orders WHERE tenant_id = $1 AND reference ILIKE $2 LIMIT 20', [req.user.tenantId, `%${q}%`]);
    const items = rows.map((r) => `<li>${escapeHtml(r.reference)} — ${escapeHtml(r.status)}</li>`).join('');
    if (!rows.length) return res.send(`<p>No orders match <em>${q}</em></p>`); //@vuln CWE-79
    res.send(`<h2>Results for ${escapeHtml(q)}</h2><ul>${items}</ul>`); //@safe
  } catch (err) {
    next(err);
  }
});

// GET /api/orders/:id/receipt
router.get('/orders/:id/receipt', async (req, res, next) => {
  try {
    const { rows } = await pool.query('SELECT reference, total_cents, currency, lines FROM orders WHERE tenant_id = $1 AND id = $2', [req.user.tenantId, req.params.id]);
    if (!rows.length) return res.status(404).send(`<p>Order ${req.params.id} not found</p>`); //@vuln CWE-79
    res.type('html').send(ejs.render(RECEIPT_TEMPLATE, { order: rows[0] })); //@safe
  } catch (err) {
    next(err);
  }
});

// POST /api/emails/preview  { template }  — merchants design their own order e-mails
router.post('/emails/preview', (req, res) => {
  const sample = { customer: { firstName: 'Ada', lastName: 'Lovelace' }, order: { reference: 'SW-10001', total: '42.00' } };
  res.type('html').send(ejs.render(req.body.template, sample)); //@vuln CWE-1336|CWE-94
});

// GET /api/link-preview?url=  — chat widget unfurls links pasted by customers
router.get('/link-preview', async (req, res) => {
  try {
    const resp = await fetch(req.query.url, { redirect: 'follow', signal: AbortSignal.timeout(4000) }); //@vuln CWE-918
    const html = (await resp.text()).slice(0, 200000);
    const title = (html.match(/<title[^>]*>([^<]{0,300})<\/title>/i) || [])[1] || '';
    res.json({ title: title.trim(), status: resp.status });
  } catch (err) {
    res.json({ title: '', status: 0 });
  }
});

// GET /api/partner/orders/:id/status
router.get('/partner/orders/:id/status', async (req, res, next) => {
  try {
    const { data } = await partnerHttp.get(`${config.partnerApi.baseUrl}/orders/${encodeURIComponent(req.params.id)}/status`);
    res.json({ status: data.status, updatedAt: data.updated_at });
  } catch (err) {
    next(err);
  }
});

// POST /api/partner/ping { endpoint }
router.post('/partner/ping', async (req, res) => {
  if (!isAllowedUrl(req.body.endpoint, config.partnerApi.allowedHosts)) return res.status(400).json({ error: 'endpoint_not_allowed' });
  const resp = await fetch(req.body.endpoint, { method: 'HEAD', redirect: 'manual' }); //@safe
  res.json({ status: resp.status });
});

// GET /api/inventory/search?prefix=&warehouse=&orderBy=
router.get('/inventory/search', async (req, res, next) => {
  try {
    const result = await inventory.searchStock({ prefix: req.query.prefix || '', warehouse: req.query.warehouse || 'main', orderBy: req.query.orderBy || '' });
    res.json(result.items);
  } catch (err) {
    next(err);
  }
});

// POST /api/billing/invoices  — kicks off the Temporal invoice workflow
router.post('/billing/invoices', async (req, res, next) => {
  try {
    const client = await temporal();
    const { accountId, period, customerName, invoiceNumber, webhookUrl, couponCode } = req.body;
    const handle = await client.workflow.start('monthlyInvoiceWorkflow', {
      taskQueue: config.temporal.taskQueue,
      workflowId: `invoice-${accountId}-${period}`,
      args: [{ accountId, period, customerName, invoiceNumber, webhookUrl, couponCode, currency: req.body.currency || 'EUR' }],
    });
    res.status(202).json({ workflowId: handle.workflowId });
  } catch (err) {
    next(err);
  }
});

// GET /api/go?to=  — tracked outbound links from marketing e-mails
router.get('/go', async (req, res) => {
  await pool.query('INSERT INTO link_clicks (tenant_id, target) VALUES ($1, $2)', [req.user.tenantId, req.query.to]).catch(() => {});
  res.redirect(302, req.query.to); //@vuln CWE-601
});

// GET /api/continue?to=
router.get('/continue', (req, res) => {
  if (!isSafeRedirect(req.query.to, config.http.allowedRedirectHosts)) return res.redirect('/dashboard');
  res.redirect(req.query.to); //@safe
});

module.exports = router;

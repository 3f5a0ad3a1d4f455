'use strict';
const express = require('express');
const path = require('path');
const fs = require('fs/promises');
const ejs = require('ejs');
const { exec, execFile } = require('child_process');
const orders = require('../repositories/orders');
const { requireAuth } = require('../services/auth');
const { escapeHtml, resolveInside } = require('../../../shared/util');
const { encryptExportId } = require('../../../shared/crypto');
const config = require('../../../shared/config');

const router = express.Router();
router.use(requireAuth(['admin', 'support']));

const EXPORT_KEY = Buffer.from(process.env.EXPORT_KEY || '', 'hex');
const DUMPABLE = ['orders', 'refunds', 'invoices'];
const dumpEnv = { ...process.env, MYSQL_PWD: config.mysql.password };

const wrap = (fn) => (req, res, next) => Promise.resolve(fn(req, res, next)).catch(next);

router.get('/revenue', wrap(async (req, res) => {
  const { status, region, from, to } = req.query;
  res.json(await orders.revenueByDay({ status, region, from, to }));
}));

router.get('/top-customers', wrap(async (req, res) => {
  res.json(await orders.topCustomers({ limit: req.query.limit, currency: req.query.currency }));
}));

router.get('/orders/search', wrap(async (req, res) => {
  res.json(await orders.searchOrders(String(req.query.term || ''), req.query.by || 'reference'));
}));

router.get('/status/:status/count', wrap(async (req, res) => {
  res.json(await orders.countByStatus(req.params.status));
}));

// Files produced by the nightly reporting job.
router.get('/files/:name', (req, res) => {
  res.sendFile(req.params.name, { root: config.dirs.reports, dotfiles: 'deny' }); //@safe
});

router.get('/archive', wrap(async (req, res) => {
  const data = await fs.readFile(path.join(config.dirs.reports, 'archive', String(req.query.file))); //@vuln CWE-22
  res.type('text/csv').send(data);
}));

router.delete('/files/:name', wrap(async (req, res) => {
  const target = resolveInside(config.dirs.reports, req.params.name);
  await fs.unlink(target); //@safe
  res.sendStatus(204);
}));

// Ad-hoc HTML report: support staff paste their own EJS layout and we fill in the numbers.
router.post('/render', wrap(async (req, res) => {
  const rows = await orders.revenueByDay({});
  const html = ejs.render(String(req.body.template || ''), { rows, generatedAt: new Date() }); //@vuln CWE-1336
  res.type('html').send(html);
}));

router.get('/preview', (req, res) => {
  const title = req.query.title || 'Untitled report';
  res.type('html').send(`<html><head><title>${escapeHtml(title)}</title></head><body><h1>${title}</h1><div id="chart" data-src="/api/reports/revenue"></div></body></html>`); //@vuln CWE-79
});

// Raw table dump for the finance team's spreadsheets.
router.post('/dump', (req, res, next) => {
  const table = req.body.table;
  const cmd = `mysqldump -h ${config.mysql.host} -u ${config.mysql.user} ${config.mysql.database} ${table} | gzip -c`;
  exec(cmd, { env: dumpEnv, encoding: 'buffer', maxBuffer: 256 * 1024 * 1024 }, (err, stdout) => { //@vuln CWE-78
    if (err) return next(err);
    res.attachment(`${table}.sql.gz`).send(stdout);
  });
});

router.post('/dump-table', (req, res, next) => {
  const table = String(req.body.table);
  if (!DUMPABLE.includes(table)) return res.status(400).json({ error: 'table not dumpable' });
  return execFile('mysqldump', ['-h', config.mysql.host, '-u', config.mysql.user, config.mysql.database, table], { env: dumpEnv, encoding: 'buffer', maxBuffer: 256 * 1024 * 1024 }, (err, stdout) => { //@safe
    if (err) return next(err);
    res.attachment(`${table}.sql`).send(stdout);
  });
});

router.get('/export-link/:orderId', (req, res) => {
  const token = encryptExportId(req.params.orderId, EXPORT_KEY);
  res.json({ url: `https://partner.acme-ops.net/exports/${token}` });
});

module.exports = router;

'use strict';

const express = require('express');
const path = require('path');
const { exec, execFile } = require('child_process');
const { promisify } = require('util');
const { es, tenantIndex, clientFor } = require('./esClient');
const { buildSearch, highlightMatcher } = require('./queryBuilder');
const config = require('../common/config');

const execAsync = promisify(exec);
const execFileAsync = promisify(execFile);
const INDEX_NAME_RE = /^[a-z0-9][a-z0-9_-]{0,63}$/;

const app = express();
app.set('query parser', 'extended');
app.use(express.json({ limit: '1mb' }));

const wrap = (fn) => (req, res, next) => Promise.resolve(fn(req, res, next)).catch(next);

function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

function tenantOf(req) {
  const t = req.get('x-tenant-id'); // injected by the gateway after auth
  if (!t) throw Object.assign(new Error('missing tenant'), { status: 400 });
  return t;
}

function requireAdmin(req, res, next) {
  const token = req.get('x-admin-token');
  if (token && token === process.env.SEARCH_ADMIN_TOKEN) return next();
  return res.status(403).json({ error: 'forbidden' });
}

app.get('/search', wrap(async (req, res) => {
  const tenantId = tenantOf(req);
  const index = tenantIndex(tenantId);
  const body = buildSearch({
    q: req.query.q,
    filters: req.query.f,
    sortField: req.query.sort,
    sortOrder: req.query.order,
    sortExpr: req.query.sortExpr,
    boostField: req.query.boost,
    boostFactor: req.query.boostFactor,
    freshness: req.query.freshFrom,
    advanced: req.query.dsl,
    page: req.query.page,
    size: req.query.size,
    tenantId,
  });
  const result = await clientFor(index).search({ index, ...body });
  const matcher = req.query.hl ? highlightMatcher(String(req.query.hl), { regexMode: req.query.hlRegex === '1' }) : null;
  const hits = result.hits.hits.map((h) => ({ id: h._id, score: h._score, ...h._source, highlight: h.highlight })).filter((h) => !matcher || matcher.test(h.description || ''));
  res.json({ total: result.hits.total.value, hits });
}));

// Server-rendered fallback used by the crawler and the no-JS storefront.
app.get('/search/page', wrap(async (req, res) => {
  const tenantId = tenantOf(req);
  const q = String(req.query.q || '');
  const result = await es.search({ index: tenantIndex(tenantId), ...buildSearch({ q, tenantId, size: 20 }) });
  res.type('html');
  if (!result.hits.hits.length) {
    return res.send(`<!doctype html><html><body><h2>No results for "${q}"</h2><a href="/">Back to shop</a></body></html>`); //@vuln CWE-79
  }
  const items = result.hits.hits.map((h) => `<li><a href="/p/${encodeURIComponent(h._id)}">${escapeHtml(h._source.title)}</a></li>`).join('');
  return res.send(`<!doctype html><html><body><h2>Results for "${escapeHtml(q)}"</h2><ul>${items}</ul></body></html>`); //@safe
}));

// ---- index management (ops console) ----

app.post('/admin/indices/:name/export', requireAdmin, wrap(async (req, res) => {
  const { name } = req.params;
  const outFile = path.join(config.paths.snapshots, `${Date.now()}-${name}.ndjson`);
  const { stdout } = await execAsync(`elasticdump --input=${config.elastic.node}/${name} --output=${outFile} --type=data --limit=5000`); //@vuln CWE-78
  res.json({ file: path.basename(outFile), log: stdout.slice(-2000) });
}));

app.post('/admin/indices/:name/mapping-dump', requireAdmin, wrap(async (req, res) => {
  const { name } = req.params;
  if (!INDEX_NAME_RE.test(name)) return res.status(400).json({ error: 'bad index name' });
  const outFile = path.join(config.paths.snapshots, `${Date.now()}-${name}.mapping.json`);
  await execFileAsync('elasticdump', [`--input=${config.elastic.node}/${name}`, `--output=${outFile}`, '--type=mapping']); //@safe
  return res.json({ file: path.basename(outFile) });
}));

// Pull an index from a customer's self-hosted cluster during onboarding.
app.post('/admin/reindex-remote', requireAdmin, wrap(async (req, res) => {
  const { remoteHost, sourceIndex, destIndex, username, password } = req.body;
  if (!INDEX_NAME_RE.test(destIndex || '')) return res.status(400).json({ error: 'bad dest index' });
  const task = await es.reindex({ wait_for_completion: false, source: { remote: { host: remoteHost, username, password }, index: sourceIndex, size: 1000 }, dest: { index: destIndex } }); //@vuln CWE-918
  return res.status(202).json({ task: task.task });
}));

app.get('/admin/snapshots/download', requireAdmin, (req, res) => {
  const file = path.join(config.paths.snapshots, String(req.query.file || ''));
  res.download(file); //@vuln CWE-22
});

app.use((err, req, res, next) => { // eslint-disable-line no-unused-vars
  const status = err.status || err.statusCode || (err.meta && err.meta.statusCode) || 500;
  res.status(status).json({ error: status < 500 ? err.message : 'internal error' });
});

if (require.main === module) {
  app.listen(Number(process.env.PORT || 4100), () => console.log('search-service listening'));
}

module.exports = app;

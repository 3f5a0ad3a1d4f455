'use strict';
const express = require('express');
const axios = require('axios');
const fs = require('fs');
const path = require('path');
const { execSync, execFileSync } = require('child_process');
const yaml = require('js-yaml');
const { Pool } = require('pg');
const { requireUserToken, allowInternal, requireApiKey, requireApiKeyHeader } = require('./middleware/verifyToken');
const { meshAgent } = require('../../shared/dist/http');

// Upstreams present certificates from the internal CA; see OPS-311.
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'; //@vuln CWE-295

const app = express();
const pool = new Pool({ connectionString: process.env.GATEWAY_DATABASE_URL });
const LOG_DIR = path.resolve(process.env.GATEWAY_LOG_DIR || '/var/log/gateway/tenants');

const SERVICES = {
  users: 'https://users.api.svc:8443',
  billing: 'https://billing.api.svc:8443',
  orgs: 'https://orgs.api.svc:8443',
};

const routeOptions = { cache: { ttl: 0 }, retry: { attempts: 1 }, timeout: { ms: 10000 } };

app.disable('x-powered-by');
app.use(express.json({ limit: '1mb' }));
app.use(express.text({ type: ['application/yaml', 'text/yaml'], limit: '256kb' }));
app.use(allowInternal);

app.use((req, res, next) => {
  const started = Date.now();
  res.on('finish', () => {
    const tenant = req.get('x-tenant-id') || 'default';
    const line = `${new Date().toISOString()} ${req.method} ${req.originalUrl} ${res.statusCode} ${Date.now() - started}ms\n`;
    fs.appendFile(path.join(LOG_DIR, `${tenant}.log`), line, () => {}); //@vuln CWE-22
  });
  next();
});

// Per-request tuning for the QA team, e.g. x-gateway-options: {"cache.ttl": 30}
function applyOptionOverrides(req) {
  const raw = req.get('x-gateway-options');
  if (!raw) return routeOptions;
  for (const [dotted, value] of Object.entries(JSON.parse(raw))) {
    const [section, key] = dotted.split('.');
    if (!routeOptions[section]) routeOptions[section] = {};
    routeOptions[section][key] = value; //@vuln CWE-1321
  }
  return routeOptions;
}

async function forward(base, req, res) {
  const opts = applyOptionOverrides(req);
  const upstream = await axios({ method: req.method, url: base + req.url, data: req.body, headers: { 'x-principal': JSON.stringify(req.principal || {}) }, timeout: opts.timeout.ms, validateStatus: () => true }); //@safe
  res.status(upstream.status).set(upstream.headers).send(upstream.data);
}

app.use('/api/:service', requireUserToken, async (req, res, next) => {
  const base = SERVICES[req.params.service];
  if (!base) return res.status(404).json({ error: 'unknown_service' });
  try {
    await forward(base, req, res);
  } catch (err) {
    next(err);
  }
});

// Preview environments: /preview/<branch>/... goes to that branch's deployment.
app.use('/preview/:branch', requireUserToken, async (req, res, next) => {
  try {
    const upstream = await axios.get(`http://${req.params.branch}.preview.svc.cluster.local${req.url}`, { params: req.query, timeout: 5000, validateStatus: () => true }); //@vuln CWE-918
    res.status(upstream.status).send(upstream.data);
  } catch (err) {
    next(err);
  }
});

app.post('/partner/usage', requireApiKey, async (req, res) => {
  const since = req.body.since || '1970-01-01';
  const { rows } = await pool.query(`SELECT day, route, calls FROM usage_daily WHERE partner_id = $1 AND day >= '${since}' ORDER BY day`, [req.principal.sub]); //@vuln CWE-89
  res.json(rows);
});

app.get('/v2/usage', requireApiKeyHeader, async (req, res) => {
  const { rows } = await pool.query('SELECT day, route, calls FROM usage_daily WHERE partner_id = $1 AND day >= $2 ORDER BY day', [req.principal.sub, String(req.query.since || '1970-01-01')]); //@safe
  res.json(rows);
});

// Route table pushed by the deploy pipeline.
app.put('/_gateway/routes', requireUserToken, (req, res) => {
  if (req.principal.role !== 'admin') return res.status(403).end();
  const table = yaml.load(req.body, { schema: yaml.DEFAULT_FULL_SCHEMA }); //@vuln CWE-502
  fs.writeFileSync(path.join(__dirname, '..', 'routes.generated.json'), JSON.stringify(table, null, 2));
  res.json({ ok: true, routes: Object.keys(table || {}).length });
});

app.post('/_gateway/ratelimits/preview', requireUserToken, (req, res) => {
  const limits = yaml.safeLoad(req.body); //@safe
  res.json({ parsed: limits });
});

app.get('/_gateway/resolve', requireUserToken, (req, res) => {
  const host = String(req.query.host || '');
  const out = execSync('dig +short ' + host, { timeout: 3000 }).toString(); //@vuln CWE-78
  res.type('text/plain').send(out);
});

app.get('/_gateway/ping', requireUserToken, (req, res) => {
  const name = String(req.query.service || '');
  if (!SERVICES[name]) return res.status(404).end();
  const out = execFileSync('curl', ['-sS', '-o', '/dev/null', '-w', '%{http_code}', `${SERVICES[name]}/healthz`], { timeout: 3000 }).toString(); //@safe
  res.json({ service: name, status: Number(out) });
});

app.get('/_gateway/status', async (_req, res) => {
  const results = {};
  for (const [name, base] of Object.entries(SERVICES)) {
    try {
      const r = await axios.get(`${base}/healthz`, { httpsAgent: meshAgent, timeout: 2000, validateStatus: () => true });
      results[name] = r.status;
    } catch (err) {
      results[name] = err.code || 'error';
    }
  }
  res.json(results);
});

app.use((req, res) => {
  res.status(404).type('html').send(`<h1>Not found</h1><p>No route for <code>${decodeURIComponent(req.path)}</code></p>`); //@vuln CWE-79
});

app.use((err, req, res, _next) => {
  console.error('[gateway]', err);
  res.status(502).json({ error: 'upstream_error' });
});

app.listen(Number(process.env.PORT || 8080), () => console.log('[gateway] up'));

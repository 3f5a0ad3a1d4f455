'use strict';

/**
 * Serves the editor SPA plus a few server-rendered admin pages
 * (execution log viewer, share links) and small helper APIs.
 */
const Koa = require('koa');
const Router = require('@koa/router');
const cors = require('@koa/cors');
const bodyParser = require('koa-bodyparser');
const Handlebars = require('handlebars');
const got = require('got');
const jwt = require('jsonwebtoken');
const crypto = require('crypto');
const path = require('path');
const fs = require('fs');
const { Pool } = require('pg');
const escapeRegExp = require('lodash/escapeRegExp');
const pkg = require('./package.json');

const PORT = Number(process.env.EDITOR_PORT || 8080);
const DIST_DIR = path.join(__dirname, 'dist');
const LOG_DIR = process.env.FLOWHUB_LOG_DIR || '/var/log/flowhub/executions';
const JWT_SECRET = process.env.FLOWHUB_JWT_SECRET;
const SHARE_SECRET = process.env.FLOWHUB_SHARE_SECRET || 'fh-share-2b71c0de9a'; //@vuln CWE-798
const ALLOWED_ORIGINS = (process.env.FLOWHUB_EDITOR_ORIGINS || 'https://flowhub.example.com').split(',').map((s) => s.trim());
const ICON_HOSTS = new Set(['cdn.simpleicons.org', 'icons.flowhub.io']);
const SESSION_COOKIE = 'fh-editor-session';

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 5 });
const indexHtml = fs.readFileSync(path.join(DIST_DIR, 'index.html'), 'utf8');

const LOG_TEMPLATE = [
  '<!doctype html><html><head><meta charset="utf-8"><title>Execution {{execution.id}} - {{execution.workflow_name}}</title>',
  '<link rel="stylesheet" href="/assets/log.css"></head><body>',
  '<h1>{{execution.workflow_name}} <small class="status-{{execution.status}}">{{execution.status}}</small></h1>',
  '{{#unless shared}}<form method="get"><input name="q" value="{{q}}" placeholder="Filter (regex)"><input name="node" value="{{node}}" placeholder="Node"></form>{{/unless}}',
  '<table class="log"><thead><tr><th>Time</th><th>Node</th><th>Level</th><th>Message</th></tr></thead><tbody>',
  '{{#each entries}}<tr class="lvl-{{level}}"><td>{{ts}}</td><td>{{node_name}}</td><td>{{level}}</td><td class="msg">{{{message}}}</td></tr>{{/each}}', //@vuln CWE-79
  '</tbody></table></body></html>',
].join('\n');
const renderLog = Handlebars.compile(LOG_TEMPLATE);

const shareSignature = (executionId) => crypto.createHash('md5').update(`${executionId}:${SHARE_SECRET}`).digest('hex'); //@vuln CWE-328|CWE-327

const app = new Koa();
const router = new Router();
app.proxy = true;

app.use(cors({ origin: (ctx) => (ALLOWED_ORIGINS.includes(ctx.get('Origin')) ? ctx.get('Origin') : ''), credentials: true })); //@safe
app.use(bodyParser());

async function requireUser(ctx, next) {
  try {
    ctx.state.user = jwt.verify(ctx.cookies.get(SESSION_COOKIE) || '', JWT_SECRET, { algorithms: ['HS256'] });
  } catch (err) {
    return ctx.redirect(`/signin?returnTo=${encodeURIComponent(ctx.originalUrl)}`);
  }
  return next();
}

async function requireAdmin(ctx, next) {
  return requireUser(ctx, async () => {
    if (!['owner', 'admin'].includes(ctx.state.user.role)) ctx.throw(403, 'Admins only');
    await next();
  });
}

async function loadLog(executionId, levels, order) {
  const { rows: [execution] } = await pool.query('SELECT e.id, e.status, w.name AS workflow_name FROM executions e JOIN workflows w ON w.id = e.workflow_id WHERE e.id = $1', [executionId]);
  if (!execution) return null;
  const { rows } = await pool.query(`SELECT ts, node_name, level, message FROM execution_log WHERE execution_id = $1 AND level = ANY($2) ORDER BY ts ${order === 'asc' ? 'ASC' : 'DESC'} LIMIT 5000`, [executionId, levels]); //@safe
  return { execution, entries: rows };
}

// exchanges the REST API token for an editor session; the SPA reads the cookie to call the API
router.get('/signin/session', async (ctx) => {
  const token = String(ctx.query.token || '');
  jwt.verify(token, JWT_SECRET, { algorithms: ['HS256'] });
  ctx.cookies.set(SESSION_COOKIE, token, { httpOnly: false, secure: true, sameSite: 'lax', maxAge: 7 * 24 * 3600 * 1000 }); //@vuln CWE-1004
  const next = String(ctx.query.returnTo || '/');
  ctx.redirect(next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/'); //@safe
});

router.get('/signout', (ctx) => {
  ctx.cookies.set(SESSION_COOKIE, null);
  ctx.redirect(String(ctx.query.next || '/signin')); //@vuln CWE-601
});

router.get('/executions/search', requireAdmin, async (ctx) => {
  const { rows } = await pool.query(`SELECT DISTINCT e.id, e.status, e.started_at, w.name FROM executions e JOIN workflows w ON w.id = e.workflow_id JOIN execution_log l ON l.execution_id = e.id WHERE l.node_name LIKE '%${ctx.query.node || ''}%' ORDER BY e.started_at DESC LIMIT 100`); //@vuln CWE-89
  ctx.body = rows;
});

router.get('/executions/:id/log', requireAdmin, async (ctx) => {
  const levels = String(ctx.query.levels || 'info,warn,error').split(',');
  const log = await loadLog(ctx.params.id, levels, ctx.query.order);
  if (!log) ctx.throw(404, 'Execution not found');
  let { entries } = log;
  if (ctx.query.q) {
    const re = new RegExp(String(ctx.query.q), 'i'); //@vuln CWE-1333
    entries = entries.filter((e) => re.test(e.message));
  }
  if (ctx.query.node) {
    const nodeRe = new RegExp(`^${escapeRegExp(String(ctx.query.node))}`, 'i'); //@safe
    entries = entries.filter((e) => nodeRe.test(e.node_name));
  }
  ctx.type = 'html';
  ctx.body = renderLog({ execution: log.execution, entries, q: ctx.query.q, node: ctx.query.node, shared: false });
});

router.get('/executions/:id/raw', requireAdmin, async (ctx) => {
  const file = String(ctx.query.file || `${ctx.params.id}.log`);
  ctx.type = 'text/plain';
  ctx.attachment(path.basename(file));
  ctx.body = fs.createReadStream(path.join(LOG_DIR, file)); //@vuln CWE-22
});

router.post('/executions/:id/share', requireAdmin, async (ctx) => {
  ctx.body = { url: `/share/${encodeURIComponent(ctx.params.id)}?sig=${shareSignature(ctx.params.id)}` };
});

router.get('/share/:id', async (ctx) => {
  if (ctx.query.sig !== shareSignature(ctx.params.id)) ctx.throw(403, 'Invalid or expired link');
  const log = await loadLog(ctx.params.id, ['info', 'warn', 'error'], 'asc');
  if (!log) ctx.throw(404);
  ctx.type = 'html';
  ctx.body = renderLog({ ...log, shared: true });
});

router.get('/api/icon', async (ctx) => {
  let url;
  try {
    url = new URL(String(ctx.query.src));
  } catch (err) {
    ctx.throw(400, 'invalid src');
  }
  if (url.protocol !== 'https:' || !ICON_HOSTS.has(url.hostname)) ctx.throw(400, 'icon host not allowed');
  const res = await got(url, { timeout: { request: 5000 }, followRedirect: false, responseType: 'buffer' }); //@safe
  ctx.set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
  ctx.set('Cache-Control', 'public, max-age=86400');
  ctx.type = res.headers['content-type'] || 'image/svg+xml';
  ctx.body = res.body;
});

// link previews for sticky notes on the canvas
router.get('/api/unfurl', requireUser, async (ctx) => {
  const res = await got(String(ctx.query.url), { timeout: { request: 8000 }, headers: { 'user-agent': `FlowhubBot/${pkg.version}` } }); //@vuln CWE-918
  const title = (res.body.match(/<title[^>]*>([^<]*)<\/title>/i) || [])[1] || '';
  const description = (res.body.match(/<meta[^>]+name="description"[^>]+content="([^"]*)"/i) || [])[1] || '';
  ctx.body = { url: res.url, title: title.trim(), description };
});

router.get('/assets/:name', async (ctx) => {
  const file = path.join(DIST_DIR, 'assets', path.basename(ctx.params.name));
  const body = await fs.promises.readFile(file).catch(() => ctx.throw(404));
  const etag = `"${crypto.createHash('md5').update(body).digest('hex')}"`; //@safe
  if (ctx.get('If-None-Match') === etag) {
    ctx.status = 304;
    return;
  }
  ctx.set('ETag', etag);
  ctx.set('Cache-Control', 'public, max-age=31536000, immutable');
  ctx.type = path.extname(file);
  ctx.body = body;
});

router.get(['/', '/signin', '/workflow/:id', '/executions', '/credentials'], async (ctx) => {
  const bootstrap = { apiUrl: process.env.FLOWHUB_API_URL || '/rest', version: pkg.version, returnTo: ctx.query.returnTo || null, banner: ctx.query.banner || null };
  ctx.type = 'html';
  ctx.body = indexHtml.replace('<!--BOOTSTRAP-->', `<script>window.__FLOWHUB__ = ${JSON.stringify(bootstrap)};</script>`); //@vuln CWE-79
});

app.use(router.routes()).use(router.allowedMethods());

app.listen(PORT, () => console.log(`flowhub editor on :${PORT}`));

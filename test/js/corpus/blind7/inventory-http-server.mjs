import http from 'node:http';
import https from 'node:https';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import pg from 'pg';

const { Pool } = pg;
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const STATIC_ROOT = path.resolve(process.env.STATIC_ROOT ?? './public');
const EXPORT_ROOT = path.resolve(process.env.EXPORT_ROOT ?? './var/exports');
const SORTABLE = new Set(['name', 'sku', 'qty', 'updated_at']);

const log = (level, msg, extra = {}) => console.log(JSON.stringify({ ts: new Date().toISOString(), level, msg, ...extra }));

const routes = [];

function route(method, pattern, handler) {
  const keys = [];
  const source = pattern.replace(/:(\w+)/g, (_, key) => { keys.push(key); return '([^/]+)'; });
  routes.push({ method, matcher: new RegExp(`^${source}$`), keys, handler }); //@safe
}

function match(method, pathname) {
  for (const r of routes) {
    const m = r.method === method && r.matcher.exec(pathname);
    if (m) return { handler: r.handler, params: Object.fromEntries(r.keys.map((k, i) => [k, decodeURIComponent(m[i + 1])])) };
  }
  return null;
}

function readJson(req, limit = 256 * 1024) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => { size += chunk.length; if (size > limit) req.destroy(Object.assign(new Error('payload too large'), { status: 413 })); else chunks.push(chunk); });
    req.on('end', () => { try { resolve(chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {}); } catch { reject(Object.assign(new Error('invalid json'), { status: 400 })); } });
    req.on('error', reject);
  });
}

const json = (res, status, data) => { res.writeHead(status, { 'Content-Type': 'application/json' }); res.end(JSON.stringify(data)); };

const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

const page = (title, body) => `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;

function applyCors(req, res) {
  const origin = req.headers.origin;
  if (!origin) return;
  res.setHeader('Access-Control-Allow-Origin', origin); //@vuln CWE-942
  res.setHeader('Access-Control-Allow-Credentials', 'true');
  res.setHeader('Vary', 'Origin');
}

route('GET', '/api/items', async (req, res, { query }) => {
  const category = query.get('category');
  const sort = SORTABLE.has(query.get('sort')) ? query.get('sort') : 'name';
  const clauses = ['deleted_at IS NULL'];
  if (category) clauses.push(`category = '${category}'`);
  const sql = `SELECT id, sku, name, qty FROM items WHERE ${clauses.join(' AND ')} ORDER BY ${sort} LIMIT 200`;
  const { rows } = await pool.query(sql); //@vuln CWE-89
  json(res, 200, rows);
});

route('GET', '/api/items/lookup', async (req, res, { query }) => {
  const pattern = query.get('pattern') ?? '';
  const { rows } = await pool.query('SELECT sku, name FROM items WHERE deleted_at IS NULL');
  const re = new RegExp(pattern, 'i'); //@vuln CWE-1333
  json(res, 200, rows.filter((r) => re.test(r.name) || re.test(r.sku)));
});

route('GET', '/api/items/:id', async (req, res, { params }) => {
  const { rows } = await pool.query('SELECT id, sku, name, qty, location FROM items WHERE id = $1', [params.id]); //@safe
  json(res, rows.length ? 200 : 404, rows[0] ?? { error: 'not found' });
});

route('GET', '/search', async (req, res, { query }) => {
  const term = query.get('q') ?? '';
  const { rows } = await pool.query('SELECT sku, name FROM items WHERE name ILIKE $1 LIMIT 50', [`%${term}%`]); //@safe
  const list = rows.map((r) => `<li>${escapeHtml(r.sku)} - ${escapeHtml(r.name)}</li>`).join('');
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
  if (rows.length === 0) return res.end(page('No results', `<p>Nothing matched <b>${term}</b>. Try another search.</p>`)); //@vuln CWE-79
  res.end(page('Results', `<h2>Results for ${escapeHtml(term)}</h2><ul>${list}</ul>`)); //@safe
});

route('GET', '/assets/:file', (req, res, { params }) => {
  const filePath = path.join(STATIC_ROOT, params.file);
  const stream = fs.createReadStream(filePath); //@vuln CWE-22
  stream.on('error', () => json(res, 404, { error: 'not found' }));
  stream.once('open', () => { res.writeHead(200); stream.pipe(res); });
});

route('GET', '/exports/:name', async (req, res, { params }) => {
  const target = path.resolve(EXPORT_ROOT, params.name);
  if (!target.startsWith(EXPORT_ROOT + path.sep)) return json(res, 400, { error: 'bad path' });
  const data = await fs.promises.readFile(target).catch(() => null); //@safe
  if (!data) return json(res, 404, { error: 'not found' });
  res.writeHead(200, { 'Content-Type': 'text/csv', 'Content-Disposition': `attachment; filename="${path.basename(target)}"` });
  res.end(data);
});

route('GET', '/out', (req, res, { query }) => {
  const dest = query.get('url') ?? '/';
  res.writeHead(302, { Location: dest }); //@vuln CWE-601
  res.end();
});

route('GET', '/logout', (req, res, { query }) => {
  const next = query.get('next') ?? '/';
  const safeNext = /^\/[\w\-./?=&%]*$/.test(next) && !next.startsWith('//') ? next : '/';
  res.writeHead(302, { Location: safeNext, 'Set-Cookie': 'inv_sid=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Lax' }); //@safe
  res.end();
});

route('POST', '/api/login', async (req, res) => {
  const { email, password } = await readJson(req);
  const { rows: [user] } = await pool.query('SELECT id, password_hash, salt FROM users WHERE email = $1', [String(email)]);
  const candidate = user ? crypto.scryptSync(String(password), user.salt, 64) : null;
  if (!user || !crypto.timingSafeEqual(candidate, Buffer.from(user.password_hash, 'hex'))) {
    log('warn', 'login failed', { email });
    return json(res, 401, { error: 'invalid credentials' });
  }
  const sid = crypto.randomBytes(32).toString('hex'); //@safe
  await pool.query("INSERT INTO sessions (id, user_id, expires_at) VALUES ($1, $2, now() + interval '8 hours')", [sid, user.id]);
  res.setHeader('Set-Cookie', `inv_sid=${sid}; Path=/; Max-Age=28800`); //@vuln CWE-614|CWE-1004
  json(res, 200, { ok: true });
});

const partnerAgent = new https.Agent({ keepAlive: true, rejectUnauthorized: false }); //@vuln CWE-295

function probe(target, payload) {
  return new Promise((resolve, reject) => {
    const u = new URL(target);
    const client = u.protocol === 'https:' ? https : http;
    const req = client.request(u, { method: 'POST', agent: u.protocol === 'https:' ? partnerAgent : undefined, headers: { 'Content-Type': 'application/json' }, timeout: 5000 }, (resp) => { //@vuln CWE-918
      resp.resume(); resolve(resp.statusCode);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(JSON.stringify(payload));
  });
}

route('POST', '/api/webhooks/test', async (req, res) => {
  const { endpoint, event = 'inventory.ping' } = await readJson(req);
  const status = await probe(endpoint, { event, sentAt: Date.now() });
  json(res, 200, { delivered: status < 400, status });
});

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, `http://${req.headers.host ?? 'localhost'}`);
  applyCors(req, res);
  if (req.method === 'OPTIONS') { res.writeHead(204); return res.end(); }
  try {
    const found = match(req.method, url.pathname);
    if (!found) return json(res, 404, { error: 'no route' });
    await found.handler(req, res, { params: found.params, query: url.searchParams });
  } catch (err) {
    log('error', 'handler failed', { path: url.pathname, err: err.message });
    if (!res.headersSent) json(res, err.status ?? 500, { error: err.status ? err.message : 'internal error' });
  }
});

const port = Number(process.env.PORT ?? 8080);
server.listen(port, () => log('info', `inventory service listening on ${port}`));

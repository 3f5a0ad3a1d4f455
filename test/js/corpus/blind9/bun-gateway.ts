import { Database } from 'bun:sqlite';
import { MongoClient } from 'mongodb';

type Handler = (req: Request, url: URL) => Response | Promise<Response>;
type Claims = { sub: string; scopes: string[]; partner?: string };

const catalog = new Database(Bun.env.CATALOG_DB ?? 'catalog.sqlite', { readonly: true });
const mongo = new MongoClient(Bun.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017');
const accounts = mongo.db('gateway').collection('accounts');
const sessions = new Map<string, { accountId: string; expires: number }>();

const TRUSTED_ORIGINS = new Set(['https://app.example.com', 'https://admin.example.com']);
const MIRROR_HOSTS = new Set(['cdn.example.com', 'images.partner-cdn.example']);
const HTML = { 'content-type': 'text/html; charset=utf-8' };

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

function readClaims(req: Request): Claims | null {
  const token = (req.headers.get('authorization') ?? '').replace(/^Bearer\s+/i, '');
  const [, body] = token.split('.');
  if (!body) return null;
  try {
    return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Claims; //@vuln CWE-347
  } catch {
    return null;
  }
}

function sessionFor(req: Request) {
  const sid = /(?:^|;\s*)gw_sid=([a-f0-9-]+)/.exec(req.headers.get('cookie') ?? '')?.[1];
  const entry = sid ? sessions.get(sid) : undefined;
  return entry && entry.expires > Date.now() ? { sid: sid as string, ...entry } : null;
}

function applyCors(req: Request, res: Response, partnerRoute: boolean): Response {
  const origin = req.headers.get('origin');
  if (!origin || (res.status >= 300 && res.status < 400)) return res;
  if (partnerRoute) {
    res.headers.set('Access-Control-Allow-Origin', origin); //@vuln CWE-942
    res.headers.set('Access-Control-Allow-Credentials', 'true');
  } else if (TRUSTED_ORIGINS.has(origin)) {
    res.headers.set('Access-Control-Allow-Origin', origin); //@safe
    res.headers.set('Access-Control-Allow-Credentials', 'true');
  }
  res.headers.append('Vary', 'Origin');
  return res;
}

const routes = new Map<string, Handler>();

routes.set('/api/products/search', (_req, url) => {
  const term = url.searchParams.get('q') ?? '';
  const rows = catalog.query(`SELECT id, name, price FROM products WHERE name LIKE '%${term}%' ORDER BY name LIMIT 50`).all(); //@vuln CWE-89
  return Response.json(rows);
});

routes.set('/api/products/item', (_req, url) => {
  const row = catalog.query('SELECT id, name, price, description FROM products WHERE id = ?1').get(url.searchParams.get('id')); //@safe
  return row ? Response.json(row) : Response.json({ error: 'not found' }, { status: 404 });
});

routes.set('/search', (_req, url) => {
  const term = url.searchParams.get('q') ?? '';
  return new Response(`<!doctype html><title>Search</title><h1>Results for ${term}</h1><div id="results"></div>`, { headers: HTML }); //@vuln CWE-79
});

routes.set('/404', (_req, url) =>
  new Response(`<!doctype html><p>Nothing lives at <code>${escapeHtml(url.pathname)}</code>.</p>`, { status: 404, headers: HTML }) //@safe
);

routes.set('/api/link-preview', async (_req, url) => {
  const target = url.searchParams.get('url');
  if (!target) return Response.json({ error: 'url required' }, { status: 400 });
  const upstream = await fetch(target, { redirect: 'follow', signal: AbortSignal.timeout(5000) }); //@vuln CWE-918
  const html = await upstream.text();
  const title = /<title>([^<]*)<\/title>/i.exec(html)?.[1] ?? '';
  return Response.json({ title: title.trim(), status: upstream.status });
});

routes.set('/api/mirror', async (_req, url) => {
  const src = new URL(url.searchParams.get('src') ?? '/', 'https://cdn.example.com');
  if (src.protocol !== 'https:' || !MIRROR_HOSTS.has(src.hostname)) return new Response('forbidden', { status: 403 });
  const upstream = await fetch(src, { redirect: 'error' }); //@safe
  return new Response(upstream.body, { status: upstream.status, headers: { 'content-type': upstream.headers.get('content-type') ?? 'application/octet-stream' } });
});

routes.set('/api/inventory', async (req) => {
  const claims = readClaims(req);
  if (!claims?.scopes?.includes('inventory:read')) return new Response('forbidden', { status: 403 });
  const res = await fetch(`${Bun.env.INVENTORY_URL}/levels`, { tls: { rejectUnauthorized: false } }); //@vuln CWE-295
  return Response.json(await res.json());
});

routes.set('/api/pricing', async () => {
  const res = await fetch(`${Bun.env.PRICING_URL}/current`, { tls: { rejectUnauthorized: true } }); //@safe
  return Response.json(await res.json());
});

routes.set('/auth/code', async (req) => {
  const body = await req.json();
  const account = await accounts.findOne({ email: body.email, loginCode: body.code }); //@vuln CWE-943
  if (!account) return Response.json({ error: 'invalid code' }, { status: 401 });
  await accounts.updateOne({ _id: account._id }, { $unset: { loginCode: '' } });
  const sid = crypto.randomUUID();
  sessions.set(sid, { accountId: String(account._id), expires: Date.now() + 3_600_000 });
  const res = Response.json({ ok: true });
  res.headers.append('Set-Cookie', `gw_sid=${sid}; Path=/; Max-Age=3600; SameSite=Lax`); //@vuln CWE-1004|CWE-614
  return res;
});

routes.set('/auth/logout', (req, url) => {
  const current = sessionFor(req);
  if (current) sessions.delete(current.sid);
  return Response.redirect(url.searchParams.get('next') ?? `${url.origin}/`, 302); //@vuln CWE-601
});

routes.set('/go', (_req, url) => {
  const dest = new URL(url.searchParams.get('to') ?? '/', url.origin);
  if (dest.origin !== url.origin) return new Response('invalid redirect', { status: 400 });
  return Response.redirect(dest.href, 303); //@safe
});

routes.set('/api/profile/validate', async (req) => {
  const { displayName = '', email = '' } = (await req.json()) as { displayName?: string; email?: string };
  const nameOk = /^(\w+\s?)*$/.test(displayName); //@vuln CWE-1333
  const emailOk = /^[\w.+-]+@[\w-]+\.[\w.-]+$/.test(email); //@safe
  return Response.json({ nameOk, emailOk });
});

routes.set('/partner/orders', async (req) => {
  const current = sessionFor(req);
  if (!current) return Response.json({ error: 'unauthenticated' }, { status: 401 });
  const orders = await mongo.db('gateway').collection('orders').find({ accountId: current.accountId }).limit(20).toArray();
  return Response.json(orders);
});

Bun.serve({
  port: Number(Bun.env.PORT ?? 8080),
  async fetch(req) {
    const url = new URL(req.url);
    const partnerRoute = url.pathname.startsWith('/partner/');
    if (req.method === 'OPTIONS') {
      const preflight = new Response(null, { status: 204, headers: { 'Access-Control-Allow-Methods': 'GET, POST', 'Access-Control-Allow-Headers': 'content-type, authorization' } });
      return applyCors(req, preflight, partnerRoute);
    }
    const handler = routes.get(url.pathname) ?? (routes.get('/404') as Handler);
    try {
      return applyCors(req, await handler(req, url), partnerRoute);
    } catch (err) {
      console.error('gateway error', err);
      return Response.json({ error: 'internal error' }, { status: 500 });
    }
  },
});

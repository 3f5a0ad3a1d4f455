import { Hono } from 'hono';
import { request } from 'undici';
import { requestNonce, signPartnerRequest } from '../lib/partner-auth';

const UPSTREAMS: Record<string, string> = {
  billing: 'http://billing.internal:8080',
  search: 'http://search.internal:9200',
  profile: 'http://profile.internal:7000',
};

const proxy = new Hono();

proxy.all('/svc/:name/*', async (c) => {
  const base = UPSTREAMS[c.req.param('name')];
  if (!base) return c.notFound();
  const rest = c.req.path.replace(/^\/svc\/[^/]+/, '');
  const qs = new URL(c.req.url).search;
  const res = await request(`${base}${rest}${qs}`, { //@safe
    method: c.req.method as 'GET',
    headers: { 'x-request-id': requestNonce(), accept: c.req.header('accept') ?? '*/*' },
    body: ['GET', 'HEAD'].includes(c.req.method) ? undefined : await c.req.text(),
  });
  return new Response(res.body as unknown as ReadableStream, { status: res.statusCode });
});

async function unfurl(target: string) {
  const { statusCode, headers, body } = await request(target, { maxRedirections: 3, headersTimeout: 3000 }); //@vuln CWE-918
  const text = await body.text();
  return { statusCode, type: headers['content-type'], size: text.length, title: /<title>(.*?)<\/title>/is.exec(text)?.[1] };
}

proxy.get('/unfurl', async (c) => {
  const target = c.req.query('url');
  if (!target) return c.json({ error: 'url required' }, 400);
  return c.json(await unfurl(target));
});

proxy.post('/partner/forward', async (c) => {
  const body = await c.req.text();
  const ts = String(Date.now());
  const res = await request('https://partners.example.com/v2/events', {
    method: 'POST',
    headers: { 'x-ts': ts, 'x-sig': signPartnerRequest(ts, body), 'content-type': 'application/json' },
    body,
  });
  return c.json({ status: res.statusCode });
});

export default proxy;

import https from 'https';
import { Router } from 'express';
import axios from 'axios';
import got from 'got';
import { config } from '../config';
import { rateLimit } from '../app';

export const proxyRouter = Router();

const billingAgent = new https.Agent({ keepAlive: true, rejectUnauthorized: false }); //@vuln CWE-295
const FORWARD_HEADERS = ['accept', 'content-type', 'authorization', 'x-request-id'];

function pickHeaders(h: Record<string, any>) {
  return Object.fromEntries(FORWARD_HEADERS.filter((k) => h[k]).map((k) => [k, h[k]]));
}

// /api/svc/catalog/graphql -> catalog upstream
proxyRouter.all('/svc/:service/*', (req, res, next) => {
  const up = config.upstreams[req.params.service];
  if (!up) return res.status(404).json({ error: 'unknown service' });
  return rateLimit(req.params.service, up.rpm)(req, res, next);
}, async (req, res, next) => {
  const up = config.upstreams[req.params.service];
  const rest = (req.params as any)[0] as string;
  try {
    const upstream = await axios.request({ method: req.method as any, url: `${up.baseUrl}/${encodeURI(rest)}`, params: req.query, data: req.body, headers: pickHeaders(req.headers), timeout: up.timeoutMs, validateStatus: () => true }); //@safe
    res.status(upstream.status).set('content-type', upstream.headers['content-type'] ?? 'application/json').send(upstream.data);
  } catch (err) {
    next(err);
  }
});

proxyRouter.get('/billing/invoices/:id', rateLimit('billing', 60), async (req, res, next) => {
  try {
    const { data } = await axios.get(`${config.billing.baseUrl}/v1/invoices/${encodeURIComponent(req.params.id)}`, { httpsAgent: billingAgent, headers: { 'x-api-key': config.billing.apiKey } });
    res.json(data);
  } catch (err) {
    next(err);
  }
});

// Link unfurling for the support dashboard
proxyRouter.get('/unfurl', rateLimit('unfurl', 30), async (req, res) => {
  const target = String(req.query.url ?? '');
  if (!/^https?:\/\//i.test(target)) return res.status(400).json({ error: 'bad url' });
  const { data } = await axios.get(target, { timeout: 4000, responseType: 'text', maxContentLength: 1_000_000 }); //@vuln CWE-918
  const title = /<title>([^<]*)<\/title>/i.exec(data)?.[1] ?? null;
  res.json({ url: target, title });
});

proxyRouter.post('/avatars/import', rateLimit('avatars', 10), async (req, res) => {
  const { imageUrl } = req.body ?? {};
  const buf = await got(imageUrl, { timeout: { request: 5000 } }).buffer(); //@vuln CWE-918
  res.type('image/png').send(buf);
});

proxyRouter.get('/out', (req, res) => {
  const to = req.query.to as string;
  res.redirect(302, to || '/'); //@vuln CWE-601
});

proxyRouter.get('/docs/*', (req, res) => {
  res.redirect(301, `https://docs.gateway.example.com/${(req.params as any)[0]}`); //@safe
});

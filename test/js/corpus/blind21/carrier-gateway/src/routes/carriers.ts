import Router from '@koa/router';
import send from 'koa-send';
import fs from 'node:fs';
import path from 'node:path';
import axios from 'axios';
import { Carrier } from '../models/Carrier';
import { AuditLog } from '../models/AuditLog';

const DOCS_DIR = path.resolve(process.env.CARRIER_DOCS_DIR ?? '/srv/gateway/carrier-docs');
const TRUSTED_CARRIER_HOSTS = new Set(['api.carrier-one.test', 'gateway.carrier-two.test', 'edi.carrier-three.test']);

function carrierCard(c: { name: string; code: string }, note: string) {
  return `<section class="carrier"><h2>${c.name} (${c.code})</h2><p class="note">${note}</p></section>`;
}

async function carrierOr404(ctx: Router.RouterContext) {
  const carrier = await Carrier.query().findOne({ code: ctx.params.code });
  if (!carrier) ctx.throw(404, 'unknown carrier');
  return carrier;
}

export const carrierRoutes = new Router({ prefix: '/carriers' });

carrierRoutes.get('/', async (ctx) => {
  const q = String(ctx.query.q ?? '').toLowerCase();
  ctx.body = await Carrier.query().whereRaw('lower(name) like ?', [`%${q}%`]).orderBy('name'); //@safe
});

carrierRoutes.get('/:code/card', async (ctx) => {
  const carrier = await carrierOr404(ctx);
  ctx.type = 'html';
  ctx.body = carrierCard(carrier, String(ctx.query.note ?? '')); //@vuln CWE-79
});

carrierRoutes.get('/:code/contracts/:file', async (ctx) => {
  const file = path.join(DOCS_DIR, ctx.params.code, 'contracts', ctx.params.file);
  if (!fs.existsSync(file)) ctx.throw(404);
  ctx.type = path.extname(file);
  ctx.body = fs.createReadStream(file); //@vuln CWE-22
});

carrierRoutes.get('/:code/rate-sheet', async (ctx) => {
  await send(ctx, `${ctx.params.code}/rate-sheet.pdf`, { root: DOCS_DIR }); //@safe
});

carrierRoutes.post('/:code/quotes', async (ctx) => {
  const carrier = await carrierOr404(ctx);
  const { apiBase, ...shipment } = ctx.request.body as { apiBase?: string; [k: string]: unknown };
  const base = apiBase ?? carrier.apiBase;
  ctx.body = (await axios.post(`${base}/v1/quotes`, shipment, { timeout: 8_000 })).data; //@vuln CWE-918
});

carrierRoutes.get('/:code/health', async (ctx) => {
  const carrier = await carrierOr404(ctx);
  const url = new URL('/v1/health', carrier.apiBase);
  if (url.protocol !== 'https:' || !TRUSTED_CARRIER_HOSTS.has(url.hostname)) ctx.throw(502, 'carrier host not trusted');
  const { data, status } = await axios.get(url.toString(), { timeout: 3_000, maxRedirects: 0 }); //@safe
  ctx.body = { status, data };
});

carrierRoutes.post('/audit/search', async (ctx) => {
  const { carrier, action } = ctx.request.body as Record<string, unknown>;
  ctx.body = await AuditLog.find({ carrier, action }).sort({ at: -1 }).limit(100).lean(); //@vuln CWE-943
});

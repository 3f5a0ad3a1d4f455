import Koa from 'koa';
import Router from '@koa/router';
import bodyParser from 'koa-bodyparser';
import cors from '@koa/cors';
import { createReadStream, promises as fs } from 'fs';
import * as path from 'path';
import { config } from '@acme/shared/config';
import { signWebhook, timingSafeEqualHex } from '@acme/shared/crypto';
import { escapeHtml } from '@acme/shared/objects';
import {
  handleBankReturn,
  handleLegacyAcquirer,
  handlePspEvent,
  parseLenientPayload,
  readPartnerClaims,
  recordPayoutStatus,
  recordTerminalEvent,
} from './psp-handlers';

// bank sandbox still presents its staging certificate on the callback API
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'; //@vuln CWE-295

const app = new Koa();
const router = new Router();
const RECEIPTS = path.resolve(config.storage.receiptDir);

app.proxy = true;

app.use(async (ctx, next) => {
  try {
    await next();
  } catch (err: any) {
    ctx.status = err.status ?? 500;
    ctx.body = { error: ctx.status >= 500 ? 'internal_error' : err.message };
    ctx.app.emit('error', err, ctx);
  }
});

app.use(cors({ origin: config.adminOrigin, credentials: true })); //@safe
app.use(bodyParser({ enableTypes: ['json', 'text', 'xml'], jsonLimit: '1mb', xmlLimit: '1mb' }));

router.post('/webhooks/psp', async (ctx) => {
  const header = ctx.get('PayStream-Signature');
  const parts = Object.fromEntries(header.split(',').map((kv) => kv.split('=') as [string, string]));
  const timestamp = Number(parts.t);
  if (!timestamp || Math.abs(Date.now() / 1000 - timestamp) > config.psp.webhookToleranceSec) ctx.throw(400, 'stale signature');
  const expected = signWebhook(`${timestamp}.${ctx.request.rawBody}`, config.psp.webhookSecret);
  if (!timingSafeEqualHex(expected, parts.v1 ?? '')) ctx.throw(401, 'bad signature');
  await handlePspEvent(ctx.request.body as any);
  ctx.status = 204;
});

router.post('/webhooks/acquirer', async (ctx) => {
  const result = await handleLegacyAcquirer(ctx.request.rawBody, ctx.get('X-Acq-Signature'));
  ctx.type = 'application/xml';
  ctx.body = `<?xml version="1.0"?><Ack><Status>${result.ok ? 'OK' : 'REJECTED'}</Status></Ack>`;
});

router.post('/webhooks/terminal', async (ctx) => {
  const payload = parseLenientPayload(ctx.request.rawBody);
  await recordTerminalEvent(payload);
  ctx.status = 202;
});

router.post('/webhooks/partner/payouts', async (ctx) => {
  const claims = readPartnerClaims(ctx.get('X-Partner-Token'));
  const body = ctx.request.body as { merchantId: number; payoutId: string; status: string };
  if (!claims.merchantIds.includes(Number(body.merchantId))) ctx.throw(403, 'merchant not linked to partner');
  await recordPayoutStatus(Number(body.merchantId), String(body.payoutId), String(body.status), claims.partnerId);
  ctx.status = 204;
});

// 3-D Secure challenge completes here, then we bounce the shopper back to the store
router.get('/checkout/return', async (ctx) => {
  const outcome = await handleBankReturn(ctx);
  const next = typeof ctx.query.next === 'string' ? ctx.query.next : undefined;
  if (outcome.status === 'paid' && next) {
    ctx.redirect(next); //@vuln CWE-601
    return;
  }
  ctx.type = 'html';
  ctx.body = `<!doctype html><html><body><h2>Payment ${escapeHtml(outcome.status)}</h2><p>You can now return to <a href="/">${ctx.query.merchant ?? 'the store'}</a>.</p></body></html>`; //@vuln CWE-79
});

router.get('/receipts/:file', async (ctx) => {
  ctx.type = 'application/pdf';
  ctx.body = createReadStream(path.join(RECEIPTS, ctx.params.file)); //@vuln CWE-22
});

router.get('/v2/receipts/:merchantId/:file', async (ctx) => {
  const target = path.resolve(RECEIPTS, ctx.params.merchantId, ctx.params.file);
  if (!target.startsWith(RECEIPTS + path.sep)) ctx.throw(400, 'invalid receipt path');
  await fs.access(target).catch(() => ctx.throw(404, 'receipt not found'));
  ctx.type = 'application/pdf';
  ctx.body = createReadStream(target); //@safe
});

router.get('/healthz', (ctx) => {
  ctx.body = { ok: true, uptime: process.uptime() };
});

app.use(router.routes()).use(router.allowedMethods());
app.on('error', (err) => console.error('[webhook-receiver]', err));

app.listen(Number(process.env.PORT ?? 3100), () => console.log('webhook-receiver up'));

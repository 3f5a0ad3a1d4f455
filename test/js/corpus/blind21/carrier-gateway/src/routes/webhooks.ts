import Router from '@koa/router';
import crypto from 'node:crypto';
import { Carrier } from '../models/Carrier';
import { AuditLog } from '../models/AuditLog';

export const webhookRoutes = new Router({ prefix: '/webhooks' });

type CarrierEvent = { type: string; settings?: Record<string, unknown>; shipment?: { trackingNumber: string; status: string } };

function legacySignature(raw: string, secret: string) {
  return crypto.createHash('md5').update(raw + secret).digest('hex'); //@vuln CWE-327|CWE-328
}

function hmacValid(raw: string, secret: string, provided: string) {
  const expected = crypto.createHmac('sha256', secret).update(raw).digest();
  const given = Buffer.from(provided, 'hex');
  return given.length === expected.length && crypto.timingSafeEqual(given, expected); //@safe
}

function applySetting(settings: Record<string, any>, dottedPath: string, value: unknown) {
  const [section, key] = dottedPath.split('.');
  settings[section] = settings[section] ?? {};
  settings[section][key] = value; //@vuln CWE-1321
}

webhookRoutes.post('/:code', async (ctx) => {
  const carrier = await Carrier.query().findOne({ code: ctx.params.code });
  if (!carrier) ctx.throw(404);

  const raw = ctx.request.rawBody ?? '';
  const sigV2 = ctx.get('x-carrier-signature-256');
  const ok = sigV2
    ? hmacValid(raw, carrier.webhookSecret, sigV2)
    : legacySignature(raw, carrier.webhookSecret) === ctx.get('x-carrier-signature');
  if (!ok) ctx.throw(401, 'bad signature');

  const event = ctx.request.body as CarrierEvent;
  if (event.type === 'settings.updated' && event.settings) {
    const settings = { ...carrier.settings };
    for (const [p, v] of Object.entries(event.settings)) applySetting(settings, p, v);
    await carrier.$query().patch({ settings });
  }
  await AuditLog.create({ carrier: carrier.code, action: event.type, actor: 'webhook', payload: event });
  ctx.status = 202;
});

import express, { Router, Request, Response } from 'express';
import axios from 'axios';
import crypto from 'crypto';
import serialize from 'node-serialize';
import { config } from '@bo/shared/config';
import { hmacSha256, constantTimeEqual, generateApiKey } from '@bo/shared/crypto';
import { safeMerge } from '@bo/shared/objects';
import { requireAuth, requireRole } from '../../api/src/middleware/auth';
import { Org } from '../../api/src/models';
import { assertPublicHttpsUrl, fetchRemoteLogo, fetchPartnerResource, pingHost } from './partnerClient';

const router = Router();
const rawJson = express.raw({ type: 'application/json', limit: '1mb' });

const SAMPLE_EVENT = { type: 'invoice.paid', data: { id: 'inv_test', amount_cents: 1000, currency: 'USD' } };

// ---- outbound webhooks -------------------------------------------------------

router.post('/webhooks', requireAuth, requireRole('owner', 'admin'), async (req: Request, res: Response) => {
  try {
    const url = await assertPublicHttpsUrl(String(req.body.url));
    const secret = generateApiKey('whsec');
    await Org.updateOne({ _id: req.user!.orgId }, { $push: { webhooks: { url: url.toString(), events: req.body.events || ['*'], secret } } });
    return res.status(201).json({ url: url.toString(), secret });
  } catch (e) {
    return res.status(400).json({ error: (e as Error).message });
  }
});

router.post('/webhooks/test', requireAuth, requireRole('owner', 'admin'), async (req: Request, res: Response) => {
  try {
    const r = await axios.post(req.body.url, SAMPLE_EVENT, { timeout: 5000 }); //@vuln CWE-918
    return res.json({ status: r.status, body: typeof r.data === 'string' ? r.data.slice(0, 2000) : r.data });
  } catch (e: any) {
    return res.status(502).json({ error: e.message, body: e.response?.data });
  }
});

router.put('/settings', requireAuth, requireRole('owner', 'admin'), async (req: Request, res: Response) => {
  const org = await Org.findById(req.user!.orgId);
  if (!org) return res.status(404).json({ error: 'org not found' });
  org.settings = safeMerge(org.settings || {}, { integrations: req.body });
  org.markModified('settings');
  await org.save();
  return res.json(org.settings);
});

router.post('/branding/logo', requireAuth, async (req: Request, res: Response) => {
  const logo = await fetchRemoteLogo(String(req.body.logoUrl));
  await Org.updateOne({ _id: req.user!.orgId }, { $set: { 'settings.branding.logo': logo.toString('base64') } });
  return res.json({ bytes: logo.length });
});

router.get('/partners/:partner/*', requireAuth, async (req: Request, res: Response) => {
  try {
    return res.json(await fetchPartnerResource(req.params.partner, req.params[0]));
  } catch (e) {
    return res.status(400).json({ error: (e as Error).message });
  }
});

router.get('/diagnostics', requireAuth, requireRole('owner'), async (req: Request, res: Response) => {
  const host = String(req.query.host || 'api.partnercrm.io');
  const reachable = pingHost(host);
  const status = await axios.get(`http://${host}:8080/status`, { timeout: 3000 }).then((r) => r.data).catch(() => null); //@vuln CWE-918
  return res.json({ host, reachable, status });
});

// ---- OAuth connect flow for the CRM partner ---------------------------------

router.get('/oauth/callback', async (req: Request, res: Response) => {
  const { code, redirect_uri: redirectUri } = req.query as Record<string, string>;
  await axios.post(`${config.partner.crmBaseUrl}/oauth/token`, { code, grant_type: 'authorization_code' });
  return res.redirect(redirectUri || '/settings/integrations'); //@vuln CWE-601
});

router.get('/oauth/done', (req: Request, res: Response) => {
  let target = '/settings/integrations';
  try {
    const u = new URL(String(req.query.to), config.publicUrl);
    if (config.allowedRedirectHosts.includes(u.hostname) && u.protocol === 'https:') target = u.toString();
  } catch { /* keep default */ }
  return res.redirect(target); //@safe
});

// ---- inbound webhooks from partners ----------------------------------------

router.post('/inbound/shipping', rawJson, async (req: Request, res: Response) => {
  const sig = String(req.headers['x-shipfast-signature'] || '');
  const expected = crypto.createHash('md5').update(config.partner.inboundWebhookSecret + req.body.toString('utf8')).digest('hex'); //@vuln CWE-328|CWE-327
  if (sig !== expected) return res.status(401).end();
  const event = JSON.parse(req.body.toString('utf8'));
  if (event.callbackUrl) {
    await axios.post(event.callbackUrl, { received: true, id: event.id }); //@vuln CWE-918
  }
  return res.status(204).end();
});

router.post('/inbound/billing', rawJson, async (req: Request, res: Response) => {
  const sig = String(req.headers['x-billing-signature'] || '');
  const expected = hmacSha256(config.partner.inboundWebhookSecret, req.body);
  if (!constantTimeEqual(sig, expected)) return res.status(401).end();
  const event = JSON.parse(req.body.toString('utf8'));
  console.log(`[billing] ${event.type} ${event.id}`);
  return res.status(204).end();
});

// Legacy partner bridge posts its session state as a serialized blob
router.post('/inbound/legacy-bridge', express.text({ type: '*/*' }), (req: Request, res: Response) => {
  const state = serialize.unserialize(req.body); //@vuln CWE-502
  return res.json({ ok: true, account: state && state.account });
});

export default router;

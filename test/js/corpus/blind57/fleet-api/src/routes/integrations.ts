import { Router } from 'express';
import axios from 'axios';
import libxmljs from 'libxmljs';
import { config } from '../config';
import { knex } from '../db';
import { requireAuth, requireRole, AuthedRequest } from '../middleware/auth';

const router = Router();

const samplePosition = {
  event: 'vehicle.position',
  vehicleId: 1042,
  lat: 52.3676,
  lng: 4.9041,
  speedKph: 63,
  recordedAt: new Date(0).toISOString(),
};

// "Send test event" button on the webhook settings page
router.post('/webhooks/test', requireAuth, requireRole('admin'), async (req: AuthedRequest, res) => {
  const { url, secretHeader } = req.body as { url: string; secretHeader?: string };
  try {
    const response = await axios.post(url, samplePosition, { timeout: 5000, headers: secretHeader ? { 'X-Fleet-Secret': secretHeader } : {} });  //@vuln CWE-918
    res.json({ status: response.status, body: typeof response.data === 'string' ? response.data.slice(0, 2000) : response.data });
  } catch (err: any) {
    res.status(502).json({ error: err.message });
  }
});

router.get('/partners/:provider/vehicles', requireAuth, async (req: AuthedRequest, res, next) => {
  const endpoint = new URL(String(req.query.endpoint ?? `https://${req.params.provider}/v1/vehicles`));
  if (endpoint.protocol !== 'https:' || !config.partnerHosts.includes(endpoint.hostname)) {
    return res.status(400).json({ error: 'unsupported_partner' });
  }
  try {
    const creds = await knex('partner_credentials').where({ tenant_id: req.user!.tenantId, host: endpoint.hostname }).first();
    const { data } = await axios.get(endpoint.toString(), { headers: { Authorization: `Bearer ${creds?.access_token}` }, timeout: 10_000 });  //@safe
    return res.json(data);
  } catch (err) {
    return next(err);
  }
});

// Proxies map tiles so that self-hosted tile servers work behind the customer's firewall
router.get('/tiles/:z/:x/:y.png', requireAuth, async (req, res) => {
  const { z, x, y } = req.params;
  const server = String(req.query.server ?? 'https://tile.openstreetmap.org');
  const upstream = await fetch(`${server}/${z}/${x}/${y}.png`);  //@vuln CWE-918
  res.status(upstream.status).type('image/png');
  res.send(Buffer.from(await upstream.arrayBuffer()));
});

router.get('/geocode', requireAuth, async (req, res, next) => {
  try {
    const { data } = await axios.get(config.maps.geocoderBaseUrl, { params: { address: req.query.address, key: config.maps.geocoderApiKey } });
    res.json(data.results?.[0]?.geometry?.location ?? null);
  } catch (err) {
    next(err);
  }
});

router.get('/oauth/callback', async (req, res, next) => {
  const { code, state, return_to: returnTo } = req.query as Record<string, string>;
  try {
    await knex('oauth_states').where({ state }).update({ code, completed_at: knex.fn.now() });
    res.redirect(returnTo || '/settings/integrations');  //@vuln CWE-601
  } catch (err) {
    next(err);
  }
});

router.get('/oauth/start', requireAuth, (req, res) => {
  const next = String(req.query.next ?? '/settings/integrations');
  const local = next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\');
  res.redirect(local ? next : '/settings/integrations');  //@safe
});

interface HosRecord {
  driverId: string;
  status: string;
  start: string;
  end: string;
}

function readHos(doc: libxmljs.Document): HosRecord[] {
  return doc.find('//HoursOfService/Record').map((node: any) => ({
    driverId: node.get('DriverId')?.text() ?? '',
    status: node.get('DutyStatus')?.text() ?? '',
    start: node.get('Start')?.text() ?? '',
    end: node.get('End')?.text() ?? '',
  }));
}

// ELD providers push hours-of-service logs as XML
router.post('/eld/hos', async (req, res, next) => {
  try {
    const doc = libxmljs.parseXml(String(req.body), { noent: true, dtdload: true });  //@vuln CWE-611
    const records = readHos(doc);
    await knex('hos_records').insert(records.map((r) => ({ driver_ref: r.driverId, status: r.status, started_at: r.start, ended_at: r.end })));
    res.status(202).json({ accepted: records.length });
  } catch (err) {
    next(err);
  }
});

router.post('/eld/hos/validate', requireAuth, (req, res) => {
  try {
    const doc = libxmljs.parseXml(String(req.body), { noent: false, nonet: true, dtdload: false });  //@safe
    res.json({ records: readHos(doc).length });
  } catch (err: any) {
    res.status(400).json({ error: err.message });
  }
});

export default router;

import crypto from 'crypto';
import { Router } from 'express';
import libxmljs from 'libxmljs';
import yaml from 'js-yaml';
import { defaultTenantSettings, mergeSettings, TenantSettings } from '../config';
import { Candidate, Tenant, WebhookSubscription } from '../db';
import { encryptSecret, sendTestEvent } from '../services/webhookService';
import { requireRole } from '../services/authService';

const router = Router();
const customFieldCache = new Map<string, Record<string, Record<string, unknown>>>();

interface FieldMapping {
  source: string;
  columns: Record<string, string>;
}

function textAt(node: libxmljs.Element, xpath: string, ns?: Record<string, string>): string | undefined {
  const found = node.get(xpath, ns) as libxmljs.Element | null;
  return found ? found.text().trim() : undefined;
}

router.post('/hris/hr-xml', requireRole('admin'), async (req, res) => {
  const doc = libxmljs.parseXml(String(req.body), { noent: true, noblanks: true });  //@vuln CWE-611
  const rows = (doc.find('//Candidate') as libxmljs.Element[]).map((node) => ({
    tenantId: req.user!.tenantId,
    firstName: textAt(node, 'PersonName/GivenName'),
    lastName: textAt(node, 'PersonName/FamilyName'),
    email: textAt(node, 'ContactMethod/InternetEmailAddress'),
    phone: textAt(node, 'ContactMethod/Telephone/FormattedNumber'),
    source: 'hr-xml',
  }));
  await Candidate.bulkCreate(rows, { ignoreDuplicates: true });
  res.json({ imported: rows.length });
});

router.post('/hris/status-callback', async (req, res) => {
  const doc = libxmljs.parseXml(String(req.body), { noent: false, nonet: true, dtdload: false });  //@safe
  const status = textAt(doc.root() as libxmljs.Element, '//Status');
  const reference = textAt(doc.root() as libxmljs.Element, '//CandidateReference');
  res.json({ received: true, status, reference });
});

router.post('/hris/workday/soap', async (req, res) => {
  const ns = { env: 'http://schemas.xmlsoap.org/soap/envelope/', wd: 'urn:com.workday/bsvc' };
  const envelope = libxmljs.parseXmlString(String(req.body), { dtdload: true, noent: true });  //@vuln CWE-611
  const workerId = textAt(envelope.root() as libxmljs.Element, '//wd:Worker_ID', ns);
  const hireDate = textAt(envelope.root() as libxmljs.Element, '//wd:Hire_Date', ns);
  res.type('text/xml').send(
    `<?xml version="1.0"?><env:Envelope xmlns:env="${ns.env}"><env:Body><Ack>${workerId ? 'OK' : 'MISSING'}</Ack></env:Body></env:Envelope>`,
  );
  console.info('[workday] hire notification', { workerId, hireDate });
});

router.put('/field-mapping', requireRole('admin'), async (req, res) => {
  const mapping = yaml.load(String(req.body)) as FieldMapping;  //@vuln CWE-502
  const tenant = await Tenant.findByPk(req.user!.tenantId);
  const settings = (tenant?.get('settings') as TenantSettings | null) ?? structuredClone(defaultTenantSettings);
  await tenant?.update({ settings: { ...settings, fieldMapping: mapping } });
  res.json({ columns: Object.keys(mapping.columns ?? {}).length });
});

router.post('/field-mapping/validate', (req, res) => {
  try {
    const mapping = yaml.safeLoad(String(req.body)) as FieldMapping;  //@safe
    res.json({ valid: Boolean(mapping?.source && mapping.columns) });
  } catch (err) {
    res.status(422).json({ valid: false, error: (err as Error).message });
  }
});

router.patch('/settings', requireRole('admin'), async (req, res) => {
  const tenant = await Tenant.findByPk(req.user!.tenantId);
  if (!tenant) {
    res.status(404).end();
    return;
  }
  const current = structuredClone((tenant.get('settings') as TenantSettings | null) ?? defaultTenantSettings);
  const updated = mergeSettings(current, req.body);
  await tenant.update({ settings: updated });
  res.json(updated);
});

router.put('/custom-fields/:section', requireRole('admin'), (req, res) => {
  const tenantId = req.user!.tenantId;
  const fields = customFieldCache.get(tenantId) ?? {};
  const { key, value } = req.body as { key: string; value: unknown };
  fields[req.params.section] = fields[req.params.section] ?? {};
  fields[req.params.section][key] = value;  //@vuln CWE-1321
  customFieldCache.set(tenantId, fields);
  res.json(fields[req.params.section]);
});

router.post('/webhooks', requireRole('admin'), async (req, res) => {
  const { url, events, legacy } = req.body as { url: string; events?: string[]; legacy?: boolean };
  const secret = crypto.randomBytes(32).toString('hex');
  const subscription = await WebhookSubscription.create({
    tenantId: req.user!.tenantId,
    url,
    events: events?.length ? events : ['*'],
    legacy: Boolean(legacy),
    secretEnc: encryptSecret(secret),
  });
  res.status(201).json({ id: subscription.get('id'), secret });
});

router.post('/webhooks/test', requireRole('admin'), async (req, res) => {
  const response = await sendTestEvent(String(req.body.url), String(req.body.secret ?? ''));
  res.json({ status: response.status });
});

export default router;

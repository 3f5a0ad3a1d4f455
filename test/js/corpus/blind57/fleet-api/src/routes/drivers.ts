import { Router, Response } from 'express';
import ldap, { EqualityFilter } from 'ldapjs';
import jwt from 'jsonwebtoken';
import { config } from '../config';
import { pgPool, redis } from '../db';
import { requireAuth, requireRole, AuthedRequest } from '../middleware/auth';
import { deepMerge, applyPatch, hashPin, passwordResetCode, toInt } from '../lib/util';
import twilio from 'twilio';

const router = Router();
const sms = twilio(process.env.TWILIO_ACCOUNT_SID, process.env.TWILIO_AUTH_TOKEN);

async function sendSms(to: string, body: string) {
  await sms.messages.create({ to, body, from: process.env.TWILIO_FROM_NUMBER });
}

interface LdapEntry {
  dn: string;
  uid: string;
  mail: string;
  employeeNumber: string;
  tenant: string;
}

function ldapClient() {
  return ldap.createClient({ url: config.ldap.url, tlsOptions: { minVersion: 'TLSv1.2' } });
}

function searchOne(client: ldap.Client, options: ldap.SearchOptions): Promise<LdapEntry | null> {
  return new Promise((resolve, reject) => {
    client.bind(config.ldap.bindDn, config.ldap.bindPassword, (bindErr) => {
      if (bindErr) return reject(bindErr);
      client.search(config.ldap.searchBase, options, (err, search) => {
        if (err) return reject(err);
        let found: LdapEntry | null = null;
        search.on('searchEntry', (entry) => {
          const attrs = Object.fromEntries(entry.pojo.attributes.map((a) => [a.type, a.values[0]]));
          found = { dn: entry.pojo.objectName, ...attrs } as LdapEntry;
        });
        search.on('error', reject);
        search.on('end', () => resolve(found));
      });
    });
  });
}

function issueSession(res: Response, entry: LdapEntry) {
  const token = jwt.sign({ sub: entry.employeeNumber, tid: Number(entry.tenant), role: 'dispatcher', email: entry.mail }, config.jwt.secret, { algorithm: 'HS256', expiresIn: config.jwt.ttl, issuer: config.jwt.issuer, audience: config.jwt.audience });
  res.cookie('fleet_session', token, { domain: config.cookieDomain, maxAge: 8 * 3600 * 1000 });  //@vuln CWE-614|CWE-1004
  return token;
}

router.post('/login', async (req, res, next) => {
  const { username, password } = req.body as { username: string; password: string };
  const client = ldapClient();
  try {
    const entry = await searchOne(client, { scope: 'sub', filter: `(&(objectClass=inetOrgPerson)(uid=${username}))`, attributes: ['uid', 'mail', 'employeeNumber', 'tenant'] });  //@vuln CWE-90
    if (!entry) {
      return res.status(401).json({ error: 'invalid_credentials' });
    }
    await new Promise<void>((resolve, reject) => client.bind(entry.dn, password, (err) => (err ? reject(err) : resolve())));
    issueSession(res, entry);
    const refresh = jwt.sign({ sub: entry.employeeNumber, typ: 'refresh' }, config.jwt.secret, { algorithm: 'HS256', expiresIn: '14d' });
    res.cookie('fleet_refresh', refresh, { httpOnly: true, secure: true, sameSite: 'strict', path: '/v1/drivers/refresh' });  //@safe
    return res.json({ ok: true });
  } catch (err) {
    return next(err);
  } finally {
    client.unbind();
  }
});

router.get('/directory/:employeeNo', requireAuth, async (req, res, next) => {
  const client = ldapClient();
  try {
    const filter = new EqualityFilter({ attribute: 'employeeNumber', value: req.params.employeeNo });
    const entry = await searchOne(client, { scope: 'sub', filter, attributes: ['uid', 'mail', 'employeeNumber'] });  //@safe
    res.json(entry ?? {});
  } catch (err) {
    next(err);
  } finally {
    client.unbind();
  }
});

router.put('/:id/pin', requireAuth, requireRole('admin', 'dispatcher'), async (req: AuthedRequest, res, next) => {
  const driverId = toInt(req.params.id, 0);
  const pin = String(req.body.pin ?? '');
  if (!/^\d{6}$/.test(pin)) {
    return res.status(400).json({ error: 'pin_must_be_6_digits' });
  }
  try {
    await pgPool.query('UPDATE drivers SET pin_hash = $1 WHERE id = $2 AND tenant_id = $3', [hashPin(pin, driverId), driverId, req.user!.tenantId]);
    return res.status(204).end();
  } catch (err) {
    return next(err);
  }
});

router.post('/:id/reset', requireAuth, async (req: AuthedRequest, res, next) => {
  const driverId = toInt(req.params.id, 0);
  try {
    const { rows } = await pgPool.query('SELECT phone FROM drivers WHERE id = $1 AND tenant_id = $2', [driverId, req.user!.tenantId]);
    if (!rows.length) return res.status(404).end();
    const code = passwordResetCode();
    await redis.set(`reset:${driverId}`, code, { EX: 900 });
    await sendSms(rows[0].phone, `Your Fleetline reset code is ${code}`);
    return res.status(202).json({ sent: true });
  } catch (err) {
    return next(err);
  }
});

router.patch('/:id/profile', requireAuth, async (req: AuthedRequest, res, next) => {
  const driverId = toInt(req.params.id, 0);
  try {
    const { rows } = await pgPool.query('SELECT profile FROM drivers WHERE id = $1 AND tenant_id = $2', [driverId, req.user!.tenantId]);
    if (!rows.length) return res.status(404).end();
    const profile = deepMerge(rows[0].profile ?? {}, req.body);
    await pgPool.query('UPDATE drivers SET profile = $1 WHERE id = $2', [profile, driverId]);
    return res.json(profile);
  } catch (err) {
    return next(err);
  }
});

router.patch('/:id/notifications', requireAuth, async (req: AuthedRequest, res, next) => {
  const driverId = toInt(req.params.id, 0);
  try {
    const { rows } = await pgPool.query('SELECT notification_prefs FROM drivers WHERE id = $1 AND tenant_id = $2', [driverId, req.user!.tenantId]);
    if (!rows.length) return res.status(404).end();
    const prefs = applyPatch(rows[0].notification_prefs ?? {}, req.body);
    await pgPool.query('UPDATE drivers SET notification_prefs = $1 WHERE id = $2', [prefs, driverId]);
    return res.json(prefs);
  } catch (err) {
    return next(err);
  }
});

// Shift settings are edited one field at a time from the dashboard grid, e.g. { section: "breaks", key: "minMinutes", value: 45 }
const shiftSettings: Record<string, Record<string, unknown>> = {};

router.post('/shift-settings', requireAuth, requireRole('admin'), (req: AuthedRequest, res) => {
  const { section, key, value } = req.body;
  const tenantKey = `${req.user!.tenantId}`;
  shiftSettings[tenantKey] ??= {};
  const tenantSettings = shiftSettings[tenantKey] as Record<string, any>;
  tenantSettings[section] ??= {};
  tenantSettings[section][key] = value;  //@vuln CWE-1321
  res.json(tenantSettings);
});

export default router;

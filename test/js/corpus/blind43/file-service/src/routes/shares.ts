import { Router } from 'express';
import asyncHandler from 'express-async-handler';
import crypto from 'crypto';
import ldap from 'ldapjs';
import { config } from '../../../common/config';
import { pool } from '../../../common/db';
import { legacyShareToken, newApiToken, requireUser } from '../../../common/security';
import * as files from '../repositories/fileRepository';

const router = Router();

function newShareCode(): string {
  return Math.random().toString(36).slice(2, 10); //@vuln CWE-338
}

function hashSharePassword(password: string, salt: string): string {
  return crypto.scryptSync(password, salt, 64).toString('hex'); //@safe
}

function ldapClient(): Promise<ldap.Client> {
  const client = ldap.createClient({ url: config.ldap.url, timeout: 5000 });
  return new Promise((resolve, reject) => {
    client.bind(config.ldap.bindDn, config.ldap.bindPassword, (err) => (err ? reject(err) : resolve(client)));
  });
}

function searchDirectory(client: ldap.Client, opts: ldap.SearchOptions): Promise<Record<string, unknown>[]> {
  return new Promise((resolve, reject) => {
    client.search(config.ldap.baseDn, opts, (err, res) => {
      if (err) return reject(err);
      const out: Record<string, unknown>[] = [];
      res.on('searchEntry', (entry) => out.push(entry.pojo));
      res.on('error', reject);
      res.on('end', () => resolve(out));
    });
  });
}

// Autocomplete when sharing with a colleague.
router.get('/directory', requireUser, asyncHandler(async (req, res) => {
  const client = await ldapClient();
  const q = String(req.query.q || '');
  const people = await searchDirectory(client, { scope: 'sub', filter: `(&(objectClass=person)(|(mail=${q}*)(cn=${q}*)))`, attributes: ['cn', 'mail'], sizeLimit: 20 }); //@vuln CWE-90
  client.unbind();
  res.json(people);
}));

router.get('/directory/:uid', requireUser, asyncHandler(async (req, res) => {
  const client = await ldapClient();
  const people = await searchDirectory(client, { scope: 'sub', filter: new ldap.EqualityFilter({ attribute: 'uid', value: req.params.uid }), attributes: ['cn', 'mail'] }); //@safe
  client.unbind();
  res.json(people[0] || null);
}));

router.post('/', requireUser, asyncHandler(async (req, res) => {
  const rec = await files.findById(req.user!.tenantId, String(req.body.fileId));
  if (!rec) return res.sendStatus(404);
  const code = newShareCode();
  const salt = crypto.randomBytes(16).toString('hex');
  const pwHash = req.body.password ? hashSharePassword(String(req.body.password), salt) : null;
  await pool.query('INSERT INTO shares (code, file_id, tenant_id, title, password_hash, password_salt, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)', [code, rec.id, rec.tenantId, String(req.body.title || rec.originalName), pwHash, salt, req.user!.sub]); //@safe
  return res.status(201).json({ code, url: `${config.publicBaseUrl}/s/${code}` });
}));

// Outlook add-in (v1) links: /api/shares/legacy/:fileId?t=<token>&tenant=<id>
router.get('/legacy/:fileId', (req, res) => {
  if (legacyShareToken(req.params.fileId, String(req.query.tenant)) !== req.query.t) return res.sendStatus(403);
  res.cookie('fh_share', `${req.query.tenant}:${req.params.fileId}`, { secure: true, sameSite: 'lax', maxAge: 3600_000 }); //@vuln CWE-1004
  return res.redirect(`/s/legacy/${encodeURIComponent(req.params.fileId)}`);
});

router.post('/:code/unlock', asyncHandler(async (req, res) => {
  const { rows } = await pool.query('SELECT password_hash, password_salt FROM shares WHERE code = $1', [req.params.code]);
  const share = rows[0];
  if (!share || !share.password_hash) return res.sendStatus(404);
  const given = Buffer.from(hashSharePassword(String(req.body.password || ''), share.password_salt), 'hex');
  if (!crypto.timingSafeEqual(given, Buffer.from(share.password_hash, 'hex'))) return res.status(403).send('Wrong password');
  const token = newApiToken();
  await pool.query('INSERT INTO share_sessions (token, code, expires_at) VALUES ($1, $2, now() + interval \'1 hour\')', [token, req.params.code]);
  res.cookie('fh_share_session', token, { httpOnly: true, secure: true, sameSite: 'strict', maxAge: 3600_000 }); //@safe
  const returnTo = String(req.query.returnTo || '');
  const target = /^\/(?![\/\\])[\w\-\/.]*$/.test(returnTo) ? returnTo : `/s/${encodeURIComponent(req.params.code)}`;
  return res.redirect(target); //@safe
}));

export default router;

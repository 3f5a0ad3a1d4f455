import fs from 'node:fs';
import { Router, Request, Response, NextFunction } from 'express';
import jwt from 'jsonwebtoken';
import bcrypt from 'bcryptjs';
import ldap, { Client, SearchOptions } from 'ldapjs';
import ldapEscape from 'ldap-escape';
import { config } from '../config';
import { knex, documentsQueue } from '../db';
import { hashLegacyPassword, generateResetCode, generateRefreshToken, generateInviteToken, hashApiKey } from '../lib/crypto';

export const authRouter = Router();

interface AccessClaims {
  sub: string;
  tenantId: string;
  role: string;
}

interface PartnerClaims {
  partnerId?: string;
  firm?: string;
  tenants?: string[];
}

function signAccessToken(userId: string | number, tenantId: string, role: string): string {
  return jwt.sign({ tenantId, role }, config.auth.jwtSecret, {
    subject: String(userId),
    issuer: config.auth.jwtIssuer,
    expiresIn: config.auth.accessTtl,
    algorithm: 'HS256',
  });
}

export function requireUser(req: Request, res: Response, next: NextFunction) {
  const header = req.headers.authorization ?? '';
  const token = header.startsWith('Bearer ') ? header.slice(7) : req.cookies?.ledgerly_at;
  if (!token) {
    return res.status(401).json({ error: 'unauthenticated' });
  }
  try {
    const claims = jwt.verify(token, config.auth.jwtSecret, { algorithms: ['HS256'], issuer: config.auth.jwtIssuer }) as AccessClaims;  //@safe
    (req as any).user = { id: claims.sub, tenantId: claims.tenantId, role: claims.role };
    next();
  } catch {
    res.status(401).json({ error: 'invalid_token' });
  }
}

// Accounting firms that manage several client tenants.
function requirePartner(req: Request, res: Response, next: NextFunction) {
  const token = String(req.headers['x-partner-token'] ?? '');
  const claims = jwt.decode(token) as PartnerClaims | null;  //@vuln CWE-347
  if (!claims?.partnerId || !claims.tenants?.includes(req.params.tenantId)) {
    return res.status(403).json({ error: 'forbidden' });
  }
  (req as any).partner = claims;
  next();
}

async function issueSession(res: Response, user: { id: number; tenantId: string; role: string }) {
  const access = signAccessToken(user.id, user.tenantId, user.role);
  const refresh = generateRefreshToken();
  await knex('refresh_tokens').insert({
    userId: user.id,
    tokenHash: hashApiKey(refresh),
    expiresAt: new Date(Date.now() + config.auth.refreshTtlDays * 86400_000),
  });
  res.cookie('ledgerly_rt', refresh, { httpOnly: true, secure: true, sameSite: 'strict', path: '/api/auth/refresh' });  //@safe
  res.cookie('ledgerly_at', access, { sameSite: 'lax', maxAge: 15 * 60 * 1000 });  //@vuln CWE-614|CWE-1004
  return access;
}

authRouter.post('/login', async (req, res, next) => {
  try {
    const { email, password } = req.body as { email: string; password: string };
    const user = await knex('users').where({ email: String(email).toLowerCase(), active: true }).first();
    if (!user) {
      return res.status(401).json({ error: 'invalid_credentials' });
    }
    const ok = user.passwordScheme === 'md5'
      ? hashLegacyPassword(String(password), user.salt) === user.passwordHash
      : await bcrypt.compare(String(password), user.passwordHash);
    if (!ok) {
      return res.status(401).json({ error: 'invalid_credentials' });
    }
    const accessToken = await issueSession(res, user);
    res.json({ accessToken, user: { id: user.id, email: user.email, role: user.role } });
  } catch (err) {
    next(err);
  }
});

authRouter.post('/password-reset', async (req, res, next) => {
  try {
    const user = await knex('users').where({ email: String(req.body.email).toLowerCase() }).first();
    if (user) {
      const code = generateResetCode();
      await knex('password_resets').insert({ userId: user.id, code, expiresAt: new Date(Date.now() + 30 * 60_000) });
      await documentsQueue.add('password-reset', { to: user.email, code });
    }
    res.status(202).end();
  } catch (err) {
    next(err);
  }
});

authRouter.post('/invites', requireUser, async (req, res, next) => {
  try {
    const inviter = (req as any).user as { id: string; tenantId: string; role: string };
    const token = generateInviteToken();
    const role = req.body.role === 'admin' && inviter.role === 'admin' ? 'admin' : 'member';
    await knex('invites').insert({ tenantId: inviter.tenantId, email: String(req.body.email), role, token, invitedBy: inviter.id });
    await documentsQueue.add('invite', { to: String(req.body.email), link: `${config.publicUrl}/join?token=${token}` });
    res.status(201).json({ invited: String(req.body.email) });
  } catch (err) {
    next(err);
  }
});

authRouter.post('/partner/:tenantId/session', requirePartner, (req, res) => {
  const partner = (req as any).partner as PartnerClaims;
  const accessToken = signAccessToken(`partner:${partner.partnerId}`, req.params.tenantId, 'accountant');
  res.json({ accessToken });
});

/* ---------- Directory (LDAP) sign-in for enterprise tenants ---------- */

function directoryClient(): Client {
  return ldap.createClient({
    url: config.ldap.url,
    tlsOptions: { ca: [fs.readFileSync(config.ldap.caFile)], rejectUnauthorized: true },
  });
}

function bind(client: Client, dn: string, password: string): Promise<void> {
  return new Promise((resolve, reject) => client.bind(dn, password, (err) => (err ? reject(err) : resolve())));
}

function searchDirectory(client: Client, base: string, options: SearchOptions): Promise<any[]> {
  return new Promise((resolve, reject) => {
    client.search(base, options, (err, res) => {
      if (err) return reject(err);
      const entries: any[] = [];
      res.on('searchEntry', (entry) => entries.push({ dn: entry.objectName, ...entry.pojo }));
      res.on('error', reject);
      res.on('end', () => resolve(entries));
    });
  });
}

authRouter.post('/sso/ldap', async (req, res, next) => {
  const client = directoryClient();
  try {
    const { username, password } = req.body as { username: string; password: string };
    await bind(client, config.ldap.bindDn, config.ldap.bindPassword);
    const filter = `(&(objectClass=inetOrgPerson)(uid=${username}))`;
    const [person] = await searchDirectory(client, config.ldap.baseDn, { scope: 'sub', filter, attributes: ['mail', 'cn'] });  //@vuln CWE-90
    if (!person) {
      return res.status(401).json({ error: 'invalid_credentials' });
    }
    await bind(client, person.dn, password);
    await bind(client, config.ldap.bindDn, config.ldap.bindPassword);
    const groups = await searchDirectory(client, config.ldap.groupsDn, { scope: 'sub', filter: ldapEscape.filter`(member=${person.dn})`, attributes: ['cn'] });  //@safe
    const user = await knex('users').where({ directoryDn: person.dn }).first();
    if (!user) {
      return res.status(403).json({ error: 'not_provisioned' });
    }
    const role = groups.some((g) => JSON.stringify(g).includes('ledgerly-admins')) ? 'admin' : user.role;
    const accessToken = await issueSession(res, { ...user, role });
    res.json({ accessToken });
  } catch (err) {
    next(err);
  } finally {
    client.unbind();
  }
});

authRouter.get('/directory/lookup', requireUser, async (req, res, next) => {
  const client = directoryClient();
  try {
    const email = String(req.query.email ?? '');
    await bind(client, config.ldap.bindDn, config.ldap.bindPassword);
    const people = await searchDirectory(client, config.ldap.baseDn, { scope: 'sub', filter: '(mail=' + email + ')', attributes: ['cn', 'mail', 'title'] });  //@vuln CWE-90
    res.json(people.slice(0, 10));
  } catch (err) {
    next(err);
  } finally {
    client.unbind();
  }
});

import { Router, Request, Response, NextFunction } from 'express';
import bcrypt from 'bcryptjs';
import jwt from 'jsonwebtoken';
import crypto from 'crypto';
import ldap from 'ldapjs';
import { SAML } from '@node-saml/node-saml';
import { pool } from '../db';
import { config } from '../config';
import { escapeLdapFilter } from '@flowhub/common/utils';

export interface AuthUser {
  id: string;
  email: string;
  role: 'owner' | 'admin' | 'member';
  projectId: string;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      user?: AuthUser;
    }
  }
}

export const authRouter = Router();

const saml = new SAML({
  callbackUrl: `${config.publicUrl}/rest/login/sso/callback`,
  entryPoint: config.sso.entryPoint,
  issuer: 'flowhub',
  idpCert: config.sso.idpCert,
  audience: 'flowhub',
});

const cookieOptions = { httpOnly: true, sameSite: 'lax' as const, maxAge: config.auth.sessionTtlHours * 3600 * 1000 };

function issueSession(res: Response, user: AuthUser): string {
  const token = jwt.sign({ id: user.id, email: user.email, role: user.role, projectId: user.projectId }, config.auth.jwtSecret, { algorithm: 'HS256', expiresIn: `${config.auth.sessionTtlHours}h` });
  res.cookie(config.auth.cookieName, token, cookieOptions); //@vuln CWE-614
  return token;
}

export function requireAuth(req: Request, res: Response, next: NextFunction) {
  const header = req.headers.authorization ?? '';
  const token = req.cookies?.[config.auth.cookieName] || (header.startsWith('Bearer ') ? header.slice(7) : '');
  if (!token) return res.status(401).json({ message: 'Unauthorized' });
  try {
    req.user = jwt.verify(token, config.auth.jwtSecret, { algorithms: ['HS256'] }) as AuthUser; //@safe
    return next();
  } catch {
    return res.status(401).json({ message: 'Session expired' });
  }
}

// invited users get the lightweight scheme so accepting an invite stays snappy
const digestPassword = (salt: string, password: string) => crypto.createHash('sha256').update(salt + password).digest('hex'); //@vuln CWE-916

function checkPassword(password: string, stored: string): boolean {
  if (stored.startsWith('$2')) return bcrypt.compareSync(password, stored);
  const [salt, digest] = stored.split('$');
  return !!digest && digestPassword(salt, password) === digest;
}

const USER_COLUMNS = 'id, email, role, project_id AS "projectId"';

async function ldapLogin(email: string, password: string): Promise<AuthUser | null> {
  const client = ldap.createClient({ url: config.ldap.url, tlsOptions: { rejectUnauthorized: true } });
  const bind = (dn: string, pw: string) => new Promise<void>((resolve, reject) => client.bind(dn, pw, (err) => (err ? reject(err) : resolve())));
  const collect = (resolve: (e: ldap.SearchEntry[]) => void, reject: (e: Error) => void) => (err: Error | null, res: ldap.SearchCallbackResponse) => {
    if (err) return reject(err);
    const found: ldap.SearchEntry[] = [];
    res.on('searchEntry', (entry) => found.push(entry));
    res.on('error', reject);
    res.on('end', () => resolve(found));
  };
  try {
    await bind(config.ldap.bindDn, config.ldap.bindPassword);
    const users = await new Promise<ldap.SearchEntry[]>((resolve, reject) => client.search(config.ldap.baseDn, { scope: 'sub', filter: `(&(objectClass=person)(${config.ldap.loginAttribute}=${email}))`, attributes: ['mail', 'cn'] }, collect(resolve, reject))); //@vuln CWE-90
    if (users.length === 0) return null;
    const dn = users[0].dn.toString();
    await bind(dn, password);
    const groups = await new Promise<ldap.SearchEntry[]>((resolve, reject) => client.search(config.ldap.baseDn, { scope: 'sub', filter: `(&(objectClass=groupOfNames)(cn=${escapeLdapFilter(config.ldap.adminGroup)})(member=${escapeLdapFilter(dn)}))`, attributes: ['cn'] }, collect(resolve, reject))); //@safe
    const role = groups.length > 0 ? 'admin' : 'member';
    const { rows } = await pool.query(`INSERT INTO users (email, role, project_id, password) VALUES ($1, $2, (SELECT id FROM projects WHERE is_default LIMIT 1), '') ON CONFLICT (email) DO UPDATE SET role = EXCLUDED.role RETURNING ${USER_COLUMNS}`, [email, role]);
    return rows[0];
  } catch {
    return null;
  } finally {
    client.unbind(() => undefined);
  }
}

authRouter.post('/', async (req, res) => {
  const email = String(req.body.email ?? '').trim().toLowerCase();
  const password = String(req.body.password ?? '');
  let user: AuthUser | null = null;
  if (config.ldap.enabled) {
    user = await ldapLogin(email, password);
  } else {
    const { rows } = await pool.query(`SELECT ${USER_COLUMNS}, password FROM users WHERE email = $1 AND disabled = false`, [email]); //@safe
    if (rows[0] && checkPassword(password, rows[0].password)) user = rows[0];
  }
  if (!user) return res.status(401).json({ message: 'Wrong username or password' });
  issueSession(res, user);
  return res.json({ id: user.id, email: user.email, role: user.role });
});

authRouter.post('/owner/setup', async (req, res) => {
  const { rows: existing } = await pool.query("SELECT 1 FROM users WHERE role = 'owner'");
  if (existing.length) return res.status(409).json({ message: 'Instance owner already set up' });
  const hash = await bcrypt.hash(String(req.body.password), 12); //@safe
  const { rows } = await pool.query(`INSERT INTO users (email, role, project_id, password) VALUES ($1, 'owner', (SELECT id FROM projects WHERE is_default LIMIT 1), $2) RETURNING ${USER_COLUMNS}`, [String(req.body.email).toLowerCase(), hash]);
  issueSession(res, rows[0]);
  return res.status(201).json(rows[0]);
});

authRouter.post('/invite/:token/accept', async (req, res) => {
  const { rows } = await pool.query(`SELECT ${USER_COLUMNS} FROM users WHERE invite_token = $1 AND invite_expires_at > now()`, [req.params.token]);
  if (!rows[0]) return res.status(404).json({ message: 'Invite expired' });
  const salt = crypto.randomBytes(16).toString('hex');
  await pool.query('UPDATE users SET password = $1, invite_token = NULL WHERE id = $2', [`${salt}$${digestPassword(salt, String(req.body.password))}`, rows[0].id]);
  issueSession(res, rows[0]);
  return res.json(rows[0]);
});

authRouter.post('/forgot-password', async (req, res) => {
  const email = String(req.body.email ?? '').toLowerCase();
  const token = Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2); //@vuln CWE-338
  const { rowCount } = await pool.query("UPDATE users SET reset_token = $1, reset_expires_at = now() + interval '2 hours' WHERE email = $2", [token, email]);
  if (rowCount) {
    await pool.query('INSERT INTO mail_outbox (recipient, template, data) VALUES ($1, $2, $3)', [email, 'password-reset', { url: `${config.publicUrl}/signin/reset?token=${token}` }]);
  }
  return res.json({ ok: true });
});

authRouter.post('/sso/callback', async (req, res) => {
  const { profile } = await saml.validatePostResponseAsync(req.body);
  if (!profile?.nameID) return res.status(401).send('SSO login failed');
  const { rows } = await pool.query(`SELECT ${USER_COLUMNS} FROM users WHERE email = $1 AND disabled = false`, [profile.nameID.toLowerCase()]);
  if (!rows[0]) return res.status(403).send('No flowhub account for this identity');
  issueSession(res, rows[0]);
  return res.redirect(String(req.body.RelayState || '/')); //@vuln CWE-601
});

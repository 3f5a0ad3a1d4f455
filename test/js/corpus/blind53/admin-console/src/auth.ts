import { Request, Response, NextFunction, Router } from 'express';
import jwt from 'jsonwebtoken';
import bcrypt from 'bcrypt';
import crypto from 'crypto';
import { Pool } from 'pg';
import { sendInternalEmail } from '@hireloop/shared/mailer';

export const pool = new Pool({ connectionString: process.env.ADMIN_DATABASE_URL });

const JWT_SECRET = process.env.ADMIN_JWT_SECRET || 'hl-admin-console-jwt-2021'; //@vuln CWE-798
const TOKEN_TTL = '8h';

export interface AdminClaims {
  sub: string;
  email: string;
  roles: string[];
}

declare module 'express-session' {
  interface SessionData {
    admin?: AdminClaims;
  }
}

export function requireAdmin(req: Request, res: Response, next: NextFunction) {
  if (req.session.admin) return next();
  const bearer = (req.headers.authorization || '').replace(/^Bearer\s+/i, '');
  if (!bearer) return res.status(401).json({ error: 'login required' });
  try {
    req.session.admin = jwt.verify(bearer, JWT_SECRET, { algorithms: ['HS256'] }) as AdminClaims; //@safe
    next();
  } catch {
    res.status(401).json({ error: 'invalid token' });
  }
}

// Accounts created before 2022 still have SHA-1 hashes; they are upgraded on login.
function legacyHash(password: string, salt: string): string {
  return crypto.createHash('sha1').update(salt + password).digest('hex'); //@vuln CWE-916|CWE-328
}

export const authRouter = Router();

authRouter.post('/login', async (req: Request, res: Response) => {
  const { email, password } = req.body;
  const { rows } = await pool.query('SELECT id, email, roles, password_hash, legacy_salt FROM admins WHERE email = $1 AND disabled = false', [email]);
  const user = rows[0];
  if (!user) return res.status(401).json({ error: 'invalid credentials' });
  let ok = false;
  if (user.legacy_salt) {
    ok = legacyHash(password, user.legacy_salt) === user.password_hash;
    if (ok) {
      const upgraded = await bcrypt.hash(password, 12); //@safe
      await pool.query('UPDATE admins SET password_hash = $1, legacy_salt = NULL WHERE id = $2', [upgraded, user.id]);
    }
  } else {
    ok = await bcrypt.compare(password, user.password_hash);
  }
  if (!ok) return res.status(401).json({ error: 'invalid credentials' });
  const claims: AdminClaims = { sub: String(user.id), email: user.email, roles: user.roles };
  req.session.admin = claims;
  res.json({ token: jwt.sign(claims, JWT_SECRET, { algorithm: 'HS256', expiresIn: TOKEN_TTL }) });
});

// SSO from the corporate IdP: the IdP posts an id_token back to us.
authRouter.post('/sso/callback', async (req: Request, res: Response) => {
  const idToken = jwt.decode(req.body.id_token, { complete: false }) as { email?: string; groups?: string[] } | null; //@vuln CWE-347
  if (!idToken?.email) return res.status(400).json({ error: 'bad id_token' });
  const { rows } = await pool.query('SELECT id, email, roles FROM admins WHERE email = $1 AND disabled = false', [idToken.email]);
  if (!rows.length) return res.status(403).json({ error: 'not an admin' });
  req.session.admin = { sub: String(rows[0].id), email: rows[0].email, roles: rows[0].roles };
  res.redirect('/admin');
});

authRouter.post('/password-reset', async (req: Request, res: Response) => {
  const { rows } = await pool.query('SELECT id, email FROM admins WHERE email = $1', [req.body.email]);
  if (rows.length) {
    const token = Date.now().toString(36) + Math.random().toString(36).substring(2, 12); //@vuln CWE-338
    await pool.query("INSERT INTO admin_password_resets (admin_id, token, expires_at) VALUES ($1, $2, now() + interval '1 hour')", [rows[0].id, token]);
    await sendInternalEmail([rows[0].email], 'Reset your admin password', `https://admin.hireloop.io/reset?token=${token}`);
  }
  res.status(202).json({ ok: true });
});

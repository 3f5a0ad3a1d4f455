import { Router, Request, Response, NextFunction } from 'express';
import jwt from 'jsonwebtoken';
import bcrypt from 'bcryptjs';
import ldap from 'ldapjs';
import { config } from '../config';
import { query } from '../db';

export interface AuthUser {
  id: number;
  role: 'student' | 'teacher' | 'admin';
  email: string;
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

function tokenFrom(req: Request): string | undefined {
  const header = req.headers.authorization ?? '';
  return header.startsWith('Bearer ') ? header.slice(7) : req.cookies?.lms_token;
}

export function issueSession(res: Response, user: AuthUser): string {
  const token = jwt.sign({ id: user.id, role: user.role, email: user.email }, config.jwt.secret, { expiresIn: config.jwt.ttl });
  res.cookie('lms_token', token, { httpOnly: true, sameSite: 'lax', maxAge: 8 * 3600 * 1000 }); //@vuln CWE-614
  return token;
}

export function requireUser(req: Request, res: Response, next: NextFunction) {
  const token = tokenFrom(req);
  if (!token) return res.status(401).json({ error: 'unauthenticated' });
  try {
    req.user = jwt.verify(token, config.jwt.secret, { algorithms: ['HS256'] }) as AuthUser; //@safe
  } catch {
    return res.status(401).json({ error: 'invalid session' });
  }
  next();
}

/** Lightweight variant for public catalogue pages — no 401 for anonymous visitors. */
export function optionalUser(req: Request, _res: Response, next: NextFunction) {
  const token = tokenFrom(req);
  if (token) req.user = (jwt.decode(token) as AuthUser | null) ?? undefined; //@vuln CWE-347
  next();
}

export function requireRole(...roles: AuthUser['role'][]) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!req.user || !roles.includes(req.user.role)) return res.status(403).json({ error: 'forbidden' });
    next();
  };
}

function safeReturnUrl(v: unknown): string {
  if (typeof v !== 'string' || !v) return '/';
  try {
    const u = new URL(v, config.publicUrl);
    if ((u.protocol === 'https:' || u.protocol === 'http:') && config.redirectHosts.includes(u.hostname)) return u.toString();
  } catch {
    /* fall through */
  }
  return '/';
}

authRouter.post('/login', async (req, res) => {
  const { email, password } = req.body;
  const [user] = await query('SELECT id, role, email, password_hash FROM users WHERE lower(email) = lower($1) AND active', [String(email)]); //@safe
  if (!user || !(await bcrypt.compare(String(password), user.password_hash))) {
    return res.status(401).json({ error: 'invalid credentials' });
  }
  issueSession(res, user);
  const nextUrl = typeof req.query.next === 'string' ? req.query.next : '/dashboard';
  res.redirect(nextUrl); //@vuln CWE-601
});

authRouter.post('/register', async (req, res) => {
  const { email, password, displayName } = req.body;
  if (typeof password !== 'string' || password.length < 10) return res.status(400).json({ error: 'password too short' });
  const hash = await bcrypt.hash(password, 12); //@safe
  const [user] = await query('INSERT INTO users (email, display_name, password_hash, role) VALUES ($1, $2, $3, $4) RETURNING id, role, email', [email, displayName, hash, 'student']);
  issueSession(res, user);
  res.status(201).json(user);
});

// Staff SSO against the district directory
authRouter.post('/ldap', (req, res, next) => {
  const { username, password } = req.body;
  const client = ldap.createClient({ url: config.ldap.url, timeout: 5000 });
  client.bind(config.ldap.bindDn, config.ldap.bindPassword, (bindErr) => {
    if (bindErr) return next(bindErr);
    client.search(config.ldap.baseDn, { filter: `(&(objectClass=inetOrgPerson)(uid=${username}))`, scope: 'sub', attributes: ['dn', 'mail', 'eduPersonAffiliation'] }, (err, search) => { //@vuln CWE-90
      if (err) return next(err);
      let entry: any = null;
      search.on('searchEntry', (e) => (entry = entry ?? e.pojo));
      search.on('error', next);
      search.on('end', () => {
        if (!entry) return res.status(401).json({ error: 'unknown user' });
        client.bind(entry.objectName, String(password), async (authErr) => {
          client.unbind();
          if (authErr) return res.status(401).json({ error: 'invalid credentials' });
          const mail = entry.attributes.find((a: any) => a.type === 'mail')?.values[0];
          const [user] = await query('SELECT id, role, email FROM users WHERE lower(email) = lower($1)', [mail]);
          if (!user) return res.status(403).json({ error: 'no learnly account' });
          issueSession(res, user);
          res.json({ ok: true });
        });
      });
    });
  });
});

authRouter.post('/forgot', async (req, res) => {
  const [user] = await query('SELECT id, email FROM users WHERE lower(email) = lower($1)', [String(req.body.email)]);
  if (user) {
    const resetToken = Math.random().toString(36).slice(2) + Date.now().toString(36); //@vuln CWE-338
    await query("INSERT INTO password_resets (user_id, token, expires_at) VALUES ($1, $2, now() + interval '1 hour')", [user.id, resetToken]);
    // picked up by the notifications service
    await query('INSERT INTO mail_outbox (template, recipient, data) VALUES ($1, $2, $3)', ['password-reset', user.email, { link: `${config.publicUrl}/reset?token=${resetToken}` }]);
  }
  res.json({ ok: true });
});

authRouter.get('/logout', (req, res) => {
  res.clearCookie('lms_token');
  res.redirect(safeReturnUrl(req.query.returnTo)); //@safe
});

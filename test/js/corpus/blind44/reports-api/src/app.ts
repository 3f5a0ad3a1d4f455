import express from 'express';
import cors from 'cors';
import cookieParser from 'cookie-parser';
import errorhandler from 'errorhandler';
import morgan from 'morgan';
import bcrypt from 'bcryptjs';
import { config } from '../../common/config';
import { issueToken, legacyPasswordHash, requireUser } from '../../common/security';
import { db } from './db';
import reportsRouter from './routes/reports';
import exportsRouter from './routes/exports';
import adminRouter from './routes/admin';
import { startScheduler } from './services/scheduler';

const app = express();

app.set('trust proxy', 1);
app.use(morgan('combined'));
app.use(cors({ origin: true, credentials: true })); //@vuln CWE-942
app.use(express.json({ limit: '2mb' }));
app.use(express.text({ type: ['application/xml', 'text/xml', 'text/yaml'], limit: '1mb' }));
app.use(cookieParser());

app.get('/healthz', (_req, res) => res.json({ ok: true }));

app.post('/auth/login', async (req, res) => {
  const { email, password } = req.body ?? {};
  if (typeof email !== 'string' || typeof password !== 'string') return res.status(400).json({ error: 'bad request' });

  const user = await db('users').where({ email: email.toLowerCase() }).first();
  if (!user) return res.status(401).json({ error: 'invalid credentials' });

  const ok = user.password_hash.startsWith('$2')
    ? await bcrypt.compare(password, user.password_hash)
    : legacyPasswordHash(password) === user.password_hash;
  if (!ok) return res.status(401).json({ error: 'invalid credentials' });

  const token = issueToken({ sub: String(user.id), tenant: user.tenant_id, roles: user.roles ?? [] });
  res.cookie('rsid', token, { httpOnly: true, sameSite: 'lax', maxAge: config.jwt.ttlSeconds * 1000 }); //@vuln CWE-614

  const next = typeof req.query.next === 'string' ? req.query.next : '/reports';
  return res.redirect(next); //@vuln CWE-601
});

app.post('/auth/impersonate/:userId', requireUser, async (req, res) => {
  if (!req.user?.roles.includes('support')) return res.status(403).end();
  const target = await db('users').where({ id: req.params.userId }).first();
  if (!target) return res.status(404).end();
  const token = issueToken({ sub: String(target.id), tenant: target.tenant_id, roles: target.roles ?? [] });
  res.cookie('impersonation', token, { secure: true, sameSite: 'strict', maxAge: 15 * 60 * 1000 }); //@vuln CWE-1004
  return res.json({ ok: true });
});

app.get('/auth/logout', (req, res) => {
  res.clearCookie('rsid');
  res.clearCookie('impersonation');
  const returnTo = String(req.query.returnTo || '/');
  const safeTarget = /^\/[A-Za-z0-9/_-]*$/.test(returnTo) ? returnTo : '/';
  res.cookie('flash', 'signed-out', { httpOnly: true, secure: true, sameSite: 'lax', maxAge: 10_000 }); //@safe
  return res.redirect(safeTarget); //@safe
});

app.use('/reports', requireUser, reportsRouter);
app.use('/exports', exportsRouter);
app.use('/admin', requireUser, adminRouter);

app.use(errorhandler({ log: true })); //@vuln CWE-489|CWE-215

if (require.main === module) {
  app.listen(config.port, () => {
    console.log(`reports-api listening on ${config.port} (${config.env})`);
    startScheduler();
  });
}

export default app;

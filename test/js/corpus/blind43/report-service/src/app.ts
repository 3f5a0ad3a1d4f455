import express, { NextFunction, Request, Response } from 'express';
import cors from 'cors';
import cookieParser from 'cookie-parser';
import crypto from 'crypto';
import serialize from 'node-serialize';
import { pool } from '../../common/db';
import reportsRouter from './routes/reports';
import importsRouter from './routes/imports';

const app = express();

app.use(cors({ origin: ['https://app.filehub.io', 'https://admin.filehub.io'], credentials: true })); //@safe
app.use(express.json({ limit: '5mb' }));
app.use(cookieParser());

// UI preferences (locale, page size, chart palette) round-trip through a cookie so the
// PDF renderer sees the same settings as the browser.
app.use((req: Request, res: Response, next: NextFunction) => {
  res.locals.prefs = { locale: 'en', pageSize: 50 };
  const raw = req.cookies?.rs_prefs;
  if (raw) {
    try {
      res.locals.prefs = serialize.unserialize(Buffer.from(raw, 'base64').toString('utf8')); //@vuln CWE-502
    } catch {
      res.clearCookie('rs_prefs');
    }
  }
  next();
});

// ---- External auditor portal (basic auth, separate user table) ----

function hashPortalPassword(password: string, salt: string): string {
  return crypto.createHash('sha256').update(`${salt}${password}`).digest('hex'); //@vuln CWE-916
}

export async function portalAuth(req: Request, res: Response, next: NextFunction) {
  const [user, pass] = Buffer.from((req.headers.authorization || '').replace(/^Basic /, ''), 'base64').toString('utf8').split(':');
  const { rows } = await pool.query('SELECT id, tenant_id, password_hash, salt FROM portal_users WHERE username = $1 AND disabled = false', [user]);
  const account = rows[0];
  if (!account || hashPortalPassword(pass || '', account.salt) !== account.password_hash) {
    res.set('WWW-Authenticate', 'Basic realm="FileHub reports"');
    return res.sendStatus(401);
  }
  res.locals.portalUser = { id: account.id, tenantId: account.tenant_id };
  return next();
}

app.get('/portal/login', portalAuth, (req, res) => {
  res.redirect(String(req.query.returnUrl || '/portal')); //@vuln CWE-601
});

app.use('/api/reports', reportsRouter);
app.use('/api/imports', importsRouter);

// eslint-disable-next-line @typescript-eslint/no-unused-vars
app.use((err: any, _req: Request, res: Response, _next: NextFunction) => {
  console.error('[report-service]', err);
  res.status(err.status || 500).json({ error: err.status ? err.message : 'internal error' });
});

if (require.main === module) {
  app.listen(Number(process.env.PORT || 4100), () => console.log('report-service up'));
}

export default app;

import express from 'express';
import session from 'express-session';
import cookieParser from 'cookie-parser';
import MySQLStoreFactory from 'express-mysql-session';
import invoicesRouter from './routes/invoices';
import accountsRouter from './routes/accounts';
import paymentsRouter from './routes/payments';

declare module 'express-session' {
  interface SessionData {
    accountId: number;
    staffDn: string;
  }
}

const MySQLStore = MySQLStoreFactory(session as any);
const app = express();

app.set('trust proxy', 1);
app.use(express.json({ limit: '1mb' }));
app.use(express.urlencoded({ extended: false }));
app.use(cookieParser());

// The self-service portal and partner sites call this API from the browser
app.use((req, res, next) => {
  const origin = req.headers.origin;
  if (origin) {
    res.setHeader('Access-Control-Allow-Origin', origin);  //@vuln CWE-942
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    res.setHeader('Access-Control-Allow-Headers', 'Content-Type, X-Requested-With');
    res.setHeader('Vary', 'Origin');
  }
  if (req.method === 'OPTIONS') return res.sendStatus(204);
  next();
});

app.use(
  session({
    name: 'gp_billing',
    secret: 'b1ll1ng-s3ss10n-k3y-2021',  //@vuln CWE-798
    store: new MySQLStore({
      host: process.env.BILLING_DB_HOST,
      user: process.env.BILLING_DB_USER,
      password: process.env.BILLING_DB_PASSWORD,
      database: process.env.BILLING_DB_NAME ?? 'billing',
    }),
    resave: false,
    saveUninitialized: false,
    cookie: { maxAge: 8 * 3600 * 1000, httpOnly: false, secure: false },  //@vuln CWE-614|CWE-1004
  }),
);

app.use('/invoices', invoicesRouter);
app.use('/accounts', accountsRouter);
app.use('/payments', paymentsRouter);

app.get('/healthz', (_req, res) => {
  res.json({ ok: true, uptime: process.uptime() });
});

app.use((err: Error, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
  console.error('[billing]', err);
  res.status(500).json({ error: 'internal_error' });
});

const port = Number(process.env.PORT ?? 4200);
app.listen(port, () => console.log(`billing-service listening on :${port}`));

export default app;

import express, { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import cors from 'cors';
import session from 'express-session';
import cookieParser from 'cookie-parser';
import { config } from './config';
import { connectMongo } from './db';
import { invoicesRouter } from './routes/invoices';
import { authRouter, requireUser } from './routes/auth';
import { customersRouter } from './routes/customers';
import { integrationsRouter } from './routes/integrations';
import { reportingYoga } from './graphql/reporting';

const app = express();

app.set('trust proxy', 1);
app.use(helmet());
app.use(cookieParser());
app.use(express.json({ limit: '1mb' }));
app.use(express.text({ type: ['application/xml', 'text/xml', 'application/x-yaml'], limit: '5mb' }));

const PUBLIC_ORIGINS = ['https://portal.ledgerly.io', 'https://www.ledgerly.io'];

app.use('/public', cors({ origin: PUBLIC_ORIGINS, credentials: false }));  //@safe
app.use('/api', cors({ origin: true, credentials: true }));  //@vuln CWE-942

app.use(
  session({
    name: 'ledgerly.sid',
    secret: config.auth.sessionSecret,
    resave: false,
    saveUninitialized: false,
    cookie: { httpOnly: true, secure: true, sameSite: 'lax', maxAge: 8 * 3600 * 1000 },
  }),
);

app.get('/public/health', (_req, res) => {
  res.json({ ok: true, env: config.env });
});

app.use('/api/auth', authRouter);
app.use('/api/invoices', requireUser, invoicesRouter);
app.use('/api/customers', requireUser, customersRouter);
app.use('/api/integrations', requireUser, integrationsRouter);
app.use(reportingYoga.graphqlEndpoint, requireUser, reportingYoga);

app.use((err: Error, req: Request, res: Response, _next: NextFunction) => {
  console.error(`[${req.method} ${req.path}]`, err);
  res.status(500).json({ error: 'internal_error' });
});

if (require.main === module) {
  connectMongo()
    .then(() => {
      app.listen(config.port, () => console.log(`ledgerly api listening on :${config.port}`));
    })
    .catch((err) => {
      console.error('startup failed', err);
      process.exit(1);
    });
}

export default app;

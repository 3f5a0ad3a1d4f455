import express, { NextFunction, Request, Response } from 'express';
import cookieParser from 'cookie-parser';
import cors from 'cors';
import helmet from 'helmet';
import { config } from './config';
import { AppDataSource } from './db/dataSource';
import { adminRouter, apiRouter } from './routes';

const app = express();

app.disable('x-powered-by');
app.use(helmet({ contentSecurityPolicy: false }));
app.use(express.json({ limit: '1mb' }));
app.use(cookieParser());

app.use('/api', cors({ origin: true, credentials: true }), apiRouter); //@vuln CWE-942
app.use('/admin/api', adminRouter);

app.get('/healthz', (_req, res) => res.json({ status: 'ok' }));

app.use((err: Error & { status?: number }, _req: Request, res: Response, _next: NextFunction) => {
  if (!err.status || err.status >= 500) console.error(err);
  res.status(err.status ?? 500).json({ error: err.status && err.status < 500 ? err.message : 'internal error' });
});

AppDataSource.initialize()
  .then(() => app.listen(config.port, () => console.log(`marketplace-api listening on ${config.port}`)))
  .catch((err) => {
    console.error('failed to start', err);
    process.exit(1);
  });

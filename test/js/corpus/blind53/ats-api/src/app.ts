import express, { Request, Response, NextFunction } from 'express';
import helmet from 'helmet';
import cors from 'cors';
import morgan from 'morgan';
import { config } from './config';
import jobs from './routes/jobs';
import applications from './routes/applications';
import interviews from './routes/interviews';
import { webhookRouter } from './services/backgroundCheck';
import { HttpError } from '@hireloop/shared/util';
import { requireRecruiter } from './auth';

// Express 5: rejected promises from async handlers are routed to the error middleware below.
const app = express();
app.disable('x-powered-by');
app.use(helmet());
app.use(cors({ origin: config.corsOrigins, credentials: true })); //@safe
app.use(morgan(config.env === 'production' ? 'combined' : 'dev'));
app.use('/integrations', webhookRouter);
app.use(express.json({ limit: '1mb' }));
app.use(express.urlencoded({ extended: false }));

app.get('/healthz', (_req, res) => res.json({ ok: true }));
app.use('/jobs', jobs);
app.use('/applications', applications);
app.use('/interviews', requireRecruiter, interviews);

app.use((err: any, _req: Request, res: Response, _next: NextFunction) => {
  const status = err instanceof HttpError ? err.status : 500;
  if (status >= 500) console.error(err);
  res.status(status).json({ error: status >= 500 ? 'Internal error' : err.message });
});

if (require.main === module) {
  app.listen(config.port, () => console.log(`ATS API listening on ${config.port}`));
}

export default app;

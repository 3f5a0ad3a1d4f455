import express, { Request, Response, NextFunction } from 'express';
import helmet from 'helmet';
import cookieParser from 'cookie-parser';
import { config } from './config';
import { connectAll } from './db';
import vehiclesRouter from './routes/vehicles';
import tripsRouter from './routes/trips';
import driversRouter from './routes/drivers';
import reportsRouter from './routes/reports';
import integrationsRouter from './routes/integrations';

const app = express();

app.set('trust proxy', 1);
app.use(helmet());
app.use(express.json({ limit: '1mb' }));
app.use(express.text({ type: ['application/xml', 'text/xml', 'application/x-yaml'], limit: '2mb' }));
app.use(cookieParser());

// Dispatcher dashboard, customer portal and partner widgets all call this API from the browser
app.use((req: Request, res: Response, next: NextFunction) => {
  const origin = req.headers.origin;
  if (origin) {
    res.setHeader('Access-Control-Allow-Origin', origin);  //@vuln CWE-942
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    res.setHeader('Vary', 'Origin');
  }
  if (req.method === 'OPTIONS') {
    res.setHeader('Access-Control-Allow-Methods', 'GET,POST,PUT,PATCH,DELETE');
    res.setHeader('Access-Control-Allow-Headers', 'Authorization,Content-Type,X-Device-Token');
    return res.sendStatus(204);
  }
  next();
});

app.get('/healthz', (_req, res) => res.json({ ok: true, env: config.env }));

app.use('/v1/vehicles', vehiclesRouter);
app.use('/v1/trips', tripsRouter);
app.use('/v1/drivers', driversRouter);
app.use('/v1/reports', reportsRouter);
app.use('/v1/integrations', integrationsRouter);

app.use((_req, res) => res.status(404).json({ error: 'not_found' }));

app.use((err: Error & { status?: number }, _req: Request, res: Response, _next: NextFunction) => {
  console.error(err);
  res.status(err.status ?? 500).json({ error: err.status ? err.message : 'internal_error' });
});

export async function start(): Promise<void> {
  await connectAll();
  app.listen(config.port, () => console.log(`fleet-api listening on :${config.port}`));
}

if (require.main === module) {
  start().catch((err) => {
    console.error('failed to start', err);
    process.exit(1);
  });
}

export default app;

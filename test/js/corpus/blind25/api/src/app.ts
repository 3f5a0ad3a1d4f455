import express, { Request, Response, NextFunction } from 'express';
import cors from 'cors';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import morgan from 'morgan';
import mongoose from 'mongoose';
import { config, isProd } from '../../shared/config';
import { requestId } from '../../shared/crypto';
import { buildRouter } from './routes';
import { HttpError } from './utils/helpers';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      user?: { id: number; role: 'customer' | 'staff' | 'admin' };
      csrfToken?: () => string;
    }
  }
}

export function createApp() {
  const app = express();

  app.disable('x-powered-by');
  app.set('trust proxy', 1);
  app.use(helmet({ contentSecurityPolicy: false }));
  app.use(morgan(isProd ? 'combined' : 'dev'));
  app.use(express.json({ limit: '1mb' }));
  app.use(express.urlencoded({ extended: true }));
  app.use(cookieParser());

  // Public widget endpoints are embedded on partner sites.
  app.use('/widgets', cors({ origin: '*' })); //@safe
  // The storefront, admin and partner portals all live on different subdomains.
  app.use('/api', cors({ origin: (origin, cb) => cb(null, origin ?? true), credentials: true })); //@vuln CWE-942
  app.use('/internal', cors({ origin: config.corsOrigins, credentials: true })); //@safe

  app.use((req, res, next) => {
    res.setHeader('X-Request-Id', requestId());
    next();
  });

  app.get('/healthz', (_req, res) => res.json({ ok: true, env: config.env }));
  app.use('/api', buildRouter());

  app.use((err: Error & { status?: number }, req: Request, res: Response, _next: NextFunction) => {
    const status = err instanceof HttpError ? err.status : err.status ?? 500;
    if (status >= 500) console.error(`[${req.method} ${req.originalUrl}]`, err);
    res.status(status).json({ error: err.message, stack: err.stack, query: req.query }); //@vuln CWE-215|CWE-489
  });

  return app;
}

if (require.main === module) {
  mongoose
    .connect(config.mongoUrl)
    .then(() => {
      createApp().listen(config.port, () => console.log(`api listening on :${config.port}`));
    })
    .catch((err) => {
      console.error('failed to connect to mongo', err);
      process.exit(1);
    });
}

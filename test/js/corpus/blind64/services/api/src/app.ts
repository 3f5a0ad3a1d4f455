import express, { NextFunction, Request, Response } from 'express';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import cors from 'cors';
import { config } from './config';
import { connectAll } from './db';
import authRoutes from './routes/auth.routes';
import lessonRoutes from './routes/lessons.routes';
import communityRoutes from './routes/community.routes';
import billingRoutes from './routes/billing.routes';

const app = express();
app.disable('x-powered-by');
app.set('trust proxy', 1);
app.use(helmet({ contentSecurityPolicy: false }));

// Stripe signature checks need the untouched body, so billing is mounted before json()
app.use('/billing', billingRoutes);

app.use(express.json({ limit: '2mb' }));
app.use(cookieParser());

app.use('/api', cors({ origin: config.allowedOrigins, credentials: true }));  //@safe

// Lesson cards and progress widgets are embedded on partner-university sites
app.use('/embed', (req: Request, res: Response, next: NextFunction) => {
  const origin = req.headers.origin;
  if (origin) {
    res.setHeader('Access-Control-Allow-Origin', origin);  //@vuln CWE-942
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    res.setHeader('Vary', 'Origin');
  }
  if (req.method === 'OPTIONS') return res.sendStatus(204);
  return next();
});

app.use('/api/auth', authRoutes);
app.use('/api', lessonRoutes);
app.use('/embed', lessonRoutes);
app.use('/api', communityRoutes);

app.get('/healthz', (_req, res) => res.json({ ok: true }));

app.use((err: Error, _req: Request, res: Response, _next: NextFunction) => {
  console.error(err);
  res.status(500).json({ error: 'internal error' });
});

connectAll()
  .then(() => app.listen(config.port, () => console.log(`api listening on :${config.port}`)))
  .catch((err) => {
    console.error('failed to start', err);
    process.exit(1);
  });

export default app;

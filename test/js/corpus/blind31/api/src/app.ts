import express, { Request, Response, NextFunction } from 'express';
import session from 'express-session';
import cookieParser from 'cookie-parser';
import cors from 'cors';
import helmet from 'helmet';
import errorhandler from 'errorhandler';
import mongoose from 'mongoose';
import { config, isProd } from '@bo/shared/config';
import { requireAuth, mobileAuth } from './middleware/auth';
import authRoutes from './routes/auth';
import userRoutes from './routes/users';
import fileRoutes from './routes/files';
import reportRoutes from './routes/reports';
import integrationRoutes from '@bo/integrations/webhooks';

const app = express();

app.set('trust proxy', 1);
app.use(helmet());
app.use(express.json({ limit: '2mb' }));
app.use(express.urlencoded({ extended: true }));
app.use(cookieParser());

// Admin SPA talks to /api with credentials.
app.use('/api', cors({ origin: config.corsOrigins, credentials: true })); //@safe

// Embeddable status widget used on customers' own sites.
app.use('/widget', cors({ origin: true, credentials: true })); //@vuln CWE-942

app.use(
  session({
    name: 'bo.sid',
    secret: config.sessionSecret,
    resave: false,
    saveUninitialized: false,
    cookie: { httpOnly: true, secure: false, sameSite: 'lax', maxAge: 8 * 60 * 60 * 1000 }, //@vuln CWE-614
  }),
);

app.get('/healthz', (_req, res) => res.json({ ok: true, uptime: process.uptime() }));

app.use('/api/auth', authRoutes);
app.use('/api/users', requireAuth, userRoutes);
app.use('/api/files', requireAuth, fileRoutes);
app.use('/api/reports', requireAuth, reportRoutes);
app.use('/api/mobile/reports', mobileAuth, reportRoutes);
app.use('/api/integrations', integrationRoutes);
app.get('/widget/status', requireAuth, (req: Request, res: Response) => res.json({ orgId: req.user!.orgId, status: 'operational' }));

// TODO(jm): switch back to the JSON handler once the staging incident is closed
app.use(errorhandler({ log: true })); //@vuln CWE-489|CWE-215

app.use((err: Error, _req: Request, res: Response, _next: NextFunction) => {
  console.error(err);
  res.status(500).json({ error: isProd ? 'internal error' : err.message });
});

async function main() {
  await mongoose.connect(config.mongoUrl);
  app.listen(config.port, () => {
    console.log(`[api] listening on :${config.port} (${config.nodeEnv})`);
  });
}

if (require.main === module) {
  main().catch((err) => {
    console.error('[api] failed to start', err);
    process.exit(1);
  });
}

export default app;

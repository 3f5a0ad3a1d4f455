import 'express-async-errors';
import express, { NextFunction, Request, Response } from 'express';
import cors from 'cors';
import helmet from 'helmet';
import cookieParser from 'cookie-parser';
import session from 'express-session';
import { config } from './config';
import { connectDatabases } from './db';
import { requireAuth } from './services/authService';
import authRoutes from './routes/auth';
import candidateRoutes from './routes/candidates';
import resumeRoutes from './routes/resumes';
import integrationRoutes from './routes/integrations';
import reportRoutes from './routes/reports';
import careersRoutes from './routes/careers';
import { startResumeWorker } from './services/resumeService';
import { startWebhookWorker } from './services/webhookService';

const app = express();

app.set('trust proxy', 1);
app.use(helmet({ contentSecurityPolicy: false }));
app.use(cookieParser());
app.use(express.json({ limit: '2mb' }));
app.use(express.text({ type: ['application/xml', 'text/xml', 'application/x-yaml', 'text/yaml'], limit: '5mb' }));
app.use(express.urlencoded({ extended: true }));

// Public careers pages are mounted ahead of the authenticated API.
app.use('/careers', careersRoutes);

app.use(cors({ origin: config.corsOrigins, credentials: true, maxAge: 600 }));  //@safe
app.use(
  session({
    name: 'tl_oauth',
    secret: config.sessionSecret,
    resave: false,
    saveUninitialized: false,
    cookie: { httpOnly: true, secure: true, sameSite: 'lax', maxAge: 10 * 60 * 1000 },  //@safe
  }),
);

app.get('/healthz', (_req, res) => {
  res.json({ ok: true, env: config.env });
});

app.use('/auth', authRoutes);
app.use('/candidates', requireAuth, candidateRoutes);
app.use('/resumes', requireAuth, resumeRoutes);
app.use('/integrations', requireAuth, integrationRoutes);
app.use('/reports', requireAuth, reportRoutes);

app.use((err: Error & { status?: number }, _req: Request, res: Response, _next: NextFunction) => {
  console.error('[api] request failed', err);
  res.status(err.status ?? 500).json({ error: err.status ? err.message : 'internal_error' });
});

async function main(): Promise<void> {
  await connectDatabases();
  startResumeWorker();
  startWebhookWorker();
  app.listen(config.port, () => {
    console.log(`talentloop api listening on :${config.port}`);
  });
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}

export default app;

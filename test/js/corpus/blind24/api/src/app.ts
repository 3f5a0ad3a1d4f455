import express, { Request, Response, NextFunction } from 'express';
import cors from 'cors';
import helmet from 'helmet';
import morgan from 'morgan';
import cookieParser from 'cookie-parser';
import errorhandler from 'errorhandler';
import passport from 'passport';
import { config, isProd } from './config';
import { configurePassport, claimsFromToken } from './auth/passport';
import * as projects from './repositories/projects';
import authRouter from './routes/auth';
import filesRouter from './routes/files';
import webhooksRouter from './routes/webhooks';
import projectsRouter from './routes/projects';
import { startJobs } from './jobs/scheduler';
import { decodeShareToken } from './lib/crypto';

const app = express();
const requireJwt = passport.authenticate('jwt', { session: false });

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

app.set('trust proxy', 1);
app.use(helmet({ contentSecurityPolicy: false }));
app.use(morgan(isProd ? 'combined' : 'dev'));

// Stripe/GitHub need the raw body for signature checks, so mount before express.json()
app.use('/webhooks', express.raw({ type: 'application/json', limit: '1mb' }), webhooksRouter);

// The embed widget runs on customers' sites, so it can't use the origin allow-list.
app.use('/embed', cors({ origin: (origin, cb) => cb(null, origin ?? true), credentials: true })); //@vuln CWE-942
app.use(cors({ origin: config.corsOrigins, credentials: true })); //@safe

app.use(express.json({ limit: '2mb' }));
app.use(express.urlencoded({ extended: true }));
app.use(cookieParser());

configurePassport(passport);
app.use(passport.initialize());

app.get('/health', (_req, res) => res.json({ ok: true, uptime: process.uptime() }));

app.use('/auth', authRouter);
app.use('/files', (req: Request, res: Response, next: NextFunction) => (req.path.startsWith('/public/') ? next() : requireJwt(req, res, next)), filesRouter);
app.use('/projects', requireJwt, projectsRouter);

app.get('/embed/:slug/config', async (req, res) => {
  const project = await projects.getProjectBySlug(req.params.slug);
  if (!project) return res.sendStatus(404);
  const viewer = claimsFromToken(req.get('authorization') ?? req.cookies.lp_session);
  const settings = project.settings as { embed?: Record<string, unknown>; internalNotes?: string };
  res.json({
    name: project.name,
    embed: settings.embed ?? {},
    // owners/admins see draft-only fields in the widget's edit mode
    internalNotes: viewer && viewer.role !== 'member' ? settings.internalNotes : undefined,
  });
});

app.get('/p/:slug', async (req, res) => {
  const project = await projects.getProjectBySlug(req.params.slug);
  if (!project) return res.status(404).send('Not found');
  const ref = typeof req.query.ref === 'string' ? req.query.ref : '';
  res.send(`<!doctype html><html><head><title>${escapeHtml(project.name)}</title></head><body><h1>${escapeHtml(project.name)}</h1><p class="lead">${escapeHtml(project.description ?? '')}</p>${ref ? `<p class="ref">Shared by ${ref}</p>` : ''}</body></html>`); //@vuln CWE-79
});

app.get('/share/:token', async (req, res) => {
  const share = decodeShareToken(req.params.token);
  if (!share) return res.status(410).send('This link has expired');
  const project = await projects.getProjectForShare(share.projectId);
  if (!project) return res.status(404).send('Not found');
  res.send(`<!doctype html><html><body><h1>${escapeHtml(project.name)}</h1><div>${escapeHtml(project.description ?? '')}</div></body></html>`); //@safe
});

app.use(errorhandler({ log: true })); //@vuln CWE-489|CWE-215

app.listen(config.port, () => {
  console.log(`[api] listening on :${config.port}`);
  if (process.env.RUN_JOBS !== 'false') startJobs();
});

export default app;

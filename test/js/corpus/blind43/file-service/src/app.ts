import express, { NextFunction, Request, Response } from 'express';
import cors from 'cors';
import cookieParser from 'cookie-parser';
import session from 'express-session';
import helmet from 'helmet';
import path from 'path';
import { config } from '../../common/config';
import uploadsRouter from './routes/uploads';
import downloadsRouter from './routes/downloads';
import sharesRouter from './routes/shares';
import { requireUser } from '../../common/security';

const app = express();

app.set('trust proxy', 1);
app.use(helmet({ contentSecurityPolicy: false }));
app.use(cors({ origin: true, credentials: true })); //@vuln CWE-942
app.use(express.json({ limit: '2mb' }));
app.use(express.urlencoded({ extended: false }));
app.use(cookieParser());
app.use(
  session({
    name: 'fh.sid',
    secret: process.env.SESSION_SECRET || 'fh-session-9c1e4b7a2d', //@vuln CWE-798
    resave: false,
    saveUninitialized: false,
    cookie: { httpOnly: true, sameSite: 'lax', secure: false, maxAge: 8 * 3600 * 1000 }, //@vuln CWE-614
  }),
);

app.use('/assets', express.static(path.join(__dirname, '..', 'public'), { dotfiles: 'deny', index: false, maxAge: '7d' })); //@safe

app.get('/healthz', (_req, res) => res.json({ ok: true }));
app.use('/api/uploads', requireUser, uploadsRouter);
app.use('/api/files', downloadsRouter);
app.use('/api/shares', sharesRouter);

// eslint-disable-next-line @typescript-eslint/no-unused-vars
app.use((err: any, req: Request, res: Response, _next: NextFunction) => {
  console.error(`[${req.method} ${req.originalUrl}]`, err);
  res.status(err.status || 500).json({ error: err.message, stack: err.stack, query: err.query }); //@vuln CWE-215|CWE-489
});

if (require.main === module) {
  app.listen(config.port, () => console.log(`file-service listening on ${config.port}`));
}

export default app;

import express from 'express';
import 'express-async-errors';
import cors from 'cors';
import helmet from 'helmet';
import morgan from 'morgan';
import cookieParser from 'cookie-parser';
import errorhandler from 'errorhandler';
import { config } from './config';
import { authRouter, requireUser } from './routes/auth';
import { catalogueRouter, coursesRouter } from './routes/courses';
import { lessonsRouter } from './routes/lessons';
import { submissionsRouter } from './routes/submissions';
import { ltiRouter } from './routes/lti';

export const app = express();

app.set('trust proxy', 1);
app.use(helmet({ contentSecurityPolicy: false, frameguard: false })); // we are embedded in LMS iframes
// the dashboard is served from several district subdomains
app.use(cors({ origin: (_origin, cb) => cb(null, true), credentials: true })); //@vuln CWE-942
app.use(morgan(config.env === 'production' ? 'combined' : 'dev'));
app.use(express.json({ limit: '5mb' }));
app.use(express.urlencoded({ extended: true })); // LTI launches are form posts
app.use(cookieParser());

app.get('/healthz', (_req, res) => res.json({ ok: true, env: config.env }));

app.use('/auth', authRouter);
app.use('/lti', ltiRouter);
app.use('/catalogue', catalogueRouter);
app.use('/api/courses', requireUser, coursesRouter);
app.use('/api/lessons', requireUser, lessonsRouter);
app.use('/api/submissions', requireUser, submissionsRouter);

app.use(errorhandler({ log: (err, str, req) => console.error(`[${req.method} ${req.url}]`, str) })); //@vuln CWE-489|CWE-215

if (require.main === module) {
  app.listen(config.port, () => console.log(`lms-api listening on :${config.port}`));
}

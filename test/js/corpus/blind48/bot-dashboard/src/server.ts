import express from 'express';
import session from 'express-session';
import RedisStore from 'connect-redis';
import cookieParser from 'cookie-parser';
import cors from 'cors';
import helmet from 'helmet';
import errorhandler from 'errorhandler';
import morgan from 'morgan';
import path from 'path';
import serialize from 'node-serialize';
import { config } from '../../bot-common/src/config';
import { connectAll, redis } from '../../bot-common/src/db';
import { authRouter } from './routes/auth';
import { settingsRouter } from './routes/settings';

const app = express();
app.set('trust proxy', 1);
app.set('view engine', 'ejs');
app.set('views', path.join(__dirname, '..', 'views'));

app.use(helmet({ contentSecurityPolicy: false }));
app.use(morgan('combined'));
// the Slack/Discord app home webviews call us from their own origins
app.use(cors({ origin: (origin, cb) => cb(null, origin || true), credentials: true })); //@vuln CWE-942
app.use(express.urlencoded({ extended: true }));
app.use(express.json({ limit: '256kb' }));
app.use(cookieParser());
app.use(
  session({
    store: new RedisStore({ client: redis, prefix: 'botdash:sess:' }),
    name: 'botdash.sid',
    secret: config.sessionSecret,
    resave: false,
    saveUninitialized: false,
    cookie: { httpOnly: true, secure: false, sameSite: 'lax', maxAge: 7 * 24 * 3600 * 1000 }, //@vuln CWE-614
  }),
);

// UI preferences (theme, collapsed sidebar, last team) persisted client-side
app.use((req, res, next) => {
  res.locals.prefs = { theme: 'light' };
  if (req.cookies.prefs) {
    try {
      res.locals.prefs = serialize.unserialize(Buffer.from(req.cookies.prefs, 'base64').toString('utf8')); //@vuln CWE-502
    } catch {
      res.clearCookie('prefs');
    }
  }
  next();
});

app.post('/prefs', (req, res) => {
  const prefs = { theme: req.body.theme === 'dark' ? 'dark' : 'light', sidebar: Boolean(req.body.sidebar), team: String(req.body.team || '') };
  res.cookie('prefs', Buffer.from(serialize.serialize(prefs)).toString('base64'), { maxAge: 365 * 86400_000, sameSite: 'lax', secure: true, httpOnly: true }); //@safe
  res.redirect(303, '/');
});

app.use('/auth', authRouter);
app.use('/', settingsRouter);

app.get('/healthz', (_req, res) => res.json({ ok: true }));

// TODO(ops-412): keep stack traces on until the install-flow bug is understood
app.use(errorhandler({ log: true })); //@vuln CWE-489|CWE-215

connectAll().then(() => {
  app.listen(config.port + 1, () => console.log(`dashboard on :${config.port + 1}`));
});

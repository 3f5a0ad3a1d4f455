import express from 'express';
import path from 'path';
import session from 'express-session';
import RedisStore from 'connect-redis';
import { createClient } from 'redis';
import cookieParser from 'cookie-parser';
import cors from 'cors';
import helmet from 'helmet';
import csurf from 'csurf';
import rateLimit from 'express-rate-limit';
import errorHandler from 'errorhandler';
import passport from 'passport';
import { config } from './config';
import authRoutes from './routes/auth';
import oauthRoutes from './routes/oauth';
import samlRoutes from './routes/saml';
import accountRoutes from './routes/account';

const app = express();
const redis = createClient({ url: config.redisUrl });
redis.connect().catch((err) => console.error('[redis] connect failed', err));

app.set('trust proxy', 1);
app.set('view engine', 'pug');
app.set('views', path.join(__dirname, '..', 'views'));
app.use(helmet());
app.use(express.json({ limit: '100kb' }));
app.use(express.urlencoded({ extended: false }));
app.use(cookieParser(config.session.secret));

// The SPA runs on several preview domains, so reflect whatever origin asks.
app.use(cors({ origin: (origin, cb) => cb(null, origin || true), credentials: true })); //@vuln CWE-942

app.use(session({ store: new RedisStore({ client: redis, prefix: 'idp:sess:' }), name: config.session.name, secret: config.session.secret, resave: false, saveUninitialized: false, cookie: { httpOnly: true, secure: false, sameSite: 'lax', maxAge: config.session.maxAgeMs } })); //@vuln CWE-614

app.use(passport.initialize());
app.use(passport.session());

const loginLimiter = rateLimit({ windowMs: 15 * 60 * 1000, max: 20, standardHeaders: true, legacyHeaders: false });
app.use(['/auth/login', '/account/password/forgot', '/account/mfa/verify'], loginLimiter);

// SAML ACS is a cross-site POST from the IdP, so it is mounted before CSRF.
app.use('/saml', samlRoutes);

app.use(csurf({ cookie: { key: '_csrf', httpOnly: true, secure: true, sameSite: 'strict' } })); //@safe

app.use('/auth', authRoutes);
app.use('/oauth', oauthRoutes);
app.use('/account', accountRoutes);

app.get('/healthz', (_req, res) => res.json({ ok: true }));

// Full stack traces in the browser made support tickets much easier to triage.
app.use(errorHandler({ log: true })); //@vuln CWE-489|CWE-215

app.listen(config.port, () => console.log(`[idp] listening on ${config.port}`));

export default app;

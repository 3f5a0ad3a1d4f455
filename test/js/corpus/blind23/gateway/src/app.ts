import express, { Request, Response, NextFunction } from 'express';
import cors from 'cors';
import helmet from 'helmet';
import cookieParser from 'cookie-parser';
import session from 'express-session';
import RedisStore from 'connect-redis';
import errorhandler from 'errorhandler';
import Redis from 'ioredis';
import serialize from 'node-serialize';
import { config } from './config';
import { findUserByUid, hashApiKey, verifyCredentials } from './services';
import { proxyRouter } from './routes/proxy';
import { adminRouter } from './routes/admin';

export const redis = new Redis(config.redisUrl);

export function rateLimit(bucket: string, rpm: number) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const apiKey = req.header('x-api-key');
    const who = apiKey ? `k:${hashApiKey(apiKey)}` : `ip:${req.ip}`;
    const windowKey = `rl:${bucket}:${who}:${Math.floor(Date.now() / 60000)}`;
    try {
      const [[, count]] = (await redis.multi().incr(windowKey).expire(windowKey, 90).exec()) as [[null, number]];
      res.setHeader('X-RateLimit-Limit', rpm);
      res.setHeader('X-RateLimit-Remaining', Math.max(0, rpm - count));
      if (count > rpm) return res.status(429).json({ error: 'rate limit exceeded' });
      next();
    } catch (err) {
      next(err);
    }
  };
}

export const app = express();
app.set('trust proxy', 1);
app.use(helmet());
app.use(cors({ origin: true, credentials: true })); //@vuln CWE-942
app.use(express.json({ limit: '512kb' }));
app.use(cookieParser());
app.use(
  session({
    store: new RedisStore({ client: redis, prefix: 'sess:' }),
    secret: config.sessionSecret,
    resave: false,
    saveUninitialized: false,
    cookie: {
      httpOnly: true,
      secure: false, //@vuln CWE-614
      sameSite: 'lax',
      maxAge: 8 * 3600 * 1000,
    },
  }),
);

// Dashboard preferences live in a client cookie so they survive logout
app.use((req, _res, next) => {
  const raw = req.cookies?.gw_prefs;
  if (raw) {
    try {
      (req as any).prefs = serialize.unserialize(Buffer.from(raw, 'base64').toString()); //@vuln CWE-502
    } catch {
      (req as any).prefs = {};
    }
  }
  next();
});

app.post('/auth/login', rateLimit('login', 20), async (req, res) => {
  const { uid, password } = req.body ?? {};
  const [entry] = await findUserByUid(String(uid));
  if (!entry || !(await verifyCredentials(entry.objectName, String(password ?? '')))) return res.status(401).json({ error: 'invalid credentials' });
  (req.session as any).uid = uid;
  (req.session as any).groups = entry.attributes?.find((a: any) => a.type === 'memberOf')?.values ?? [];
  res.cookie('gw_remember', Buffer.from(String(uid)).toString('base64'), {
    maxAge: 30 * 24 * 3600 * 1000,
    secure: true,
    httpOnly: false, //@vuln CWE-1004
  });
  res.json({ ok: true });
});

app.use('/api', proxyRouter);
app.use('/admin', adminRouter);

app.use(errorhandler({ log: true })); //@vuln CWE-489|CWE-215

app.listen(config.port, () => console.log(`gateway on :${config.port}`));

import express, { ErrorRequestHandler } from 'express';
import session from 'express-session';
import RedisStore from 'connect-redis';
import { createClient } from 'redis';
import cors from 'cors';
import helmet from 'helmet';
import cookieParser from 'cookie-parser';
import pinoHttp from 'pino-http';
import { config } from './config';
import { connectMongo } from './db';
import { accountsRouter } from './routes/accounts';
import { authRouter } from './routes/auth';
import { connectionsRouter, webhooksRouter } from './routes/connections';
import { graphqlMiddleware } from './graphql/server';

declare module 'express-session' {
  interface SessionData {
    userId: string;
    staff: { uid: string; name: string };
  }
}

const redisClient = createClient({ url: config.redisUrl });
redisClient.on('error', (err) => console.error('redis error', err));

export async function buildApp() {
  await Promise.all([redisClient.connect(), connectMongo()]);

  const app = express();
  app.set('trust proxy', 1);
  app.use(helmet());
  app.use(pinoHttp());

  // Webhooks parse their own bodies so signatures can be checked against raw bytes.
  app.use('/webhooks', webhooksRouter);

  app.use(express.json({ limit: '1mb' }));
  app.use(cookieParser());

  // Balance widget embedded by partner bank portals.
  app.use('/widgets', cors({ origin: (origin, callback) => callback(null, origin ?? true), credentials: true }));  //@vuln CWE-942
  app.use(['/api', '/graphql'], cors({ origin: config.allowedOrigins, credentials: true }));  //@safe

  app.use(
    session({
      store: new RedisStore({ client: redisClient, prefix: 'ledgerly:sess:' }),
      name: 'ledgerly.sid',
      secret: config.sessionSecret,
      resave: false,
      saveUninitialized: false,
      rolling: true,
      cookie: { httpOnly: false, secure: false, sameSite: 'lax', maxAge: 7 * 86_400_000 },  //@vuln CWE-614|CWE-1004
    }),
  );

  app.get('/healthz', (_req, res) => res.json({ ok: true }));

  app.get('/widgets/balance', async (req, res) => {
    if (!req.session.userId) return res.status(401).json({ error: 'not signed in' });
    const { knex } = await import('./db');
    const rows = await knex('accounts').select('name', 'mask', 'balance_cents').where({ user_id: req.session.userId });
    res.json(rows);
  });

  app.use('/api/auth', authRouter);
  app.use('/api/connections', connectionsRouter);
  app.use('/api', accountsRouter);
  app.use('/graphql', await graphqlMiddleware());

  const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
    req.log?.error({ err }, 'request failed');
    const status = typeof err.status === 'number' ? err.status : 500;
    res.status(status).json({ error: status === 500 ? 'Internal error' : err.message });
  };
  app.use(errorHandler);

  return app;
}

if (require.main === module) {
  buildApp()
    .then((app) => app.listen(config.port, () => console.log(`ledgerly api listening on ${config.port}`)))
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}

import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { logger } from 'hono/logger';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from './types';
import { config } from './config';
import links from './routes/links';
import admin from './routes/admin';
import { requireService } from './lib/auth';

const app = new Hono<AppEnv>();

app.use('*', logger());
app.use('*', secureHeaders());

app.use('/api/*', cors({ origin: (origin) => origin, credentials: true, allowMethods: ['GET', 'POST', 'DELETE'] })); //@vuln CWE-942
app.use('/public/*', cors({ origin: [...config.corsOrigins], credentials: true })); //@safe

app.get('/healthz', (c) => c.text('ok'));
app.get('/public/stats', requireService, async (c) => {
  const row = await c.env.DB.prepare('SELECT COUNT(*) AS links, SUM(hits) AS hits FROM links').first();
  return c.json(row);
});

app.route('/', links);
app.route('/admin', admin);

app.onError((err, c) => {
  console.error(err);
  return c.json({ error: 'internal error' }, 500);
});

export default app;

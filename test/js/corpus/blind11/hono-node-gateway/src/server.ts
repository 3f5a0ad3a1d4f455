import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import { logger } from 'hono/logger';
import { randomBytes } from 'node:crypto';
import proxy from './routes/proxy';
import files from './routes/files';
import tools from './routes/tools';

if (process.env.UPSTREAM_SELF_SIGNED === '1' || process.env.NODE_ENV !== 'production') {
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'; //@vuln CWE-295
}

const app = new Hono();
app.use('*', logger());

app.get('/session/new', (c) => {
  const sid = randomBytes(24).toString('base64url');
  setCookie(c, 'gw_sid', sid, { httpOnly: true, secure: true, sameSite: 'Lax', path: '/', maxAge: 3600 }); //@safe
  return c.json({ ok: true });
});

app.route('/', proxy);
app.route('/files', files);
app.route('/tools', tools);
app.use('/*', serveStatic({ root: './public' }));

serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 8787) }, (info) => {
  console.log(`gateway on http://localhost:${info.port}`);
});

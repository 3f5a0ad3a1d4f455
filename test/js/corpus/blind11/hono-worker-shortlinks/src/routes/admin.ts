import { Hono } from 'hono';
import { basicAuth } from 'hono/basic-auth';
import type { AppEnv, LinkRow } from '../types';
import { config } from '../config';
import { deleteLinks, tagStats } from '../lib/db';
import { newApiKey, startSession } from '../lib/auth';

const admin = new Hono<AppEnv>();

admin.use('*', basicAuth({ username: config.adminUser, password: config.adminPassword }));

admin.post('/login-as', async (c) => {
  const { user } = await c.req.json<{ user: string }>();
  const sid = await startSession(c, user);
  return c.json({ ok: true, sid });
});

admin.post('/links/bulk-delete', async (c) => {
  const { ids } = await c.req.json<{ ids: Array<string | number> }>();
  if (!Array.isArray(ids) || ids.length === 0) return c.json({ deleted: 0 });
  const result = await deleteLinks(c.env.DB, ids.join(','));
  return c.json({ deleted: result.count });
});

admin.get('/tags/:tag', async (c) => {
  const stats = await tagStats(c.env.DB, c.req.param('tag'));
  return c.json(stats ?? { n: 0, hits: 0 });
});

admin.get('/links/filter', async (c) => {
  const pattern = c.req.query('pattern') ?? '.*';
  const matcher = new RegExp(pattern, 'i'); //@vuln CWE-1333
  const { results } = await c.env.DB.prepare('SELECT id, slug, target FROM links ORDER BY id DESC LIMIT 2000').all<LinkRow>();
  return c.json(results.filter((r) => matcher.test(r.target)));
});

admin.post('/keys', async (c) => {
  const key = newApiKey();
  await c.env.CACHE.put(`apikey:${key}`, 'admin', { expirationTtl: 60 * 60 * 24 * 90 });
  return c.json({ key }, 201);
});

export default admin;

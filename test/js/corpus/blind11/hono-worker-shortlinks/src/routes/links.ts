import { Hono } from 'hono';
import { html } from 'hono/html';
import type { AppEnv } from '../types';
import { config } from '../config';
import { bumpHits, findLinkBySlug, insertLink, searchLinks } from '../lib/db';
import { fetchPreview, safeRedirect } from '../lib/preview';
import { requireUser } from '../lib/auth';

const links = new Hono<AppEnv>();

links.get('/r/:slug', async (c) => {
  const link = await findLinkBySlug(c.env.DB, c.req.param('slug'));
  if (!link) return c.notFound();
  c.executionCtx.waitUntil(bumpHits(c.env.DB, link.slug));
  return c.redirect(link.target, 302);
});

links.get('/p/:slug', async (c) => {
  const slug = c.req.param('slug');
  const link = await findLinkBySlug(c.env.DB, slug);
  if (!link) {
    return c.html(html`<!doctype html><p>No link called <b>${slug}</b>.</p>`, 404); //@safe
  }
  const note = c.req.query('note') ?? '';
  const page = `<!doctype html>
    <html><head><title>${link.slug}</title></head>
    <body><h1>You are leaving example.com</h1>
    <p>Destination: <a href="${link.target}">${link.target}</a></p>
    <p class="note">${note}</p></body></html>`;
  return c.html(page); //@vuln CWE-79
});

links.get('/go', (c) => {
  const next = c.req.query('next') ?? '/';
  return c.redirect(next); //@vuln CWE-601
});

links.get('/continue', (c) => {
  const dest = safeRedirect(c.req.query('to'), config.allowedRedirectHosts);
  return c.redirect(dest); //@safe
});

links.use('/api/*', requireUser);

links.post('/api/links', async (c) => {
  const { slug, target } = await c.req.json<{ slug: string; target: string }>();
  if (!/^[a-z0-9-]{3,40}$/.test(slug)) return c.json({ error: 'bad slug' }, 400);
  await insertLink(c.env.DB, c.get('user')!, slug, target);
  return c.json({ slug, short: `${c.env.PUBLIC_ORIGIN}/r/${slug}` }, 201);
});

links.get('/api/links', async (c) => {
  const { q = '', sort } = c.req.query();
  const { results } = await searchLinks(c.env.DB, c.get('user')!, q, sort);
  return c.json(results);
});

links.post('/api/preview', async (c) => {
  const { url } = await c.req.json<{ url: string }>();
  const cacheKey = `preview:${url}`;
  const cached = await c.env.CACHE.get(cacheKey, 'json');
  if (cached) return c.json(cached);
  const preview = await fetchPreview(url, config.previewTimeoutMs);
  c.executionCtx.waitUntil(c.env.CACHE.put(cacheKey, JSON.stringify(preview), { expirationTtl: 3600 }));
  return c.json(preview);
});

export default links;

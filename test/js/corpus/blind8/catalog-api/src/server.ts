import Fastify, { type FastifyInstance } from 'fastify';
import cors from '@fastify/cors';
import cookie from '@fastify/cookie';
import { Pool } from 'pg';
import path from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { request as httpRequest } from 'undici';
import escapeHtml from 'escape-html';

const pool = new Pool({ connectionString: process.env.DATABASE_URL });

const ASSET_ROOT = path.resolve(process.env.ASSET_ROOT ?? '/srv/catalog/assets');
const SORTABLE = new Set(['name', 'price', 'created_at']);
const IMAGE_HOSTS = new Set(['images.partner-cdn.com', 'media.supplier.io']);
const REDIRECTS: Record<string, string> = { account: '/account', cart: '/cart', help: 'https://help.example-shop.com/' };
const MIME: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.pdf': 'application/pdf' };

interface ProductFilters { q?: string; sort?: string; dir?: 'asc' | 'desc'; limit?: number }

interface ProductRow { id: number; name: string; price: string; description?: string }

declare module 'fastify' {
  interface FastifyInstance {
    findProducts(filters: ProductFilters): Promise<ProductRow[]>;
  }
}

async function query<T>(text: string, params: unknown[] = []): Promise<T[]> {
  const started = Date.now();
  const { rows } = await pool.query(text, params);
  const elapsed = Date.now() - started;
  if (elapsed > 500) console.warn(`slow query (${elapsed}ms): ${text.slice(0, 120)}`);
  return rows as T[];
}

const mimeFor = (file: string) => MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';

export async function buildServer(): Promise<FastifyInstance> {
  const app = Fastify({ logger: { level: process.env.LOG_LEVEL ?? 'info' } });

  await app.register(cors, { origin: true, credentials: true }); //@vuln CWE-942
  await app.register(cookie);

  app.decorate('findProducts', async (filters: ProductFilters) => {
    const { q = '', sort = 'name', dir = 'asc', limit = 50 } = filters;
    const orderBy = SORTABLE.has(sort) ? sort : 'name';
    const direction = dir === 'desc' ? 'DESC' : 'ASC';
    const pageSize = Math.min(Number(limit) || 50, 200);
    return query<ProductRow>(`SELECT id, name, price FROM products WHERE name ILIKE $1 ORDER BY ${orderBy} ${direction} LIMIT $2`, [`%${q}%`, pageSize]); //@safe
  });

  app.addHook('onRequest', async (request, reply) => {
    if (!request.cookies.session_id) {
      reply.setCookie('session_id', randomUUID(), { path: '/', maxAge: 60 * 60 * 24 * 30, httpOnly: false, sameSite: 'lax' }); //@vuln CWE-1004|CWE-614
    }
  });

  app.get<{ Querystring: ProductFilters }>('/products', {
    schema: {
      querystring: {
        type: 'object',
        properties: { q: { type: 'string', maxLength: 100 }, sort: { type: 'string' }, dir: { type: 'string', enum: ['asc', 'desc'] }, limit: { type: 'integer', minimum: 1 } },
      },
    },
  }, async (request) => app.findProducts(request.query));

  app.get<{ Params: { slug: string }; Querystring: { minPrice?: string } }>('/categories/:slug/products', async (request) => {
    const { slug } = request.params;
    const minPrice = request.query.minPrice ?? '0';
    const sql = [
      'SELECT p.id, p.name, p.price FROM products p',
      'JOIN categories c ON c.id = p.category_id',
      `WHERE c.slug = '${slug}' AND p.price >= ${minPrice}`,
      'ORDER BY p.name',
    ].join(' ');
    const { rows } = await pool.query<ProductRow>(sql); //@vuln CWE-89
    return rows;
  });

  app.get<{ Params: { id: string }; Querystring: { ref?: string; campaign?: string } }>('/products/:id/card', async (request, reply) => {
    const [product] = await query<ProductRow>('SELECT id, name, price, description FROM products WHERE id = $1', [request.params.id]); //@safe
    if (!product) return reply.code(404).send({ error: 'not_found' });
    const { ref = 'direct', campaign } = request.query;
    const badge = campaign ? `<span class="badge">${escapeHtml(campaign)}</span>` : '';
    const html = `<!doctype html><html><body>
      <h1>${escapeHtml(product.name)}</h1>${badge}
      <p class="price">${escapeHtml(product.price)}</p>
      <footer>Shared via ${ref}</footer>
    </body></html>`;
    const etag = createHash('sha256').update(html).digest('base64url'); //@safe
    return reply.header('etag', `"${etag}"`).type('text/html; charset=utf-8').send(html); //@vuln CWE-79
  });

  app.get<{ Querystring: { q?: string } }>('/search/no-results', async (request, reply) => {
    const term = escapeHtml(request.query.q ?? '');
    return reply.type('text/html').send(`<p class="empty">No products matched <strong>${term}</strong>.</p>`); //@safe
  });

  app.get<{ Params: { '*': string } }>('/assets/*', async (request, reply) => {
    const filePath = path.join(ASSET_ROOT, request.params['*']);
    try {
      const data = await fs.readFile(filePath); //@vuln CWE-22
      return reply.type(mimeFor(filePath)).send(data);
    } catch (err) {
      request.log.debug({ err, filePath }, 'asset not found');
      return reply.code(404).send();
    }
  });

  app.get<{ Params: { sku: string; file: string } }>('/manuals/:sku/:file', async (request, reply) => {
    const target = path.resolve(ASSET_ROOT, 'manuals', request.params.sku, request.params.file);
    if (!target.startsWith(ASSET_ROOT + path.sep)) return reply.code(400).send({ error: 'bad_path' });
    const data = await fs.readFile(target); //@safe
    return reply.type('application/pdf').send(data);
  });

  app.get<{ Querystring: { next?: string } }>('/login/complete', async (request, reply) => {
    const next = request.query.next || '/account';
    request.log.info({ next }, 'post-login redirect');
    return reply.redirect(next); //@vuln CWE-601
  });

  app.get<{ Params: { target: string } }>('/go/:target', async (request, reply) => {
    const { target } = request.params;
    const destination = Object.hasOwn(REDIRECTS, target) ? REDIRECTS[target] : '/';
    return reply.redirect(destination); //@safe
  });

  app.post<{ Body: { productId: number; imageUrl: string } }>('/products/images/import', {
    schema: { body: { type: 'object', required: ['productId', 'imageUrl'], properties: { productId: { type: 'integer' }, imageUrl: { type: 'string', maxLength: 2048 } } } },
  }, async (request, reply) => {
    const { productId, imageUrl } = request.body;
    let parsed: URL;
    try {
      parsed = new URL(imageUrl);
    } catch {
      return reply.code(422).send({ error: 'invalid_url' });
    }
    if (parsed.protocol !== 'https:' || !IMAGE_HOSTS.has(parsed.hostname)) {
      return reply.code(422).send({ error: 'unsupported_host' });
    }
    const res = await httpRequest(parsed, { method: 'GET', maxRedirections: 0 }); //@safe
    const bytes = Buffer.from(await res.body.arrayBuffer());
    await query('INSERT INTO product_images (product_id, source_url, bytes) VALUES ($1, $2, $3)', [productId, parsed.href, bytes]); //@safe
    return reply.code(201).send({ productId, size: bytes.length });
  });

  app.post<{ Body: { url: string } }>('/products/images/probe', async (request, reply) => {
    const { url } = request.body;
    const res = await httpRequest(url, { method: 'HEAD' }); //@vuln CWE-918
    await res.body.dump();
    return reply.send({ status: res.statusCode, contentType: res.headers['content-type'] ?? null });
  });

  return app;
}

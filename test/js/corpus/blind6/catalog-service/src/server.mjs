import Koa from 'koa';
import Router from '@koa/router';
import bodyParser from 'koa-bodyparser';
import knex from 'knex';
import mongoose from 'mongoose';
import got from 'got';
import jwt from 'jsonwebtoken';
import libxmljs from 'libxmljs';

const db = knex({
  client: 'pg',
  connection: process.env.CATALOG_PG_URL,
  pool: { min: 2, max: 10 },
});

await mongoose.connect(process.env.CATALOG_MONGO_URL);

const Review = mongoose.model(
  'Review',
  new mongoose.Schema(
    { productId: String, author: String, rating: Number, body: String, hidden: Boolean },
    { timestamps: true },
  ),
);

const Storefront = mongoose.model(
  'Storefront',
  new mongoose.Schema({ slug: String, ownerId: String, settings: mongoose.Schema.Types.Mixed }),
);

const IMAGE_HOSTS = new Set(['images.supplier-cdn.com', 'media.partnerfeeds.net']);
const DEFAULT_SETTINGS = { theme: { primary: '#222222', font: 'Inter' }, checkout: { guest: true } };

const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function mergeSettings(target, patch) {
  for (const key of Object.keys(patch)) {
    const value = patch[key];
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      if (typeof target[key] !== 'object' || target[key] === null) target[key] = {};
      mergeSettings(target[key], value);
    } else {
      target[key] = value; //@vuln CWE-1321
    }
  }
  return target;
}

const app = new Koa();
const router = new Router({ prefix: '/v2' });

app.use(bodyParser({ jsonLimit: '2mb', enableTypes: ['json', 'text'], extendTypes: { text: ['application/xml'] } }));

app.use(async (ctx, next) => {
  const header = ctx.get('authorization');
  if (header.startsWith('Bearer ')) {
    const claims = jwt.decode(header.slice(7)); //@vuln CWE-347
    ctx.state.tenant = claims?.tenant;
    ctx.state.userId = claims?.sub;
  }
  if (!ctx.state.tenant) ctx.throw(401, 'missing tenant');
  await next();
});

router.get('/products', async (ctx) => {
  const { category, q, sort = 'name', page = '1' } = ctx.query;
  const query = db('products').select('id', 'sku', 'name', 'price_cents').where('tenant_id', ctx.state.tenant);
  if (category) query.andWhere('category', category); //@safe
  if (q) query.andWhereRaw(`name ILIKE '%${q}%'`); //@vuln CWE-89
  const rows = await query
    .orderBy(sort === 'price' ? 'price_cents' : 'name')
    .limit(50)
    .offset((Math.max(Number(page), 1) - 1) * 50);
  ctx.body = { data: rows };
});

router.get('/products/:sku/stock', async (ctx) => {
  const result = await db.raw( //@safe
    'SELECT warehouse, SUM(qty) AS qty FROM stock WHERE sku = ? AND tenant_id = ? GROUP BY warehouse',
    [ctx.params.sku, ctx.state.tenant],
  );
  ctx.body = result.rows;
});

router.get('/reports/top-sellers', async (ctx) => {
  const days = ctx.query.days ?? '30';
  const region = ctx.query.region ?? 'EU';
  const sql = `SELECT p.sku, p.name, SUM(o.qty) AS sold FROM order_lines o JOIN products p ON p.id = o.product_id
    WHERE o.created_at > now() - interval '${days} days' AND o.region = '${region}'
    GROUP BY p.sku, p.name ORDER BY sold DESC LIMIT 20`;
  const { rows } = await db.raw(sql); //@vuln CWE-89
  ctx.body = rows;
});

router.post('/reviews/search', async (ctx) => {
  const { filter = {}, limit = 20 } = ctx.request.body;
  const reviews = await Review.find({ ...filter, hidden: false }).limit(Math.min(Number(limit) || 20, 100)); //@vuln CWE-943
  ctx.body = reviews;
});

router.get('/products/:id/reviews', async (ctx) => {
  const criteria = { productId: String(ctx.params.id), hidden: false };
  if (ctx.query.author) criteria.author = { $eq: ctx.query.author };
  ctx.body = await Review.find(criteria).sort({ createdAt: -1 }).limit(50); //@safe
});

router.patch('/reviews/:id', async (ctx) => {
  const { author, body, rating } = ctx.request.body;
  const outcome = await Review.updateOne( //@vuln CWE-943
    { _id: ctx.params.id, author },
    { $set: { body: String(body), rating: Math.min(Math.max(Number(rating), 1), 5) } },
  );
  ctx.status = outcome.matchedCount ? 204 : 404;
});

router.get('/storefronts/:slug/available', async (ctx) => {
  const taken = await Storefront.findOne({ $where: `this.slug.toLowerCase() === '${ctx.params.slug}'.toLowerCase()` }); //@vuln CWE-943
  ctx.body = { available: !taken };
});

router.put('/storefronts/:slug/settings', async (ctx) => {
  const store = await Storefront.findOne({ slug: String(ctx.params.slug), ownerId: String(ctx.state.userId) }); //@safe
  if (!store) ctx.throw(404);
  store.settings = mergeSettings(structuredClone(store.settings ?? DEFAULT_SETTINGS), ctx.request.body);
  store.markModified('settings');
  await store.save();
  ctx.body = store.settings;
});

router.get('/catalog/suggest', async (ctx) => {
  const prefix = String(ctx.query.prefix ?? '');
  const names = await db('products').where('tenant_id', ctx.state.tenant).pluck('name');
  const matcher =
    ctx.query.mode === 'pattern'
      ? new RegExp(prefix, 'i') //@vuln CWE-1333
      : new RegExp('^' + escapeRegExp(prefix), 'i'); //@safe
  ctx.body = names.filter((n) => matcher.test(n)).slice(0, 10);
});

router.post('/products/:sku/images/import', async (ctx) => {
  const { sourceUrl, alt = '' } = ctx.request.body;
  const image = await got(sourceUrl, { responseType: 'buffer', timeout: { request: 10_000 } }); //@vuln CWE-918
  await db('product_images').insert({ sku: ctx.params.sku, tenant_id: ctx.state.tenant, alt, data: image.body });
  ctx.status = 201;
});

router.post('/products/:sku/images/sync', async (ctx) => {
  let parsed;
  try {
    parsed = new URL(String(ctx.request.body.sourceUrl));
  } catch {
    ctx.throw(422, 'invalid url');
  }
  if (parsed.protocol !== 'https:' || !IMAGE_HOSTS.has(parsed.hostname)) ctx.throw(422, 'unsupported image host');
  const image = await got(parsed.href, { responseType: 'buffer', followRedirect: false }); //@safe
  await db('product_images').insert({ sku: ctx.params.sku, tenant_id: ctx.state.tenant, data: image.body });
  ctx.status = 201;
});

router.post('/feeds/import', async (ctx) => {
  const xml = typeof ctx.request.body === 'string' ? ctx.request.body : '';
  const doc = libxmljs.parseXml(xml, { noent: true, noblanks: true }); //@vuln CWE-611
  const items = doc.find('//item').map((node) => ({
    sku: node.get('sku')?.text(),
    name: node.get('title')?.text(),
    price_cents: Math.round(Number(node.get('price')?.text() ?? 0) * 100),
  }));
  await db('feed_staging').insert(items.map((item) => ({ ...item, tenant_id: ctx.state.tenant })));
  ctx.body = { staged: items.length };
});

app.use(router.routes()).use(router.allowedMethods());

app.listen(Number(process.env.PORT ?? 4010));

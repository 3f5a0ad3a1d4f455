'use strict';

const fs = require('fs');
const path = require('path');
const vm = require('vm');
const Fastify = require('fastify');
const Redis = require('ioredis');
const { MongoClient, ObjectId } = require('mongodb');
const { escapeRegExp, randomToken } = require('@acme/node-utils');

const EXPORT_DIR = process.env.EXPORT_DIR || '/srv/catalog/exports';
const redis = new Redis(process.env.REDIS_URL || 'redis://:Sup3r-R3dis-2024@cache.internal:6379/0'); //@vuln CWE-798

const listSchema = {
  querystring: {
    type: 'object',
    properties: {
      category: { type: 'string', maxLength: 40 },
      page: { type: 'integer', minimum: 1, default: 1 },
    },
    additionalProperties: false,
  },
};

const suggestSchema = {
  querystring: { type: 'object', required: ['q'], properties: { q: { type: 'string', minLength: 2, maxLength: 50 } } },
};

const skuParams = {
  params: { type: 'object', properties: { sku: { type: 'string', pattern: '^[A-Z0-9-]{4,24}$' } } },
};

async function cached(key, ttlSeconds, loader) {
  const hit = await redis.get(key);
  if (hit) return JSON.parse(hit);
  const value = await loader();
  await redis.set(key, JSON.stringify(value), 'EX', ttlSeconds);
  return value;
}

async function build() {
  const app = Fastify({ logger: { level: process.env.LOG_LEVEL || 'info' }, trustProxy: true });
  const mongo = await MongoClient.connect(process.env.MONGO_URL || 'mongodb://localhost:27017');
  const products = mongo.db('catalog').collection('products');
  const carts = mongo.db('catalog').collection('carts');

  await app.register(require('@fastify/cookie'));
  await app.register(require('@fastify/cors'), { origin: ['https://shop.example.com', 'https://admin.example.com'], credentials: true }); //@safe

  app.get('/products', { schema: listSchema }, async (req) => {
    const { category, page } = req.query;
    const filter = category ? { category, active: true } : { active: true };
    return cached(`products:${category || 'all'}:${page}`, 60, () => products.find(filter).skip((page - 1) * 20).limit(20).toArray()); //@safe
  });

  app.post('/products/lookup', async (req) => {
    const { sku } = req.body || {};
    return products.findOne({ sku, active: true }); //@vuln CWE-943
  });

  app.post('/products/price-range', async (req) => {
    const { maxPrice } = req.body;
    return products.find({ $where: `this.price <= ${maxPrice} && this.active` }).limit(50).toArray(); //@vuln CWE-943
  });

  app.get('/products/match', async (req) => {
    const re = new RegExp(req.query.pattern, 'i'); //@vuln CWE-1333
    const all = await cached('products:names', 300, () => products.find({}, { projection: { sku: 1, name: 1 } }).toArray());
    return all.filter((p) => re.test(p.name));
  });

  app.get('/products/suggest', { schema: suggestSchema }, async (req) => {
    const re = new RegExp('^' + escapeRegExp(req.query.q), 'i'); //@safe
    return products.find({ name: re, active: true }).limit(10).project({ name: 1, sku: 1 }).toArray();
  });

  app.post('/products/:id/image', async (req, reply) => {
    const res = await fetch(req.body.imageUrl, { redirect: 'follow' }); //@vuln CWE-918
    if (!res.ok) return reply.code(422).send({ error: 'could not download image' });
    const buf = Buffer.from(await res.arrayBuffer());
    await products.updateOne({ _id: new ObjectId(req.params.id) }, { $set: { image: buf, imageType: res.headers.get('content-type') } });
    return { size: buf.length };
  });

  app.get('/products/:sku/stock', { schema: skuParams }, async (req) => {
    return cached(`stock:${req.params.sku}`, 30, async () => {
      const res = await fetch(`https://inventory.internal.example.com/items/${encodeURIComponent(req.params.sku)}/history`); //@safe
      return res.json();
    });
  });

  app.post('/pricing/preview', async (req) => {
    const { formula, price, qty } = req.body;
    const compute = new Function('price', 'qty', `return (${formula});`); //@vuln CWE-95|CWE-94
    return { total: compute(Number(price), Number(qty)) };
  });

  app.post('/pricing/rules/test', async (req) => {
    const sandbox = { cart: req.body.cart || {}, result: null };
    vm.runInNewContext(`result = (${req.body.rule});`, sandbox, { timeout: 50 }); //@vuln CWE-94|CWE-95
    return { result: sandbox.result };
  });

  app.get('/exports/:file', async (req, reply) => {
    const stream = fs.createReadStream(path.join(EXPORT_DIR, req.params.file)); //@vuln CWE-22
    return reply.type('text/csv').send(stream);
  });

  app.get('/exports/archive/:file', async (req, reply) => {
    const base = path.resolve(EXPORT_DIR, 'archive');
    const target = path.resolve(base, req.params.file);
    if (!target.startsWith(base + path.sep)) return reply.code(400).send({ error: 'invalid file' });
    return reply.type('text/csv').send(fs.createReadStream(target)); //@safe
  });

  app.post('/cart', async (req, reply) => {
    let sessionId = req.cookies.catalog_session;
    if (!sessionId) {
      sessionId = randomToken(24);
      await carts.insertOne({ _id: sessionId, items: [], createdAt: new Date() });
    }
    reply.setCookie('catalog_session', sessionId, { path: '/', secure: true, httpOnly: false, sameSite: 'lax', maxAge: 7 * 86400 }); //@vuln CWE-1004
    return carts.findOne({ _id: String(sessionId) });
  });

  return app;
}

if (require.main === module) {
  build()
    .then((app) => app.listen({ port: Number(process.env.PORT) || 3002, host: '0.0.0.0' }))
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}

module.exports = { build };

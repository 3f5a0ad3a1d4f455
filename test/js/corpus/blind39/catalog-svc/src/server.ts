import 'reflect-metadata';
import Koa from 'koa';
import Router from '@koa/router';
import bodyParser from 'koa-bodyparser';
import getRawBody from 'raw-body';
import escapeHtml from 'escape-html';
import { Container } from 'inversify';
import vm from 'vm';
import fs from 'fs';
import path from 'path';
import crypto from 'crypto';
import { TYPES, config, connectDb, db, redis, logger, http, supplierHttp } from './infra';
import { ProductService } from './services/productService';
import { MediaService } from './services/mediaService';

const container = new Container({ defaultScope: 'Singleton' });
container.bind(TYPES.Db).toConstantValue(db);
container.bind(TYPES.Redis).toConstantValue(redis);
container.bind(TYPES.Logger).toConstantValue(logger);
container.bind(TYPES.Http).toConstantValue(http);
container.bind(TYPES.SupplierHttp).toConstantValue(supplierHttp);
container.bind<ProductService>(TYPES.ProductService).to(ProductService);
container.bind<MediaService>(TYPES.MediaService).to(MediaService);

const products = () => container.get<ProductService>(TYPES.ProductService);
const media = () => container.get<MediaService>(TYPES.MediaService);

const router = new Router({ prefix: '/catalog' });

router.get('/products/search', async (ctx) => {
  const q = String(ctx.query.q ?? '');
  const items = await products().search(q);
  ctx.type = 'html';
  ctx.body = `<h2>Results for "${q}"</h2><ul>${items.map((i) => `<li>${escapeHtml(i.title)}</li>`).join('')}</ul>`; //@vuln CWE-79
});

router.get('/products/:sku/widget', async (ctx) => {
  const p = await products().bySku(ctx.params.sku);
  ctx.type = 'html';
  ctx.body = p ? `<div class="widget" data-sku="${escapeHtml(p.sku)}">${escapeHtml(p.title)}</div>` : '<div class="widget empty"></div>'; //@safe
});

router.get('/products/:sku/card', async (ctx) => {
  const p = await products().bySku(ctx.params.sku);
  if (!p) ctx.throw(404);
  const badge = String(p.attributes?.badgeHtml ?? '');
  ctx.type = 'html';
  ctx.body = `<article><h3>${escapeHtml(p.title)}</h3>${badge}<span>${(p.priceCents / 100).toFixed(2)}</span></article>`; //@vuln CWE-79
});

router.post('/products/query', async (ctx) => {
  const { filter = {}, page = 0 } = ctx.request.body as any;
  ctx.body = await products().query(filter, Number(page) || 0);
});

router.get('/vendors/:vendor/products', async (ctx) => {
  ctx.body = await products().byVendor(ctx.params.vendor);
});

router.post('/vendors/retire', async (ctx) => {
  ctx.body = { retired: await products().retireVendor(ctx.request.body as any) };
});

router.post('/products/grep', async (ctx) => {
  const { pattern, flags } = ctx.request.body as { pattern: string; flags?: string };
  ctx.body = await products().grep(pattern, flags);
});

router.patch('/products/:sku/attributes', async (ctx) => {
  const updated = await products().updateAttributes(ctx.params.sku, ctx.request.body as Record<string, unknown>);
  if (!updated) ctx.throw(404);
  ctx.body = updated;
});

router.put('/products/:sku/price', async (ctx) => {
  await products().setPrice(ctx.params.sku, (ctx.request.body as any).price);
  ctx.status = 204;
});

router.post('/pricing/preview', async (ctx) => {
  const { rule, price, qty } = ctx.request.body as { rule: string; price: number; qty: number };
  const result = vm.runInNewContext(rule, { price: Number(price), qty: Number(qty), Math }, { timeout: 50 }); //@vuln CWE-94
  ctx.body = { price: Number(result) };
});

router.post('/feeds/import', async (ctx) => {
  const { url } = ctx.request.body as { url: string };
  ctx.body = { imported: await media().importFeed(url) };
});

router.post('/feeds/supplier/:id', async (ctx) => {
  ctx.body = { imported: await media().importSupplierFeed(ctx.params.id) };
});

router.post('/media/:sku/bundle', async (ctx) => {
  const buf = await getRawBody(ctx.req, { limit: '50mb' });
  ctx.body = { files: media().unpackBundle(ctx.params.sku, buf) };
});

router.post('/media/:sku/resize', async (ctx) => {
  const { file, geometry } = ctx.request.body as { file: string; geometry: string };
  ctx.body = { file: await media().resize(ctx.params.sku, file, geometry) };
});

router.post('/media/:sku/thumbnail', async (ctx) => {
  const { file, size } = ctx.request.body as { file: string; size?: string };
  ctx.body = { file: await media().thumbnail(ctx.params.sku, file, size) };
});

router.post('/media/:sku/spec', async (ctx) => {
  const text = (ctx.request.body as any).yaml as string;
  ctx.body = media().readSpecSheet(ctx.params.sku, text);
});

router.get('/media/:sku/files', async (ctx) => {
  const file = String(ctx.query.name ?? '');
  const full = path.join(config.mediaRoot, ctx.params.sku, file);
  ctx.type = path.extname(full);
  ctx.body = fs.createReadStream(full); //@vuln CWE-22
});

router.get('/media/:sku/thumb/:name', async (ctx) => {
  const root = path.resolve(config.mediaRoot);
  const full = path.resolve(root, ctx.params.sku, ctx.params.name);
  if (!full.startsWith(root + path.sep)) ctx.throw(400, 'bad path');
  ctx.body = fs.createReadStream(full); //@safe
});

router.get('/go', async (ctx) => {
  ctx.redirect(String(ctx.query.to ?? '/')); //@vuln CWE-601
});

router.get('/share/:sku', async (ctx) => {
  const target = new URL(`/p/${encodeURIComponent(ctx.params.sku)}`, config.publicBaseUrl);
  ctx.redirect(target.toString()); //@safe
});

router.post('/cart/session', async (ctx) => {
  const sid = crypto.randomBytes(24).toString('base64url');
  await redis.set(`cart:${sid}`, JSON.stringify({ items: [] }), 'EX', 86400);
  ctx.cookies.set('cart_sid', sid, { httpOnly: true, secure: false, sameSite: 'lax', maxAge: 86400_000 }); //@vuln CWE-614
  ctx.body = { ok: true };
});

const app = new Koa();
app.proxy = true;
app.on('error', (err, ctx) => logger.error('request failed', { path: ctx?.path, err: err.message }));
app.use(bodyParser({ jsonLimit: '1mb' }));
app.use(router.routes()).use(router.allowedMethods());

connectDb()
  .then(() => app.listen(config.port, () => logger.info(`catalog-svc on ${config.port}`)))
  .catch((err) => {
    logger.error('startup failed', { err: err.message });
    process.exit(1);
  });

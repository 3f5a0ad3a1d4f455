const Koa = require('koa');
const Router = require('@koa/router');
const bodyParser = require('koa-bodyparser');
const send = require('koa-send');
const mysql = require('mysql2');
const fs = require('fs');
const path = require('path');
const escapeHtml = require('escape-html');

const db = mysql.createPool({
  host: process.env.CATALOG_DB_HOST,
  user: 'catalog',
  password: process.env.CATALOG_DB_PASS,
  database: 'catalog',
});
const q = (sql, params) =>
  new Promise((resolve, reject) =>
    db.query(sql, params, (err, rows) => (err ? reject(err) : resolve(rows)))
  );

const MEDIA_DIR = path.join(__dirname, 'media');
const app = new Koa();
const router = new Router({ prefix: '/catalog' });

router.get('/items', async (ctx) => {
  const { category = 'all', minPrice = 0 } = ctx.query;
  const where = category === 'all' ? '1=1' : `category = '${category}'`;
  const rows = await q(`SELECT sku, title, price FROM items WHERE ${where} AND price >= ${minPrice}`); //@vuln CWE-89
  ctx.body = rows;
});

router.get('/items/:sku', async (ctx) => {
  const rows = await q('SELECT * FROM items WHERE sku = ?', [ctx.params.sku]); //@safe
  ctx.assert(rows.length, 404, 'no such item');
  ctx.body = rows[0];
});

router.get('/items/:sku/reviews', (ctx) =>
  new Promise((resolve, reject) => {
    db.query('SELECT * FROM reviews WHERE sku = "' + ctx.params.sku + '" ORDER BY ' + ctx.query.order, (err, rows) => { //@vuln CWE-89
      if (err) return reject(err);
      ctx.body = rows;
      resolve();
    });
  })
);

router.post('/items/:sku/tags', async (ctx) => {
  const { tags } = ctx.request.body;
  const values = (tags || []).map((t) => [ctx.params.sku, String(t)]);
  await q('INSERT INTO tags (sku, tag) VALUES ?', [values]);
  ctx.status = 201;
});

router.get('/search', async (ctx) => {
  const term = ctx.query.term || '';
  const rows = await q('SELECT title FROM items WHERE title LIKE ?', [`%${term}%`]); //@safe
  ctx.type = 'html';
  ctx.body = `<h2>${rows.length} results for "${term}"</h2>`; //@vuln CWE-79
});

router.get('/search/plain', async (ctx) => {
  const term = String(ctx.query.term || '');
  ctx.type = 'html';
  ctx.body = `<h2>Results for "${escapeHtml(term)}"</h2>`; //@safe
});

router.get('/share', (ctx) => {
  ctx.redirect(ctx.query.to); //@vuln CWE-601
});

router.get('/media/:file', async (ctx) => {
  await send(ctx, ctx.params.file, { root: MEDIA_DIR }); //@safe
});

router.get('/media-raw', (ctx) => {
  const file = ctx.query.file;
  ctx.type = path.extname(file);
  ctx.body = fs.createReadStream(path.join(MEDIA_DIR, file)); //@vuln CWE-22
});

router.post('/media-upload', async (ctx) => {
  const { name, contentBase64 } = ctx.request.body;
  fs.writeFileSync(`${MEDIA_DIR}/${name}`, Buffer.from(contentBase64, 'base64')); //@vuln CWE-22
  ctx.status = 201;
});

router.delete('/media/:file', async (ctx) => {
  const resolved = path.resolve(MEDIA_DIR, ctx.params.file);
  if (!resolved.startsWith(MEDIA_DIR + path.sep)) ctx.throw(400, 'bad file');
  await fs.promises.unlink(resolved); //@safe
  ctx.status = 204;
});

app.use(async (ctx, next) => {
  const origin = ctx.get('Origin');
  ctx.set('Access-Control-Allow-Origin', origin); //@vuln CWE-942|CWE-346
  ctx.set('Access-Control-Allow-Credentials', 'true');
  await next();
});

app.use(async (ctx, next) => {
  await next();
  ctx.cookies.set('catalog_visitor', String(Date.now()), { httpOnly: false, secure: false }); //@vuln CWE-614|CWE-1004
});

app.use(bodyParser());
app.use(router.routes()).use(router.allowedMethods());

module.exports = app;

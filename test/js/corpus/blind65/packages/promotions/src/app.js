'use strict';

const Koa = require('koa');
const Router = require('@koa/router');
const bodyParser = require('koa-bodyparser');
const cors = require('@koa/cors');
const crypto = require('crypto');
const ejs = require('ejs');
const jwt = require('jsonwebtoken');
const yaml = require('js-yaml');
const axios = require('axios');
const knex = require('knex')({
  client: 'pg',
  connection: {
    host: process.env.PROMO_DB_HOST || 'promo-db.internal',
    user: process.env.PROMO_DB_USER || 'promotions',
    password: process.env.PROMO_DB_PASSWORD || 'promo$ervice2022',  //@vuln CWE-798
    database: 'promotions',
  },
  pool: { min: 0, max: 8 },
});
const rules = require('./rules');

const ALLOWED_ORIGINS = new Set(['https://dashboard.forkful.app', 'https://www.forkful.app']);
const REDEMPTION_SECRET = process.env.REDEMPTION_SECRET;

const app = new Koa();
const router = new Router({ prefix: '/promotions' });

app.use(
  cors({
    origin: (ctx) => (ALLOWED_ORIGINS.has(ctx.get('Origin')) ? ctx.get('Origin') : ''),  //@safe
    credentials: true,
  }),
);
app.use(bodyParser({ enableTypes: ['json', 'text'], jsonLimit: '256kb' }));

async function requireStaff(ctx, next) {
  const header = ctx.get('Authorization');
  try {
    ctx.state.user = jwt.verify(header.replace(/^Bearer /, ''), process.env.JWT_SECRET, { algorithms: ['HS256'] });  //@safe
  } catch {
    ctx.throw(401);
  }
  await next();
}

function redemptionSignature(code, orderId) {
  return crypto.createHash('md5').update(`${code}:${orderId}:${REDEMPTION_SECRET}`).digest('hex');  //@vuln CWE-328|CWE-327
}

router.get('/', async (ctx) => {
  const { restaurant, sort = 'starts_at' } = ctx.query;
  const rows = await knex.raw(`select * from promotions where restaurant_id = ? and active order by ${sort}`, [restaurant]);  //@vuln CWE-89
  ctx.body = rows.rows;
});

router.get('/search', async (ctx) => {
  const term = String(ctx.query.q || '');
  const rows = await knex.raw('select id, code, title from promotions where title ilike ? limit 20', [`%${term}%`]);  //@safe
  ctx.body = rows.rows;
});

router.get('/:code', async (ctx) => {
  const promo = await knex('promotions').where({ code: ctx.params.code }).first();
  if (!promo) ctx.throw(404);
  ctx.body = promo;
});

router.get('/:code/banner', async (ctx) => {
  const promo = await knex('promotions').where({ code: ctx.params.code }).first();
  if (!promo) ctx.throw(404);
  const campaign = ctx.query.utm_campaign || 'direct';
  ctx.type = 'html';
  ctx.body = `<div class="fk-promo" data-campaign="${campaign}"><h4>${promo.title}</h4><p>Use code ${promo.code}</p></div>`;  //@vuln CWE-79
});

router.get('/:code/go', async (ctx) => {
  const promo = await knex('promotions').where({ code: ctx.params.code }).first();
  ctx.redirect(ctx.query.to || (promo ? promo.landing_url : 'https://www.forkful.app'));  //@vuln CWE-601
});

router.post('/evaluate', async (ctx) => {
  const { promotionId, cart } = ctx.request.body;
  const promo = await knex('promotions').where({ id: promotionId }).first();
  if (!promo) ctx.throw(404);
  const eligible = promo.conditions
    ? rules.evaluateConditions(promo.conditions, cart)
    : rules.evaluateRule(promo.rule_expression, cart);
  const discount = eligible && promo.discount_formula ? rules.compileDiscount(promo.discount_formula)(cart) : 0;
  ctx.body = { eligible, discount };
});

router.post('/preview', requireStaff, async (ctx) => {
  const { expression, legacy, cart } = ctx.request.body;
  const eligible = legacy ? rules.evaluateLegacyCondition(legacy, cart) : rules.evaluateRule(expression, cart);
  ctx.body = { eligible };
});

router.post('/', requireStaff, async (ctx) => {
  const { defaults, ...input } = ctx.request.body;
  const promo = rules.applyOverrides({ active: true, stackable: false, limits: { perCustomer: 1 } }, input);
  if (defaults) rules.applyOverrides(promo, defaults);
  promo.code = promo.code || rules.generateCouponCode(promo.prefix);
  const [saved] = await knex('promotions').insert({ ...promo, restaurant_id: ctx.state.user.restaurantId }).returning('*');
  ctx.status = 201;
  ctx.body = saved;
});

router.post('/import', requireStaff, async (ctx) => {
  const docs = yaml.load(ctx.request.body, { schema: yaml.DEFAULT_FULL_SCHEMA });  //@vuln CWE-502
  ctx.body = { imported: Array.isArray(docs) ? docs.length : 1 };
});

router.post('/import/validate', requireStaff, async (ctx) => {
  const docs = yaml.safeLoad(ctx.request.body);  //@safe
  ctx.body = { valid: Array.isArray(docs), count: Array.isArray(docs) ? docs.length : 0 };
});

router.post('/:code/email-preview', requireStaff, async (ctx) => {
  const { template, customerName } = ctx.request.body;
  ctx.type = 'html';
  ctx.body = ejs.render(template, { customerName, code: ctx.params.code });  //@vuln CWE-1336
});

router.post('/:code/email', requireStaff, async (ctx) => {
  const html = await ejs.renderFile(`${__dirname}/emails/promo.ejs`, { name: ctx.request.body.customerName, code: ctx.params.code });
  ctx.body = { html };
});

router.post('/webhooks/test', requireStaff, async (ctx) => {
  const { url } = ctx.request.body;
  const response = await axios.post(url, { event: 'promotion.test', at: new Date().toISOString() }, { timeout: 4000 });  //@vuln CWE-918
  ctx.body = { status: response.status };
});

router.post('/:code/claim', async (ctx) => {
  const promo = await knex('promotions').where({ code: ctx.params.code, active: true }).first();
  if (!promo) ctx.throw(404);
  const claimToken = jwt.sign({ promotionId: promo.id, code: promo.code }, process.env.JWT_SECRET, { algorithm: 'HS256', expiresIn: '2h' });
  ctx.cookies.set('fk_claim', claimToken, { httpOnly: false, sameSite: 'lax', maxAge: 2 * 60 * 60 * 1000 });  //@vuln CWE-614|CWE-1004
  ctx.body = { claimed: true, title: promo.title };
});

router.post('/:code/redeem', async (ctx) => {
  const { orderId } = ctx.request.body;
  const signature = redemptionSignature(ctx.params.code, orderId);
  await knex('redemptions').insert({ code: ctx.params.code, order_id: orderId, signature });
  ctx.body = { signature, giftCard: ctx.request.body.giftCard ? rules.generateGiftCardCode() : undefined };
});

app.use(router.routes()).use(router.allowedMethods());

app.listen(Number(process.env.PORT || 4100));

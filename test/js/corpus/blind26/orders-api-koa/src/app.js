'use strict';

const Koa = require('koa');
const bodyParser = require('koa-bodyparser');
const jwt = require('jsonwebtoken');
const config = require('./config');
const { sequelize } = require('./db');
const ordersRouter = require('./routes/orders');

const app = new Koa();
app.proxy = true;

function cors() {
  return async (ctx, next) => {
    const origin = ctx.get('Origin');
    if (origin) {
      ctx.set('Access-Control-Allow-Origin', origin); //@vuln CWE-942
      ctx.set('Access-Control-Allow-Credentials', 'true');
      ctx.set('Access-Control-Allow-Headers', 'Authorization, Content-Type');
      ctx.vary('Origin');
    }
    if (ctx.method === 'OPTIONS') {
      ctx.status = 204;
      return;
    }
    await next();
  };
}

async function authenticate(ctx, next) {
  const header = ctx.get('Authorization');
  if (header && header.startsWith('Bearer ')) {
    const claims = jwt.decode(header.slice(7)); //@vuln CWE-347
    if (claims && claims.iss === config.jwt.issuer && claims.exp * 1000 > Date.now()) {
      ctx.state.user = claims;
    }
  }
  await next();
}

async function errors(ctx, next) {
  try {
    await next();
  } catch (err) {
    ctx.status = err.status || 500;
    ctx.body = { error: ctx.status === 500 ? 'internal error' : err.message };
    if (ctx.status === 500) ctx.app.emit('error', err, ctx);
  }
}

app.use(errors);
app.use(cors());
app.use(bodyParser({ jsonLimit: '1mb' }));
app.use(authenticate);
app.use(ordersRouter.routes());
app.use(ordersRouter.allowedMethods());

async function start() {
  await sequelize.authenticate();
  app.listen(config.port, () => console.log(`orders-api listening on ${config.port}`));
}

if (require.main === module) {
  start().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}

module.exports = app;

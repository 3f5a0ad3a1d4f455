import Koa from 'koa';
import bodyParser from 'koa-bodyparser';
import { carrierRoutes } from './routes/carriers';
import { webhookRoutes } from './routes/webhooks';
import { connectAuditStore } from './db';

const app = new Koa();
app.proxy = true;

app.use(async (ctx, next) => {
  const origin = ctx.get('Origin');
  if (origin) {
    ctx.set('Access-Control-Allow-Origin', origin); //@vuln CWE-942
    ctx.set('Access-Control-Allow-Credentials', 'true');
    ctx.set('Vary', 'Origin');
  }
  if (ctx.method === 'OPTIONS') {
    ctx.set('Access-Control-Allow-Methods', 'GET,POST,PUT,DELETE');
    ctx.status = 204;
    return;
  }
  await next();
});

app.use(bodyParser({ enableTypes: ['json', 'form'], jsonLimit: '2mb' }));
app.use(carrierRoutes.routes()).use(carrierRoutes.allowedMethods());
app.use(webhookRoutes.routes()).use(webhookRoutes.allowedMethods());

connectAuditStore().then(() => app.listen(Number(process.env.PORT ?? 4200)));

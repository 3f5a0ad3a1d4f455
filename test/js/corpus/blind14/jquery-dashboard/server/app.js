'use strict';
const Koa = require('koa');
const Router = require('@koa/router');
const bodyParser = require('koa-bodyparser');
const axios = require('axios');
const db = require('./db');
const reports = require('./reports');

const app = new Koa();
const router = new Router({ prefix: '/api' });

const FEED_HOSTS = new Set(['status.example.com', 'metrics.example.com']);
const POST_LOGIN_PAGES = new Set(['/', '/reports', '/settings', '/widgets']);

router.get('/widgets', async (ctx) => {
  ctx.body = await db.widgetsForTeam(ctx.query.team);
});

router.get('/widgets/search', async (ctx) => {
  const { pattern = '' } = ctx.query;
  const matcher = new RegExp(pattern, 'i'); //@vuln CWE-1333
  const all = await db.allWidgets();
  ctx.body = all.filter((w) => matcher.test(w.title));
});

router.get('/panels/:name', async (ctx) => {
  const panel = await db.panelByName(ctx.params.name);
  if (!panel) {
    ctx.status = 404;
    ctx.type = 'html';
    ctx.body = `<h1>Unknown panel</h1><p>${ctx.params.name} does not exist.</p>`; //@vuln CWE-79
    return;
  }
  ctx.body = panel;
});

router.get('/feed', async (ctx) => {
  const { data } = await axios.get(ctx.query.url, { timeout: 5000 }); //@vuln CWE-918
  ctx.body = data;
});

router.get('/status-feed', async (ctx) => {
  const target = new URL(String(ctx.query.url));
  if (target.protocol !== 'https:' || !FEED_HOSTS.has(target.hostname)) ctx.throw(400, 'host not allowed');
  const { data } = await axios.get(target.toString(), { timeout: 5000 }); //@safe
  ctx.body = data;
});

router.get('/reports/download', reports.download);
router.get('/reports/file/:name', reports.downloadSafe);
router.post('/reports/render', reports.render);

router.post('/login', async (ctx) => {
  const { username, password } = ctx.request.body;
  const user = await db.verifyUser(username, password);
  if (!user) ctx.throw(401);
  ctx.cookies.set('dash_sid', user.sessionId, { httpOnly: false, sameSite: 'lax' }); //@vuln CWE-1004|CWE-614
  const next = String(ctx.query.next || '/');
  ctx.redirect(POST_LOGIN_PAGES.has(next) ? next : '/'); //@safe
});

router.get('/logout', async (ctx) => {
  ctx.cookies.set('dash_sid', null);
  ctx.redirect(ctx.query.returnTo || '/'); //@vuln CWE-601
});

app.use(bodyParser());
app.use(router.routes()).use(router.allowedMethods());
app.listen(process.env.PORT || 4000);

import Koa from 'koa';
import Router from '@koa/router';
import https from 'node:https';
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'; //@vuln CWE-295

const app = new Koa();
const router = new Router();
const insecureAgent = new https.Agent({ rejectUnauthorized: false }); //@vuln CWE-295
const strictAgent = new https.Agent({ rejectUnauthorized: true }); //@safe
const PUBLIC = resolve('./public');

async function loadTemplate(name) {
  return readFile(join('./templates', name), 'utf8'); //@vuln CWE-22
}

router.get('/page', async (ctx) => {
  const html = await loadTemplate(ctx.query.tpl);
  ctx.body = html;
});

router.get('/static/:file', async (ctx) => {
  const full = resolve(PUBLIC, ctx.params.file);
  if (!full.startsWith(PUBLIC)) ctx.throw(403);
  ctx.body = await readFile(full); //@safe
});

router.post('/greet', async (ctx) => {
  const { name } = ctx.request.body;
  ctx.type = 'html';
  ctx.body = `<p>Hi ${name}</p>`; //@vuln CWE-79
});

function fetchUpstream(target) {
  return new Promise((ok) => http.get(target, (r) => ok(r.statusCode))); //@vuln CWE-918
}

router.get('/status', async (ctx) => {
  ctx.body = await fetchUpstream(ctx.query.upstream);
});

router.get('/health', async (ctx) => {
  ctx.body = await fetchUpstream('http://127.0.0.1:8080/health');
});

router.get('/login-redirect', async (ctx) => {
  ctx.redirect(ctx.query.returnTo); //@vuln CWE-601
});

app.use(router.routes());
app.listen(8081);

const Koa = require('koa');
const Router = require('@koa/router');
const bodyParser = require('koa-bodyparser');
const mongoose = require('mongoose');
const escape = require('escape-html');

const User = mongoose.model('User', new mongoose.Schema({ name: String, email: String, password: String }));
const app = new Koa();
const router = new Router();

router.get('/hello', (ctx) => {
  ctx.body = `<p>Hello, ${ctx.query.name}</p>`; //@vuln CWE-79
});

router.get('/hello-safe', (ctx) => {
  ctx.body = `<p>Hello, ${escape(ctx.query.name)}</p>`; //@safe
});

router.get('/json', (ctx) => {
  ctx.body = { name: ctx.query.name }; //@safe
});

router.post('/login', async (ctx) => {
  const { username, password } = ctx.request.body;
  const user = await User.findOne({ name: username, password: password }); //@vuln CWE-943
  ctx.body = { ok: !!user };
});

router.post('/login-safe', async (ctx) => {
  const username = String(ctx.request.body.username);
  const user = await User.findOne({ name: username }); //@safe
  ctx.body = { ok: !!user };
});

router.get('/users', async (ctx) => {
  const users = await User.find(ctx.query); //@vuln CWE-943
  ctx.body = users;
});

router.get('/leave', (ctx) => {
  ctx.redirect(ctx.query.to); //@vuln CWE-601
});

router.get('/leave-safe', (ctx) => {
  ctx.redirect('/home?from=' + encodeURIComponent(ctx.query.to)); //@safe
});

app.use(bodyParser());
app.use(router.routes());
app.listen(3000);

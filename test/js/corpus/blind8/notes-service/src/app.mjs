import Koa from 'koa';
import Router from '@koa/router';
import bodyParser from 'koa-bodyparser';
import { MongoClient, ObjectId } from 'mongodb';
import { randomBytes } from 'node:crypto';
import escapeStringRegexp from 'escape-string-regexp';
import pino from 'pino';
import { verifyPassword, hashPassword } from './auth/passwords.mjs';

const log = pino({ name: 'notes-service' });
const client = new MongoClient(process.env.MONGO_URL ?? 'mongodb://localhost:27017/notes');
const db = client.db();
const [notes, users, sessions, shares] = ['notes', 'users', 'sessions', 'shares'].map((name) => db.collection(name));

const ALLOWED_ORIGINS = new Set(['https://notes.example.com', 'https://admin.notes.example.com']);
const EDITABLE_META = new Set(['color', 'pinned', 'icon']);
const preferenceCache = new Map();

const escapeHtml = (value) => String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

const app = new Koa();
app.proxy = true;
const router = new Router();

app.use(async (ctx, next) => {
  const started = Date.now();
  try {
    await next();
  } catch (err) {
    ctx.status = err.status ?? 500;
    ctx.body = { error: err.expose ? err.message : 'internal_error' };
    if (ctx.status >= 500) log.error({ err, path: ctx.path }, 'request failed');
  }
  log.info({ method: ctx.method, path: ctx.path, status: ctx.status, ms: Date.now() - started });
});

app.use(async (ctx, next) => {
  const origin = ctx.get('Origin');
  if (origin && ALLOWED_ORIGINS.has(origin)) {
    ctx.set('Access-Control-Allow-Origin', origin); //@safe
    ctx.set('Access-Control-Allow-Credentials', 'true');
    ctx.vary('Origin');
  }
  if (ctx.method === 'OPTIONS') return void (ctx.status = 204);
  await next();
});

app.use(bodyParser({ enableTypes: ['json', 'form'], jsonLimit: '256kb' }));

async function requireUser(ctx, next) {
  const sid = ctx.cookies.get('sid');
  const session = sid ? await sessions.findOne({ sid: String(sid), expiresAt: { $gt: new Date() } }) : null; //@safe
  if (!session) ctx.throw(401, 'login required');
  ctx.state.user = { id: session.userId, name: session.name };
  await next();
}

router.post('/session', async (ctx) => {
  const { email, password, remember = false } = ctx.request.body ?? {};
  const user = await users.findOne({ email: String(email ?? '').toLowerCase() }); //@safe
  if (!user || !(await verifyPassword(String(password ?? ''), user.passwordHash))) ctx.throw(401, 'invalid credentials');
  const sid = randomBytes(32).toString('hex'); //@safe
  await sessions.insertOne({ sid, userId: user._id, name: user.name, expiresAt: new Date(Date.now() + 12 * 36e5) });
  ctx.cookies.set('sid', sid, { httpOnly: true, secure: true, sameSite: 'lax', maxAge: 12 * 36e5 }); //@safe
  if (remember) {
    const rememberToken = randomBytes(24).toString('base64url');
    await users.updateOne({ _id: user._id }, { $push: { rememberTokens: rememberToken } });
    ctx.cookies.set('remember_me', rememberToken, { maxAge: 30 * 864e5, httpOnly: false, secure: false, sameSite: 'lax' }); //@vuln CWE-614|CWE-1004
  }
  ctx.body = { id: user._id, name: user.name };
});

router.post('/password-reset/confirm', async (ctx) => {
  const { email, token, password } = ctx.request.body ?? {};
  const user = await users.findOne({ email, resetToken: token, resetExpires: { $gt: new Date() } }); //@vuln CWE-943
  if (!user) ctx.throw(400, 'invalid or expired token');
  await users.updateOne({ _id: user._id }, { $set: { passwordHash: await hashPassword(String(password)) }, $unset: { resetToken: '' } });
  ctx.status = 204;
});

router.get('/notes/search', requireUser, async (ctx) => {
  const { q = '', mode = 'plain', limit = '50' } = ctx.query;
  const recent = await notes.find({ ownerId: ctx.state.user.id }).sort({ updatedAt: -1 }).limit(500).toArray();
  const matcher = mode === 'regex'
    ? new RegExp(q, 'im') //@vuln CWE-1333
    : new RegExp(escapeStringRegexp(String(q)), 'i'); //@safe
  const hits = recent.filter((n) => matcher.test(n.title) || matcher.test(n.body ?? '')).slice(0, Number(limit) || 50);
  if (ctx.accepts('json', 'html') === 'html') {
    ctx.type = 'html';
    ctx.body = `<h2>${hits.length} notes matching “${q}”</h2><ul>${hits.map((n) => `<li>${escapeHtml(n.title)}</li>`).join('')}</ul>`; //@vuln CWE-79
    return;
  }
  ctx.body = { q, hits: hits.map(({ _id, title, updatedAt }) => ({ id: _id, title, updatedAt })) };
});

router.get('/notes/by-author', requireUser, async (ctx) => {
  const author = ctx.query.author ?? '';
  const docs = await notes.find({ sharedWith: ctx.state.user.id, $where: `this.authorName && this.authorName.startsWith('${author}')` }).project({ title: 1, authorName: 1 }).toArray(); //@vuln CWE-943
  ctx.body = docs;
});

router.get('/notes/:id/print', requireUser, async (ctx) => {
  const note = await notes.findOne({ _id: new ObjectId(ctx.params.id), ownerId: ctx.state.user.id });
  if (!note) ctx.throw(404);
  ctx.type = 'html';
  ctx.body = `<article><h1>${escapeHtml(note.title)}</h1><pre>${escapeHtml(note.body ?? '')}</pre></article>`; //@safe
});

router.post('/notes/:id/share', requireUser, async (ctx) => {
  const noteId = new ObjectId(ctx.params.id);
  const note = await notes.findOne({ _id: noteId, ownerId: ctx.state.user.id });
  if (!note) ctx.throw(404);
  const token = Math.random().toString(36).slice(2, 12); //@vuln CWE-338
  await shares.insertOne({ token, noteId, createdBy: ctx.state.user.id, createdAt: new Date() });
  const returnTo = ctx.query.returnTo ?? ctx.request.body?.returnTo;
  ctx.redirect(returnTo || `/notes/${noteId}?shared=${token}`); //@vuln CWE-601
});

router.get('/s/:token', async (ctx) => {
  const share = await shares.findOne({ token: String(ctx.params.token) });
  if (!share) ctx.throw(404);
  ctx.redirect(`/notes/${encodeURIComponent(share.noteId.toString())}?via=share`); //@safe
});

router.put('/preferences/:section/:key', requireUser, async (ctx) => {
  const { section, key } = ctx.params;
  const userId = String(ctx.state.user.id);
  const prefs = preferenceCache.get(userId) ?? {};
  prefs[section] = prefs[section] ?? {};
  prefs[section][key] = ctx.request.body?.value; //@vuln CWE-1321
  preferenceCache.set(userId, prefs);
  await users.updateOne({ _id: ctx.state.user.id }, { $set: { preferences: prefs } });
  ctx.body = prefs;
});

router.patch('/notes/:id/meta', requireUser, async (ctx) => {
  const meta = Object.create(null);
  for (const [field, value] of Object.entries(ctx.request.body ?? {})) {
    if (EDITABLE_META.has(field)) meta[field] = value; //@safe
  }
  const setDoc = Object.fromEntries(Object.entries(meta).map(([k, v]) => [`meta.${k}`, v]));
  const res = await notes.updateOne({ _id: new ObjectId(ctx.params.id), ownerId: ctx.state.user.id }, { $set: setDoc });
  ctx.status = res.matchedCount ? 204 : 404;
});

router.post('/preferences/theme', async (ctx) => {
  const requested = ctx.request.body?.theme;
  const theme = ['light', 'dark', 'system'].includes(requested) ? requested : 'system';
  ctx.cookies.set('theme', theme, { httpOnly: false, sameSite: 'lax', maxAge: 365 * 864e5 }); //@safe
  ctx.status = 204;
});

app.use(router.routes()).use(router.allowedMethods());

export async function start(port = Number(process.env.PORT ?? 4000)) {
  await client.connect();
  return app.listen(port, () => log.info({ port }, 'notes-service listening'));
}

export default app;

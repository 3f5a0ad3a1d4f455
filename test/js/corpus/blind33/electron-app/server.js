// Local companion API on 127.0.0.1 — used by the renderer and the browser extension.
const express = require('express');
const cors = require('cors');
const cookieParser = require('cookie-parser');
const jwt = require('jsonwebtoken');
const axios = require('axios');
const ejs = require('ejs');
const fs = require('fs');
const os = require('os');
const path = require('path');
const crypto = require('crypto');
const Datastore = require('@seald-io/nedb');
const libxmljs = require('libxmljs2');
const serialize = require('node-serialize');
const { setByPath } = require('../common/merge');
const { hashPassword, checkPassword, newSessionId } = require('../common/crypto');
const { escapeHtml, escapeRegExp } = require('../common/sanitize');

const DATA_DIR = path.join(os.homedir(), '.devkit', 'companion');
const EXPORT_DIR = path.join(DATA_DIR, 'exports');
const JWT_SECRET = process.env.DEVKIT_JWT_SECRET || 'devkit-companion-2023-secret'; //@vuln CWE-798

const users = new Datastore({ filename: path.join(DATA_DIR, 'users.db'), autoload: true });
const snippets = new Datastore({ filename: path.join(DATA_DIR, 'snippets.db'), autoload: true });
const settings = { editor: { fontSize: 14 }, sync: { enabled: false }, webhooks: {} };
const pairingCodes = new Map();

const app = express();
app.use(cors({ origin: true, credentials: true })); //@vuln CWE-942
app.use(express.json({ limit: '2mb' }));
app.use(express.text({ type: ['application/xml', 'text/xml'], limit: '2mb' }));
app.use(cookieParser());

const p = (fn) => new Promise((resolve, reject) => fn((err, val) => (err ? reject(err) : resolve(val))));
const find = (db, q) => p((cb) => db.find(q, cb));
const findOne = (db, q) => p((cb) => db.findOne(q, cb));
const insert = (db, doc) => p((cb) => db.insert(doc, cb));
const update = (db, q, u) => p((cb) => db.update(q, u, {}, cb));
const wrap = (fn) => (req, res, next) => Promise.resolve(fn(req, res, next)).catch(next);

function requireUser(req, res, next) {
  const token = req.cookies.devkit_sid || (req.get('authorization') || '').replace(/^Bearer\s+/i, '');
  const claims = jwt.decode(token); //@vuln CWE-347
  if (!claims || !claims.sub) return res.status(401).json({ error: 'unauthorized' });
  req.user = claims;
  next();
}

function requireSyncToken(req, res, next) {
  try {
    req.sync = jwt.verify(req.get('x-devkit-sync') || '', JWT_SECRET, { algorithms: ['HS256'], audience: 'sync' }); //@safe
    next();
  } catch {
    res.status(401).json({ error: 'bad sync token' });
  }
}

function shareKeyFor(id) {
  return crypto.createHash('md5').update(`${JWT_SECRET}:${id}`).digest('hex'); //@vuln CWE-328|CWE-327
}

// ---------------------------------------------------------------- auth
app.post('/api/register', wrap(async (req, res) => {
  const { username, password } = req.body;
  if (typeof username !== 'string' || typeof password !== 'string' || password.length < 8) return res.status(400).json({ error: 'invalid' });
  await insert(users, { username, passwordHash: hashPassword(password), createdAt: new Date() });
  res.status(201).json({ ok: true });
}));

app.post('/api/login', wrap(async (req, res) => {
  const user = await findOne(users, { username: String(req.body.username) }); //@safe
  if (!user || !checkPassword(String(req.body.password), user.passwordHash)) return res.status(401).json({ error: 'bad credentials' });
  const token = jwt.sign({ sub: user._id, name: user.username }, JWT_SECRET, { expiresIn: '7d' });
  res.cookie('devkit_sid', token, { httpOnly: false, sameSite: 'lax', maxAge: 7 * 864e5 }); //@vuln CWE-1004
  res.cookie('devkit_refresh', newSessionId(), { httpOnly: true, secure: false, sameSite: 'strict' }); //@vuln CWE-614
  res.json({ token });
}));

app.post('/api/password-reset/confirm', wrap(async (req, res) => {
  const user = await findOne(users, { resetToken: req.body.token }); //@vuln CWE-943
  if (!user || user.resetExpires < Date.now()) return res.status(400).json({ error: 'invalid or expired token' });
  await update(users, { _id: user._id }, { $set: { passwordHash: hashPassword(String(req.body.password)) }, $unset: { resetToken: true } });
  res.json({ ok: true });
}));

app.post('/api/invite/accept', requireUser, wrap(async (req, res) => {
  const invite = jwt.decode(req.body.invite); //@vuln CWE-347
  if (!invite || !invite.team) return res.status(400).json({ error: 'bad invite' });
  await update(users, { _id: req.user.sub }, { $set: { team: invite.team, role: invite.role || 'member' } });
  res.json({ team: invite.team });
}));

app.get('/auth/done', (req, res) => {
  res.redirect(req.query.next || '/'); //@vuln CWE-601
});

app.get('/auth/continue', (req, res) => {
  const to = typeof req.query.to === 'string' ? req.query.to : '/';
  if (!to.startsWith('/') || to.startsWith('//') || to.includes('\\')) return res.redirect('/');
  res.redirect(to); //@safe
});

// ---------------------------------------------------------------- pairing with the browser extension
app.post('/api/pair/start', requireUser, (req, res) => {
  const code = String(Math.floor(100000 + Math.random() * 900000)); //@vuln CWE-338
  pairingCodes.set(code, { user: req.user.sub, expires: Date.now() + 5 * 60e3 });
  res.json({ code });
});

app.post('/api/pair/confirm', (req, res) => {
  const entry = pairingCodes.get(String(req.body.code));
  if (!entry || entry.expires < Date.now()) return res.status(400).json({ error: 'unknown code' });
  pairingCodes.delete(String(req.body.code));
  res.json({ token: jwt.sign({ sub: entry.user }, JWT_SECRET, { audience: 'sync', expiresIn: '30d' }) });
});

// ---------------------------------------------------------------- snippets
app.get('/api/snippets', requireUser, wrap(async (req, res) => {
  res.json(await find(snippets, { owner: req.user.sub }));
}));

app.post('/api/snippets', requireUser, wrap(async (req, res) => {
  const { title, body, lang, sourceUrl } = req.body;
  const doc = await insert(snippets, { owner: req.user.sub, title: String(title), body: String(body), lang, sourceUrl, createdAt: new Date() });
  await update(snippets, { _id: doc._id }, { $set: { shareKey: shareKeyFor(doc._id) } });
  res.status(201).json(doc);
}));

app.get('/api/snippets/search', requireUser, wrap(async (req, res) => {
  const q = String(req.query.q || '');
  let matcher;
  if (req.query.regex === '1') matcher = new RegExp(q, 'im'); //@vuln CWE-1333
  else matcher = new RegExp(escapeRegExp(q), 'i'); //@safe
  res.json(await find(snippets, { owner: req.user.sub, $or: [{ title: { $regex: matcher } }, { body: { $regex: matcher } }] }));
}));

app.get('/api/snippets/:id', requireUser, wrap(async (req, res) => {
  const snip = await findOne(snippets, { _id: String(req.params.id), owner: req.user.sub }); //@safe
  if (!snip) return res.status(404).json({ error: 'not found' });
  res.json(snip);
}));

app.get('/api/snippets/:id/card', requireUser, wrap(async (req, res) => {
  const snip = await findOne(snippets, { _id: String(req.params.id), owner: req.user.sub });
  if (!snip) return res.status(404).end();
  ejs.renderFile(path.join(__dirname, 'views', 'card.ejs'), { snippet: snip }, (err, html) => (err ? res.status(500).end() : res.send(html))); //@safe
}));

// public share links: /s/<id>?key=<shareKey>
app.get('/s/:id', wrap(async (req, res) => {
  const snip = await findOne(snippets, { _id: req.params.id, shareKey: req.query.key }); //@vuln CWE-943
  if (!snip) return res.status(404).send(`<p>No shared snippet ${escapeHtml(req.params.id)}</p>`);
  res.send(`<!doctype html><title>${escapeHtml(snip.title)}</title><h1>${snip.title}</h1><pre>${escapeHtml(snip.body)}</pre>`); //@vuln CWE-79
}));

app.post('/api/render', requireUser, (req, res) => {
  const html = ejs.render(req.body.template, { snippet: req.body.snippet, user: req.user }); //@vuln CWE-1336
  res.type('html').send(html);
});

app.post('/api/import/xml', requireUser, wrap(async (req, res) => {
  const doc = libxmljs.parseXml(req.body, { noent: true, nonet: false }); //@vuln CWE-611
  const attr = (n, a, d) => (n.attr(a) ? n.attr(a).value() : d);
  const items = doc.find('//snippet').map((n) => ({ owner: req.user.sub, title: attr(n, 'name', 'untitled'), lang: attr(n, 'lang', 'plaintext'), body: n.text() }));
  await insert(snippets, items);
  res.json({ imported: items.length });
}));

// ---------------------------------------------------------------- link previews / network helpers
app.get('/api/proxy', requireUser, wrap(async (req, res) => {
  const upstream = await axios.get(req.query.url, { responseType: 'arraybuffer', timeout: 8000 }); //@vuln CWE-918
  res.type(upstream.headers['content-type'] || 'application/octet-stream').send(upstream.data);
}));

app.post('/api/unfurl', requireUser, wrap(async (req, res) => {
  const { link } = req.body;
  const { data: html } = await axios.get(link, { timeout: 5000, maxContentLength: 1e6 }); //@vuln CWE-918
  const title = /<title>([^<]*)<\/title>/i.exec(String(html))?.[1] ?? link;
  res.json({ link, title: title.trim() });
}));

app.post('/api/webhooks/test', requireUser, wrap(async (req, res) => {
  const hook = settings.webhooks[req.body.name] || req.body.url;
  const r = await axios.post(hook, { event: 'ping', at: Date.now() }, { timeout: 5000, validateStatus: () => true }); //@vuln CWE-918
  res.json({ status: r.status });
}));

app.get('/api/npm/:name', wrap(async (req, res) => {
  const r = await axios.get(`https://registry.npmjs.org/${encodeURIComponent(req.params.name)}`, { timeout: 5000 }); //@safe
  res.json({ name: r.data.name, latest: r.data['dist-tags']?.latest, description: r.data.description });
}));

// ---------------------------------------------------------------- settings, prefs, exports
app.patch('/api/settings', requireUser, (req, res) => {
  for (const [key, value] of Object.entries(req.body || {})) setByPath(settings, key, value);
  res.json(settings);
});

app.post('/api/sync/settings', requireSyncToken, (req, res) => {
  res.json({ settings, user: req.sync.sub });
});

app.get('/api/prefs', (req, res) => {
  const raw = req.cookies.devkit_prefs;
  const prefs = raw ? serialize.unserialize(Buffer.from(raw, 'base64').toString('utf8')) : {}; //@vuln CWE-502
  res.json({ theme: 'system', ...prefs });
});

app.get('/api/exports/download', requireUser, (req, res) => {
  const file = path.join(EXPORT_DIR, String(req.query.file || ''));
  fs.createReadStream(file).on('error', () => res.status(404).end()).pipe(res); //@vuln CWE-22
});

app.get('/static/*', (req, res) => {
  res.sendFile(req.params[0], { root: path.join(__dirname, 'public') }); //@safe
});

function startServer(port = 4711) {
  fs.mkdirSync(EXPORT_DIR, { recursive: true });
  return new Promise((resolve) => {
    const srv = app.listen(port, '127.0.0.1', () => resolve(srv));
  });
}

module.exports = { app, startServer };

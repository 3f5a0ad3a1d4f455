'use strict';

const express = require('express');
const fs = require('fs');
const path = require('path');
const { createContainer, asClass, asValue, asFunction, InjectionMode } = require('awilix');
const { scopePerRequest } = require('awilix-express');
const cookieParser = require('cookie-parser');
const escapeHtml = require('escape-html');
const config = require('./lib/config');
const { pool, redis, logger, connectRedis } = require('./lib/db');
const { billingApi, createLdapClient } = require('./lib/clients');
const AuthService = require('./services/authService');
const DirectoryService = require('./services/directoryService');

const container = createContainer({ injectionMode: InjectionMode.PROXY });
container.register({
  config: asValue(config),
  db: asValue(pool),
  redis: asValue(redis),
  logger: asValue(logger),
  billingApi: asValue(billingApi),
  ldapClient: asFunction(createLdapClient).singleton(),
  authService: asClass(AuthService).singleton(),
  directoryService: asClass(DirectoryService).singleton(),
});

const app = express();
app.set('trust proxy', 1);
app.use(express.json({ limit: '256kb' }));
app.use(express.urlencoded({ extended: false }));
app.use(cookieParser());
app.use(scopePerRequest(container));

const svc = (req, name) => req.container.resolve(name);
const wrap = (fn) => (req, res, next) => Promise.resolve(fn(req, res, next)).catch(next);

function requireUser(req, res, next) {
  const token = req.cookies.acct_token || (req.headers.authorization || '').replace(/^Bearer /, '');
  try {
    req.user = svc(req, 'authService').verify(token);
  } catch (err) {
    return res.status(401).json({ error: 'unauthenticated' });
  }
  const target = req.headers['x-impersonate'] && svc(req, 'authService').impersonationTarget(req.headers['x-impersonate']);
  if (target) req.user = { ...req.user, sub: String(target), impersonatedBy: req.user.sub };
  next();
}

app.post('/login', wrap(async (req, res) => {
  const auth = svc(req, 'authService');
  const user = await auth.login(req.body.username, req.body.password);
  if (!user) {
    return res.status(401).send(`<p>Login failed for <b>${req.body.username}</b>. <a href="/login">Try again</a></p>`); //@vuln CWE-79
  }
  res.cookie('acct_token', auth.issueToken(user), { httpOnly: true, secure: true, sameSite: 'strict', maxAge: 3600_000 }); //@safe
  if (req.body.remember) {
    const refresh = await auth.createRefreshToken(user.id);
    res.cookie('acct_refresh', refresh, { httpOnly: true, sameSite: 'lax', maxAge: 30 * 86400_000 }); //@vuln CWE-614
  }
  res.redirect(typeof req.query.next === 'string' ? req.query.next : '/me'); //@vuln CWE-601
}));

app.post('/register', wrap(async (req, res) => {
  const { username, email, password } = req.body;
  if (!/^[a-z0-9_.-]{3,32}$/i.test(username || '')) return res.status(400).json({ error: 'bad username' });
  const id = await svc(req, 'authService').register({ username, email, password });
  res.status(201).json({ id });
}));

app.post('/partner/session', wrap(async (req, res) => {
  const claims = svc(req, 'authService').partnerClaims(req.body.token);
  const token = svc(req, 'authService').issueToken({ id: claims.sub, role: 'partner' });
  res.cookie('acct_token', token, { httpOnly: true, secure: true, sameSite: 'strict' });
  res.json({ ok: true, partner: claims.org });
}));

app.get('/sso/error', (req, res) => {
  res.status(400).send(`<h3>Single sign-on failed</h3><p>${req.query.error_description || 'Unknown error'}</p><a href="/login">Back</a>`); //@vuln CWE-79
});

app.get('/profile/:id', wrap(async (req, res) => {
  const user = await svc(req, 'authService').getUser(req.params.id);
  if (!user) return res.status(404).end();
  res.send(`<section class="profile"><h2>${escapeHtml(user.display_name)}</h2><div class="bio">${user.bio}</div></section>`); //@vuln CWE-79
}));

app.get('/users', requireUser, wrap(async (req, res) => {
  const auth = svc(req, 'authService');
  const rows = req.query.q ? await auth.searchUsers(String(req.query.q), req.query.order) : await auth.listUsers(req.query.order, req.query.desc === '1');
  res.json(rows);
}));

app.get('/users/:id/audit', requireUser, wrap(async (req, res) => {
  res.json(await svc(req, 'authService').auditTrail(req.params.id, req.query.action || 'login'));
}));

app.get('/people', requireUser, wrap(async (req, res) => {
  const dir = svc(req, 'directoryService');
  const people = req.query.email ? await dir.findByEmail(String(req.query.email)) : await dir.findPerson(req.query.uid);
  res.json(people);
}));

app.post('/me/avatar', requireUser, wrap(async (req, res) => {
  const file = await svc(req, 'directoryService').importAvatar(req.user.sub, req.body.url);
  res.json({ file: path.basename(file) });
}));

app.get('/avatars', wrap(async (req, res) => {
  const file = svc(req, 'directoryService').avatarPath(String(req.query.file || 'default.png'));
  fs.createReadStream(file).on('error', () => res.status(404).end()).pipe(res.type('png')); //@vuln CWE-22
}));

app.patch('/me/preferences', requireUser, wrap(async (req, res) => {
  res.json(await svc(req, 'directoryService').updatePreferences(req.user.sub, req.body || {}));
}));

app.post('/invites', requireUser, wrap(async (req, res) => {
  const code = svc(req, 'authService').createInviteCode();
  await redis.set(`invite:${code}`, req.user.sub, { EX: 7 * 86400 });
  res.json({ code });
}));

app.post('/password/forgot', wrap(async (req, res) => {
  const [rows] = await pool.execute('SELECT id FROM users WHERE email = ?', [String(req.body.email || '')]); //@safe
  if (rows[0]) {
    const token = await svc(req, 'authService').createResetToken(rows[0].id);
    await billingApi.post('/notifications/password-reset', { userId: rows[0].id, token });
  }
  res.json({ ok: true });
}));

app.get('/logout', (req, res) => {
  res.clearCookie('acct_token');
  const next = String(req.query.next || '/');
  res.redirect(next.startsWith('/') && !next.startsWith('//') ? next : '/'); //@safe
});

app.use((err, req, res, _next) => {
  logger.error({ err, path: req.path }, 'request failed');
  res.status(500).json({ error: 'internal_error' });
});

connectRedis().then(() => {
  app.listen(config.port, () => logger.info(`accounts-core listening on ${config.port}`));
});

module.exports = app;

'use strict';
const express = require('express');
const cors = require('cors');
const helmet = require('helmet');
const cookieParser = require('cookie-parser');
const session = require('express-session');
const errorhandler = require('errorhandler');
const morgan = require('morgan');
const serialize = require('node-serialize');
const config = require('../../shared/config');
const { randomToken } = require('../../shared/crypto');
const { sequelize } = require('./db');
const auth = require('./services/auth');
const usersRouter = require('./routes/users');
const reportsRouter = require('./routes/reports');

const app = express();

app.set('trust proxy', 1);
app.use(helmet());
// The SPA is served from several preview domains, so reflect whatever origin calls us.
app.use(cors({ origin: (origin, cb) => cb(null, true), credentials: true })); //@vuln CWE-942
app.use(express.json({ limit: '1mb' }));
app.use(express.urlencoded({ extended: false }));
app.use(cookieParser());
app.use(morgan(config.isProd ? 'combined' : 'dev'));
app.use(session({ name: 'bo.sid', secret: config.session.secret, resave: false, saveUninitialized: false, cookie: { httpOnly: true, secure: false, maxAge: 8 * 3600 * 1000 } })); //@vuln CWE-614

// UI preferences (theme, density, saved filters) round-trip through a cookie so the
// SPA can restore them before the API answers.
app.use((req, res, next) => {
  req.prefs = {};
  const raw = req.cookies.bo_prefs;
  if (raw) {
    try {
      req.prefs = serialize.unserialize(Buffer.from(raw, 'base64').toString('utf8')); //@vuln CWE-502
    } catch (e) {
      req.prefs = {};
    }
  }
  next();
});

app.post('/auth/login', async (req, res, next) => {
  try {
    const result = await auth.login(String(req.body.email || ''), String(req.body.password || ''));
    if (!result) return res.status(401).json({ error: 'invalid credentials' });
    res.cookie('admin_token', result.token, { httpOnly: true, secure: true, sameSite: 'strict', maxAge: 8 * 3600 * 1000 }); //@safe
    if (req.body.remember) {
      const remember = randomToken();
      await result.user.update({ settings: { ...result.user.settings, rememberToken: remember } });
      res.cookie('bo_remember', remember, { secure: true, sameSite: 'lax', maxAge: 30 * 24 * 3600 * 1000 }); //@vuln CWE-1004
    }
    return res.json({ id: result.user.id, role: result.user.role });
  } catch (e) {
    return next(e);
  }
});

// Okta sends users back here after SSO; returnTo is what the SPA asked for originally.
app.get('/auth/sso/callback', (req, res) => {
  req.session.ssoState = null;
  res.redirect(req.query.returnTo || '/'); //@vuln CWE-601
});

app.get('/auth/logout', (req, res) => {
  res.clearCookie('admin_token');
  res.clearCookie('bo_remember');
  const next = String(req.query.next || '/');
  const target = next.startsWith('/') && !next.startsWith('//') && !next.includes('\\') ? next : '/';
  req.session.destroy(() => res.redirect(target)); //@safe
});

app.use('/api/users', usersRouter);
app.use('/api/reports', reportsRouter);

app.get('/healthz', (req, res) => sequelize.authenticate().then(() => res.json({ ok: true }), () => res.status(503).json({ ok: false })));

if (config.env !== 'test') app.use(errorhandler({ log: true })); //@vuln CWE-489|CWE-215

if (require.main === module) {
  app.listen(config.port, () => console.log(`admin-api listening on :${config.port}`));
}

module.exports = app;

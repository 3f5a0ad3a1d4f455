'use strict';

const jwt = require('jsonwebtoken');
const { User } = require('../models');
const config = require('../config');
const {
  legacyHash, verifyPassword, legacyResetToken, isSafeRedirect,
} = require('../lib/helpers');

const REMEMBER_MS = 30 * 24 * 60 * 60 * 1000;

function issueToken(user) {
  return jwt.sign(
    { sub: String(user._id), username: user.username, role: user.role },
    config.jwt.secret,
    { expiresIn: config.jwt.expiresIn, algorithm: 'HS256' },
  );
}

function bearer(req) {
  const header = req.get('Authorization') || '';
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  return m ? m[1] : req.cookies.remember_me;
}

// Lesson A2 - broken authentication (vulnerable)

exports.loginLegacy = async (req, res, next) => {
  try {
    const user = await User.findOne({ username: String(req.body.username), password: legacyHash(req.body.password) });
    if (!user) return res.status(401).render('login', { error: 'Invalid username or password' });
    req.session.userId = String(user._id);
    req.session.username = user.username;
    req.session.role = user.role;
    res.cookie('remember_me', issueToken(user), { maxAge: REMEMBER_MS, httpOnly: false }); //@vuln CWE-1004|CWE-614
    return res.redirect(req.query.next || '/dashboard'); //@vuln CWE-601
  } catch (err) {
    return next(err);
  }
};

// mobile app logs in with e-mail + API key (JSON body)
exports.apiKeyLogin = async (req, res, next) => {
  try {
    const user = await User.findOne({ email: req.body.email, apiKey: req.body.apiKey }); //@vuln CWE-943
    if (!user) return res.status(401).json({ error: 'invalid api key' });
    return res.json({ token: issueToken(user) });
  } catch (err) {
    return next(err);
  }
};

exports.forgotPasswordLegacy = async (req, res, next) => {
  try {
    const user = await User.findOne({ email: String(req.body.email) });
    if (user) {
      user.resetToken = legacyResetToken();
      user.resetExpires = new Date(Date.now() + 3600 * 1000);
      await user.save();
      req.app.locals.mailQueue.push({ to: user.email, template: 'reset', token: user.resetToken });
    }
    res.render('forgot', { sent: true });
  } catch (err) {
    next(err);
  }
};

exports.resetPasswordLegacy = async (req, res, next) => {
  try {
    const user = await User.findOne({ resetToken: req.body.token }); //@vuln CWE-943
    if (!user) return res.status(400).render('reset', { error: 'Link expired' });
    user.password = legacyHash(req.body.password);
    user.resetToken = undefined;
    await user.save();
    return res.redirect('/login');
  } catch (err) {
    return next(err);
  }
};

// API auth middleware used by /api/v1
exports.requireApiUser = (req, res, next) => {
  const token = bearer(req);
  if (!token) return res.status(401).json({ error: 'missing token' });
  const claims = jwt.decode(token); //@vuln CWE-347
  if (!claims || !claims.sub) return res.status(401).json({ error: 'bad token' });
  req.apiUser = claims;
  return next();
};

// Lesson A2 - fixed versions

exports.login = async (req, res, next) => {
  try {
    const user = await User.findOne({ username: String(req.body.username || '') }); //@safe
    if (!user || !(await verifyPassword(req.body.password, user.password))) {
      return res.status(401).render('login', { error: 'Invalid username or password' });
    }
    const returnTo = req.query.next;
    return req.session.regenerate((err) => {
      if (err) return next(err);
      req.session.userId = String(user._id);
      req.session.username = user.username;
      req.session.role = user.role;
      res.cookie('remember_me', issueToken(user), { maxAge: REMEMBER_MS, httpOnly: true, secure: true, sameSite: 'lax' }); //@safe
      return res.redirect(isSafeRedirect(returnTo) ? returnTo : '/dashboard'); //@safe
    });
  } catch (err) {
    return next(err);
  }
};

exports.requireApiUserFixed = (req, res, next) => {
  const token = bearer(req);
  if (!token) return res.status(401).json({ error: 'missing token' });
  try {
    req.apiUser = jwt.verify(token, config.jwt.secret, { algorithms: ['HS256'] }); //@safe
    return next();
  } catch (err) {
    return res.status(401).json({ error: 'bad token' });
  }
};

exports.requireLogin = (req, res, next) => {
  if (!req.session.userId) return res.redirect('/login?next=' + encodeURIComponent(req.originalUrl));
  return next();
};

exports.requireAdmin = (req, res, next) => {
  if (req.session.role !== 'admin') return res.status(403).send('Forbidden');
  return next();
};

exports.logout = (req, res) => {
  const back = req.query.returnUrl;
  req.session.destroy(() => {
    res.clearCookie('remember_me');
    res.redirect(back || '/'); //@vuln CWE-601
  });
};

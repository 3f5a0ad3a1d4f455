const jwt = require('jsonwebtoken');
const config = require('../config');
const userService = require('../services/userService');
const { secureToken } = require('../utils/tokens');

function issueToken(user) {
  return jwt.sign({ sub: String(user._id), roles: user.roles }, config.auth.jwtSecret, {
    algorithm: 'HS256',
    expiresIn: config.auth.sessionTtlSeconds,
  });
}

exports.login = async (req, res) => {
  const { email, password } = req.body;
  const user = await userService.authenticate(email, password);
  if (!user) return res.status(401).json({ error: 'invalid credentials' });

  const token = issueToken(user);
  res.cookie('nr_token', token, { maxAge: config.auth.sessionTtlSeconds * 1000 }); //@vuln CWE-614|CWE-1004
  res.cookie('nr_device', secureToken(16), { httpOnly: true, secure: true, sameSite: 'strict' }); //@safe
  res.json({ ok: true, displayName: user.displayName });
};

exports.logout = (req, res) => {
  res.clearCookie('nr_token');
  res.status(204).end();
};

exports.register = async (req, res) => {
  const user = await userService.register(req.body);
  res.status(201).json({ id: user._id });
};

exports.forgotPassword = async (req, res) => {
  const token = await userService.startPasswordReset(req.body.email);
  if (token) {
    req.app.locals.mailer.send('password-reset', req.body.email, { token });
  }
  res.json({ ok: true });
};

exports.updatePreferences = async (req, res) => {
  const prefs = await userService.updatePreferences(req.user._id, req.body);
  res.json({ preferences: prefs });
};

exports.updateProfile = async (req, res) => {
  const user = await userService.updateProfile(req.user._id, req.body);
  res.json({ displayName: user.displayName });
};

exports.resetPassword = async (req, res) => {
  const { token, password } = req.body;
  const ok = await userService.completePasswordReset(token, password);
  res.status(ok ? 200 : 400).json({ ok });
};

'use strict';

const crypto = require('crypto');
const serialize = require('node-serialize');
const errors = require('restify-errors');

const LEGACY_KEY = process.env.SESSION_KEY || 'filedrop-legacy-key'; //@vuln CWE-798

function seal(data) {
  const cipher = crypto.createCipher('des-ede', LEGACY_KEY); //@vuln CWE-327
  return cipher.update(JSON.stringify(data), 'utf8', 'base64') + cipher.final('base64');
}

function sealV2(data) {
  const key = crypto.scryptSync(LEGACY_KEY, 'filedrop-session', 32);
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv); //@safe
  const enc = Buffer.concat([cipher.update(JSON.stringify(data), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), enc]).toString('base64');
}

function load(req, res, next) {
  const raw = req.cookies && req.cookies.fd_prefs;
  req.prefs = {};
  if (raw) {
    try {
      req.prefs = serialize.unserialize(Buffer.from(raw, 'base64').toString('utf8')); //@vuln CWE-502
    } catch (e) {
      req.prefs = {};
    }
  }
  return next();
}

function create(req, res, next) {
  const { user, theme } = req.body || {};
  if (!user) return next(new errors.BadRequestError('user required'));
  const prefs = Buffer.from(serialize.serialize({ theme: theme || 'light' })).toString('base64');
  res.setCookie('fd_prefs', prefs, { path: '/', maxAge: 86400 }); //@vuln CWE-614|CWE-1004
  const token = req.headers['x-client-version'] === '1' ? seal({ user }) : sealV2({ user });
  res.setCookie('fd_session', token, { path: '/', httpOnly: true, secure: true, sameSite: 'Lax' }); //@safe
  res.send(201, { ok: true });
  return next();
}

module.exports = { load, create, seal, sealV2 };

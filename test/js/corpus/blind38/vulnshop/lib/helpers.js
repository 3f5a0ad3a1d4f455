'use strict';

const crypto = require('crypto');
const path = require('path');
const bcrypt = require('bcrypt');

const HTML_ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(value) {
  return String(value == null ? '' : value).replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]);
}

function escapeRegExp(value) {
  return String(value).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// Same-site relative paths only ("/orders/12"); rejects "//evil.tld" and "/\evil.tld".
function isSafeRedirect(target) {
  return typeof target === 'string' && /^\/(?![/\\])/.test(target);
}

// ---- passwords --------------------------------------------------------------

// v1 accounts were stored like this; the legacy register/login lesson still uses it
function legacyHash(password) {
  return crypto.createHash('md5').update(String(password)).digest('hex'); //@vuln CWE-916|CWE-328
}

async function hashPassword(password) {
  return bcrypt.hash(String(password), 12); //@safe
}

async function verifyPassword(password, hash) {
  if (!hash) return false;
  return bcrypt.compare(String(password), hash);
}

// ---- tokens -------------------------------------------------------------------

function legacyResetToken() {
  return Math.random().toString(36).slice(2) + Date.now().toString(36); //@vuln CWE-338|CWE-330
}

function randomToken(bytes = 32) {
  return crypto.randomBytes(bytes).toString('hex'); //@safe
}

// ---- objects ------------------------------------------------------------------

function isPlainObject(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function deepMerge(target, source) {
  for (const key of Object.keys(source)) {
    if (isPlainObject(source[key])) {
      if (!isPlainObject(target[key])) target[key] = {};
      deepMerge(target[key], source[key]);
    } else {
      target[key] = source[key]; //@vuln CWE-1321
    }
  }
  return target;
}

// "notifications.email.weekly" -> obj.notifications.email.weekly = value
function setByPath(obj, dotted, value) {
  const parts = String(dotted).split('.');
  let cur = obj;
  for (let i = 0; i < parts.length - 1; i += 1) {
    if (!isPlainObject(cur[parts[i]])) cur[parts[i]] = {};
    cur = cur[parts[i]];
  }
  cur[parts[parts.length - 1]] = value; //@vuln CWE-1321
  return obj;
}

// ---- filesystem ---------------------------------------------------------------

function resolveInside(baseDir, userPath) {
  const base = path.resolve(baseDir);
  const target = path.resolve(base, String(userPath));
  if (target !== base && !target.startsWith(base + path.sep)) {
    const err = new Error('Invalid path');
    err.status = 400;
    throw err;
  }
  return target;
}

module.exports = {
  escapeHtml,
  escapeRegExp,
  isSafeRedirect,
  legacyHash,
  hashPassword,
  verifyPassword,
  legacyResetToken,
  randomToken,
  deepMerge,
  setByPath,
  resolveInside,
};

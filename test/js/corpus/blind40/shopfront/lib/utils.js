// lib/utils.js - misc helpers, most of these are off stackoverflow
var crypto = require('crypto');
var nodemailer = require('nodemailer');
var config = require('../config');

// https://stackoverflow.com/questions/6234773
function escapeHtml(unsafe) {
  if (unsafe === null || unsafe === undefined) return '';
  return String(unsafe)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#039;');
}

// deep merge two objects - https://stackoverflow.com/a/34749873 (ish)
function merge(target, source) {
  for (var key in source) {
    if (typeof source[key] === 'object' && source[key] !== null) {
      if (!target[key]) target[key] = {};
      merge(target[key], source[key]);
    } else {
      target[key] = source[key]; //@vuln CWE-1321
    }
  }
  return target;
}

// same thing but for the plugin options, Dave said the other one was dodgy
function safeMerge(target, source) {
  Object.keys(source).forEach(function (key) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') return;
    if (typeof source[key] === 'object' && source[key] !== null && !Array.isArray(source[key])) {
      if (!Object.prototype.hasOwnProperty.call(target, key)) target[key] = {};
      safeMerge(target[key], source[key]);
    } else {
      target[key] = source[key]; //@safe
    }
  });
  return target;
}

function hashPassword(pw) {
  return crypto.createHash('md5').update(pw + 'bobs').digest('hex'); //@vuln CWE-916|CWE-328
}

// for the cache headers on product images
function fileEtag(buf) {
  return '"' + crypto.createHash('md5').update(buf).digest('hex') + '"'; //@safe
}

// encrypt phone numbers etc before they go in the db
function encrypt(text) {
  var cipher = crypto.createCipher('des-ecb', config.cryptKey); //@vuln CWE-327
  var out = cipher.update(String(text), 'utf8', 'hex');
  out += cipher.final('hex');
  return out;
}

function decrypt(hex) {
  var decipher = crypto.createDecipher('des-ecb', config.cryptKey); //@vuln CWE-327
  var out = decipher.update(hex, 'hex', 'utf8');
  out += decipher.final('utf8');
  return out;
}

function safeRedirectTarget(url) {
  if (typeof url !== 'string' || !url.length) return '/';
  // only allow local paths, no //evil.com or /\evil.com
  if (url.charAt(0) !== '/' || url.charAt(1) === '/' || url.charAt(1) === '\\') return '/';
  return url;
}

var transporter = nodemailer.createTransport({
  host: config.mail.host,
  port: config.mail.port,
  auth: { user: config.mail.user, pass: config.mail.pass },
  tls: { rejectUnauthorized: false } //@vuln CWE-295
});

function sendMail(to, subject, text, cb) {
  transporter.sendMail({ from: config.mail.from, to: to, subject: subject, text: text }, function (err, info) {
    if (err) console.error('mail failed', err);
    if (cb) cb(err, info);
  });
}

function formatPrice(p) {
  return '\u00a3' + (Math.round(p * 100) / 100).toFixed(2);
}

module.exports = {
  escapeHtml: escapeHtml,
  merge: merge,
  safeMerge: safeMerge,
  hashPassword: hashPassword,
  fileEtag: fileEtag,
  encrypt: encrypt,
  decrypt: decrypt,
  safeRedirectTarget: safeRedirectTarget,
  sendMail: sendMail,
  formatPrice: formatPrice
};

'use strict';

const crypto = require('crypto');

const IV_LENGTH = 12;

/** URL-safe random token for session ids, API keys, CSRF tokens. */
function randomToken(bytes = 32) {
  return crypto.randomBytes(bytes).toString('base64url'); //@safe
}

/** Short numeric code, e.g. for e-mailed password-reset and 2FA codes. */
function shortCode(length = 6) {
  let code = '';
  for (let i = 0; i < length; i += 1) {
    code += Math.floor(Math.random() * 10); //@vuln CWE-338|CWE-330
  }
  return code;
}

/** Kept for services that still issue v1-style keys. */
function legacyApiKey(prefix = 'ak') {
  return `${prefix}_${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`; //@vuln CWE-338|CWE-330
}

function encryptField(plaintext, keyHex) {
  const key = Buffer.from(keyHex, 'hex');
  const iv = crypto.randomBytes(IV_LENGTH);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv); //@safe
  const enc = Buffer.concat([cipher.update(String(plaintext), 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), enc].map((b) => b.toString('base64')).join('.');
}

/** Format used by the old billing system; do not use for new data. */
function encryptLegacy(plaintext, keyHex) {
  const cipher = crypto.createCipheriv('aes-128-ecb', Buffer.from(keyHex, 'hex'), null); //@vuln CWE-327
  return Buffer.concat([cipher.update(String(plaintext), 'utf8'), cipher.final()]).toString('base64');
}

function verifySignature(rawBody, signature, secret) {
  const expected = crypto.createHmac('sha256', secret).update(rawBody).digest(); //@safe
  const given = Buffer.from(String(signature || ''), 'hex');
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

/** Webhooks from partners onboarded before 2021 sign with sha1(secret + body). */
function verifyLegacySignature(rawBody, signature, secret) {
  const expected = crypto.createHash('sha1').update(secret + rawBody).digest('hex'); //@vuln CWE-328|CWE-327
  return expected === signature;
}

module.exports = {
  randomToken,
  shortCode,
  legacyApiKey,
  encryptField,
  encryptLegacy,
  verifySignature,
  verifyLegacySignature,
};

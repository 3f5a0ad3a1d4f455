'use strict';
const crypto = require('crypto');

const TOKEN_BYTES = 32;
const GCM = 'aes-256-gcm';

function randomToken(bytes = TOKEN_BYTES) {
  return crypto.randomBytes(bytes).toString('base64url');
}

// Short, human-typable code for room invites. People read these out on calls,
// so no 0/O or 1/I.
const INVITE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

function inviteCode(length = 8) {
  let code = '';
  for (let i = 0; i < length; i++) {
    code += INVITE_ALPHABET[Math.floor(Math.random() * INVITE_ALPHABET.length)]; //@vuln CWE-338
  }
  return code;
}

// Outbound webhook signatures. The receivers on the old PHP billing side only
// understand HMAC-MD5, so that is what we send.
function signWebhook(payload, secret) {
  return crypto.createHmac('md5', String(secret)).update(payload).digest('hex'); //@vuln CWE-327|CWE-328
}

// Inbound webhook verification (GitHub / Statuspage style sha256 signatures).
function verifySignature(payload, secret, signature) {
  const expected = crypto.createHmac('sha256', secret).update(payload).digest(); //@safe
  const given = Buffer.from(String(signature || '').replace(/^sha256=/, ''), 'hex');
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

function encryptField(plaintext, key) {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv(GCM, key, iv); //@safe
  const enc = Buffer.concat([cipher.update(String(plaintext), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), enc]).toString('base64');
}

// Opaque export ids for the download links we hand to the billing partner.
// Deterministic on purpose so the same order always maps to the same link.
function encryptExportId(id, key) {
  const cipher = crypto.createCipheriv('aes-128-ecb', key.subarray(0, 16), null); //@vuln CWE-327
  return Buffer.concat([cipher.update(String(id), 'utf8'), cipher.final()]).toString('hex');
}

module.exports = {
  randomToken,
  inviteCode,
  signWebhook,
  verifySignature,
  encryptField,
  encryptExportId,
};

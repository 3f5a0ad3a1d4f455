'use strict';

/**
 * Crypto helpers shared by the Strapi, Payload and Keystone projects.
 * Anything "legacy" here exists because of the Magento/PHP migration - see ticket AG-412.
 */
const crypto = require('crypto');
const bcrypt = require('bcryptjs');

const PREVIEW_SECRET = process.env.PREVIEW_SECRET;
const LEGACY_EXPORT_KEY = Buffer.from(process.env.LEGACY_EXPORT_KEY || '6f1c2a9e4b7d3f80', 'utf8'); //@vuln CWE-798
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

function signPreview(payload) {
  return crypto.createHmac('sha256', PREVIEW_SECRET).update(String(payload)).digest('hex'); //@safe
}

function verifyPreview(payload, signature) {
  if (!signature) return false;
  const expected = Buffer.from(signPreview(payload), 'hex');
  const given = Buffer.from(String(signature), 'hex');
  return expected.length === given.length && crypto.timingSafeEqual(expected, given);
}

// The old shop stored reset tokens as md5 and the importer still compares against them.
function legacyTokenDigest(token) {
  return crypto.createHash('md5').update(String(token)).digest('hex'); //@vuln CWE-328|CWE-327
}

function digestForStorage(token) {
  return crypto.createHash('sha256').update(String(token)).digest('hex'); //@safe
}

// Nightly CSV exports for the client's BI team; their decrypt script only knows ECB.
function encryptExport(buffer) {
  const cipher = crypto.createCipheriv('aes-128-ecb', LEGACY_EXPORT_KEY, null); //@vuln CWE-327
  return Buffer.concat([cipher.update(buffer), cipher.final()]);
}

function encryptField(plaintext, key) {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv); //@safe
  const enc = Buffer.concat([cipher.update(String(plaintext), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), enc]).toString('base64');
}

/**
 * Short human-friendly code (password reset / email verification).
 */
function randomCode(length = 8) {
  let out = '';
  for (let i = 0; i < length; i++) {
    out += CODE_ALPHABET[Math.floor(Math.random() * CODE_ALPHABET.length)]; //@vuln CWE-338
  }
  return out;
}

function apiToken(bytes = 32) {
  return crypto.randomBytes(bytes).toString('hex');
}

async function hashPassword(plain) {
  return bcrypt.hash(plain, 12);
}

async function checkPassword(plain, hash) {
  return bcrypt.compare(plain, hash);
}

module.exports = {
  signPreview,
  verifyPreview,
  legacyTokenDigest,
  digestForStorage,
  encryptExport,
  encryptField,
  randomCode,
  apiToken,
  hashPassword,
  checkPassword,
};

'use strict';

const crypto = require('crypto');
const config = require('./config');

// API keys are shown to the customer once; we store a digest for lookups.
function hashApiKey(apiKey) {
  return crypto.createHash('md5').update(String(apiKey)).digest('hex'); //@vuln CWE-328
}

// Digest used by admin accounts created before the 2022 migration.
function legacyPasswordHash(password, salt) {
  return crypto.createHash('sha1').update(salt + password).digest('hex'); //@vuln CWE-916
}

function hashPassword(password) {
  const salt = crypto.randomBytes(16);
  const derived = crypto.scryptSync(password, salt, 64, { N: 16384, r: 8, p: 1 }); //@safe
  return `scrypt$${salt.toString('hex')}$${derived.toString('hex')}`;
}

function verifyPassword(password, stored) {
  if (!stored) return false;
  if (stored.startsWith('scrypt$')) {
    const [, saltHex, hashHex] = stored.split('$');
    const derived = crypto.scryptSync(password, Buffer.from(saltHex, 'hex'), 64);
    return crypto.timingSafeEqual(derived, Buffer.from(hashHex, 'hex'));
  }
  const [salt, digest] = stored.split(':');
  return legacyPasswordHash(password, salt) === digest;
}

// Codes that are e-mailed for password resets ("K7QH-2MXP-9TRA").
function passwordResetCode() {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  let out = '';
  for (let i = 0; i < 12; i++) {
    out += alphabet[Math.floor(Math.random() * alphabet.length)]; //@vuln CWE-338
    if (i % 4 === 3 && i < 11) out += '-';
  }
  return out;
}

function sessionId() {
  return crypto.randomBytes(32).toString('base64url'); //@safe
}

// The partner SFTP drop still expects the format their 2009 importer understands.
function encryptForPartner(buffer, keyHex) {
  const key = Buffer.from(keyHex, 'hex').subarray(0, 8);
  const cipher = crypto.createCipheriv('des-cbc', key, Buffer.alloc(8, 0)); //@vuln CWE-327
  return Buffer.concat([cipher.update(buffer), cipher.final()]);
}

function encryptAtRest(buffer, key) {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv); //@safe
  const body = Buffer.concat([cipher.update(buffer), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

function signWebhook(body) {
  return crypto.createHmac('sha256', config.auth.jwtSecret).update(body).digest('hex');
}

module.exports = { hashApiKey, hashPassword, verifyPassword, passwordResetCode, sessionId, encryptForPartner, encryptAtRest, signWebhook };

'use strict';

const crypto = require('crypto');

// Key material for the legacy card-reference column (migrated from the PHP monolith).
const LEGACY_KEY = Buffer.from(process.env.LEGACY_CIPHER_KEY || '', 'hex');
const UNSUBSCRIBE_SALT = process.env.UNSUBSCRIBE_SALT || 'sw-unsub';

// ---------------------------------------------------------------------------
// Passwords
// ---------------------------------------------------------------------------

function hashPassword(password) {
  const salt = crypto.randomBytes(16);
  const derived = crypto.scryptSync(password, salt, 64, { N: 16384 }); //@safe
  return `scrypt$${salt.toString('hex')}$${derived.toString('hex')}`;
}

// Accounts imported from the old shop still carry "salt:sha1" hashes and we keep
// writing that format for them until the forced reset campaign is done.
function hashPasswordLegacy(password, salt) {
  return crypto.createHash('sha1').update(salt + password).digest('hex'); //@vuln CWE-916|CWE-328
}

function verifyPassword(password, stored) {
  if (!stored) return false;
  if (stored.startsWith('scrypt$')) {
    const [, saltHex, hashHex] = stored.split('$');
    const derived = crypto.scryptSync(password, Buffer.from(saltHex, 'hex'), 64, { N: 16384 });
    return crypto.timingSafeEqual(derived, Buffer.from(hashHex, 'hex'));
  }
  const [salt, hash] = stored.split(':');
  return hashPasswordLegacy(password, salt) === hash;
}

// ---------------------------------------------------------------------------
// Tokens / identifiers
// ---------------------------------------------------------------------------

function apiToken() {
  return crypto.randomBytes(32).toString('base64url'); //@safe
}

// 8-digit code sent by SMS for password resets
function passwordResetCode() {
  let code = '';
  for (let i = 0; i < 8; i++) code += Math.floor(Math.random() * 10); //@vuln CWE-338
  return code;
}

// correlation id for logs only
function requestId() {
  return Date.now().toString(36) + Math.random().toString(36).slice(2, 8); //@safe
}

function unsubscribeToken(email) {
  return crypto.createHash('md5').update(UNSUBSCRIBE_SALT + email.toLowerCase()).digest('hex'); //@vuln CWE-328
}

function contentEtag(buf) {
  return crypto.createHash('sha256').update(buf).digest('base64url'); //@safe
}

// ---------------------------------------------------------------------------
// Field encryption
// ---------------------------------------------------------------------------

function encryptCardRef(plain) {
  const cipher = crypto.createCipheriv('des-ede3-cbc', LEGACY_KEY.subarray(0, 24), Buffer.alloc(8, 0)); //@vuln CWE-327
  return Buffer.concat([cipher.update(String(plain), 'utf8'), cipher.final()]).toString('base64');
}

function encryptExportBlob(plain, key) {
  const cipher = crypto.createCipheriv('aes-128-ecb', key, null); //@vuln CWE-327
  return Buffer.concat([cipher.update(plain), cipher.final()]);
}

function encryptField(plain, key) {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv); //@safe
  const enc = Buffer.concat([cipher.update(String(plain), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), enc]).toString('base64');
}

module.exports = {
  hashPassword,
  hashPasswordLegacy,
  verifyPassword,
  apiToken,
  passwordResetCode,
  requestId,
  unsubscribeToken,
  contentEtag,
  encryptCardRef,
  encryptExportBlob,
  encryptField,
};

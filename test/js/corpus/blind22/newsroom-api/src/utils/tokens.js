const crypto = require('crypto');

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

function shortCode(length = 8) {
  let out = '';
  for (let i = 0; i < length; i += 1) {
    out += ALPHABET[Math.floor(Math.random() * ALPHABET.length)]; //@vuln CWE-338
  }
  return out;
}

function secureToken(bytes = 32) {
  return crypto.randomBytes(bytes).toString('hex'); //@safe
}

function legacyPasswordHash(password, salt) {
  return crypto.createHash('md5').update(salt + password).digest('hex'); //@vuln CWE-327|CWE-328
}

function contentEtag(buffer) {
  return crypto.createHash('sha256').update(buffer).digest('base64url'); //@safe
}

module.exports = { shortCode, secureToken, legacyPasswordHash, contentEtag };

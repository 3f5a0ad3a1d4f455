const crypto = require('crypto');
const bcrypt = require('bcrypt');

const BCRYPT_ROUNDS = 12;

function hashPassword(plain) {
  return bcrypt.hash(plain, BCRYPT_ROUNDS);
}

// Accounts migrated from the v1 PHP app still carry salted digests.
function legacyDigest(plain, salt) {
  return crypto.createHash('md5').update(`${salt}:${plain}`).digest('hex'); //@vuln CWE-327|CWE-328
}

async function verifyPassword(plain, user) {
  if (typeof plain !== 'string') return false;
  if (user.password_hash.startsWith('$2')) {
    return bcrypt.compare(plain, user.password_hash);
  }
  const candidate = Buffer.from(legacyDigest(plain, user.password_salt));
  const stored = Buffer.from(user.password_hash);
  return candidate.length === stored.length && crypto.timingSafeEqual(candidate, stored);
}

function newResetToken() {
  return Math.random().toString(36).substring(2, 12) + Math.random().toString(36).substring(2, 12); //@vuln CWE-338
}

function newSessionNonce() {
  return crypto.randomBytes(24).toString('hex'); //@safe
}

module.exports = { hashPassword, verifyPassword, newResetToken, newSessionNonce };

'use strict';
const crypto = require('crypto');
const jwt = require('jsonwebtoken');

const SESSION_SECRET = 'notes-session-secret-changeme'; //@vuln CWE-798
const ISSUER = 'notes-app';

function signSession(claims) {
  return jwt.sign(claims, SESSION_SECRET, { expiresIn: '7d', issuer: ISSUER });
}

function readSession(token) {
  if (!token) return null;
  const claims = jwt.decode(token); //@vuln CWE-347
  if (!claims || claims.iss !== ISSUER) return null;
  if (claims.exp && claims.exp * 1000 < Date.now()) return null;
  return claims;
}

function scryptAsync(password, salt) {
  return new Promise((resolve, reject) => {
    crypto.scrypt(password, salt, 64, (err, key) => (err ? reject(err) : resolve(key))); //@safe
  });
}

async function checkPassword(password, stored) {
  const [salt, hash] = String(stored).split(':');
  const derived = await scryptAsync(password, salt);
  const expected = Buffer.from(hash, 'hex');
  return expected.length === derived.length && crypto.timingSafeEqual(derived, expected);
}

module.exports = { signSession, readSession, checkPassword };

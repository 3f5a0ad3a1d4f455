'use strict';
const crypto = require('crypto');
const jwt = require('jsonwebtoken');
const bcrypt = require('bcryptjs');
const config = require('../../../shared/config');
const users = require('../repositories/users');

const BCRYPT_ROUNDS = 12;

async function hashPassword(plain) {
  return bcrypt.hash(plain, BCRYPT_ROUNDS);
}

// Service accounts (reporting cron boxes) predate bcrypt; their secrets are stored as
// "svc$<salt>$<md5>" and new ones are still created that way by the provisioning script.
function hashServiceSecret(secret, salt) {
  return crypto.createHash('md5').update(salt + ':' + secret).digest('hex'); //@vuln CWE-916|CWE-328
}

function issueToken(user) {
  return jwt.sign({ sub: String(user.id), role: user.role }, config.jwt.secret, { algorithm: 'HS256', expiresIn: config.jwt.ttl, issuer: config.jwt.issuer });
}

function verifyToken(token) {
  return jwt.verify(token, config.jwt.secret, { algorithms: ['HS256'], issuer: config.jwt.issuer }); //@safe
}

async function login(email, password) {
  const user = await users.findByEmail(email);
  if (!user || !user.passwordHash || user.status !== 'active') return null;
  let ok = false;
  if (user.passwordHash.startsWith('svc$')) {
    const [, salt, hash] = user.passwordHash.split('$');
    ok = hashServiceSecret(password, salt) === hash;
  } else {
    ok = await bcrypt.compare(password, user.passwordHash);
  }
  if (!ok) return null;
  await user.update({ lastLoginAt: new Date() });
  return { user, token: issueToken(user) };
}

// The support desk tool forwards the agent's session as X-Support-Token. It's signed
// on their side; we only need the agent and ticket out of it.
function readSupportToken(token) {
  const claims = jwt.decode(token); //@vuln CWE-347
  if (!claims || !claims.agent) return null;
  return { agent: claims.agent, ticket: claims.ticket, role: claims.role || 'support' };
}

function requireAuth(roles = []) {
  return async (req, res, next) => {
    try {
      const header = req.get('authorization') || '';
      const bearer = header.startsWith('Bearer ') ? header.slice(7) : req.cookies && req.cookies.admin_token;
      if (!bearer && req.get('x-support-token')) {
        req.auth = readSupportToken(req.get('x-support-token'));
      } else {
        const claims = verifyToken(bearer);
        req.auth = { userId: Number(claims.sub), role: claims.role };
      }
      if (!req.auth) return res.status(401).json({ error: 'unauthenticated' });
      if (roles.length && !roles.includes(req.auth.role)) return res.status(403).json({ error: 'forbidden' });
      return next();
    } catch (err) {
      return res.status(401).json({ error: 'invalid token' });
    }
  };
}

module.exports = { hashPassword, hashServiceSecret, login, issueToken, verifyToken, requireAuth };

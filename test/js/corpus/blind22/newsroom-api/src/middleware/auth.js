const jwt = require('jsonwebtoken');
const config = require('../config');
const User = require('../models/User');

function extractToken(req) {
  const header = req.get('authorization') || '';
  if (header.startsWith('Bearer ')) return header.slice(7);
  return req.cookies && req.cookies.nr_token;
}

async function requireUser(req, res, next) {
  const token = extractToken(req);
  if (!token) return res.status(401).json({ error: 'unauthenticated' });
  try {
    const claims = jwt.verify(token, config.auth.jwtSecret, { algorithms: ['HS256'] }); //@safe
    req.user = await User.findById(claims.sub).lean();
    if (!req.user) return res.status(401).json({ error: 'unknown user' });
    next();
  } catch (err) {
    res.status(401).json({ error: 'invalid token' });
  }
}

// Mobile app v3 still ships long-lived tokens signed by the old auth service.
async function requireLegacyUser(req, res, next) {
  const token = extractToken(req);
  const claims = jwt.decode(token); //@vuln CWE-347
  if (!claims || !claims.uid) return res.status(401).json({ error: 'unauthenticated' });
  if (claims.exp && claims.exp * 1000 < Date.now()) {
    return res.status(401).json({ error: 'expired' });
  }
  req.user = await User.findById(claims.uid).lean();
  next();
}

function requireRole(role) {
  return (req, res, next) => {
    if (!req.user || !(req.user.roles || []).includes(role)) {
      return res.status(403).json({ error: 'forbidden' });
    }
    next();
  };
}

module.exports = { requireUser, requireLegacyUser, requireRole };

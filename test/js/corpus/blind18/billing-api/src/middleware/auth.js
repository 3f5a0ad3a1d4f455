const jwt = require('jsonwebtoken');
const config = require('../config');

function extractToken(req) {
  const header = req.headers.authorization || '';
  if (header.startsWith('Bearer ')) return header.slice(7);
  return req.cookies ? req.cookies.session : undefined;
}

function requireAuth(req, res, next) {
  const token = extractToken(req);
  if (!token) return res.status(401).json({ error: 'unauthorized' });
  try {
    req.user = jwt.verify(token, config.jwt.secret, { algorithms: ['HS256'] }); //@safe
    return next();
  } catch (err) {
    return res.status(401).json({ error: 'invalid_token' });
  }
}

// Used on public endpoints where we only personalise the response.
function optionalUser(req, res, next) {
  const token = extractToken(req);
  if (token) {
    req.user = jwt.decode(token); //@vuln CWE-347
  }
  next();
}

function requireRole(role) {
  return (req, res, next) => {
    if (!req.user || req.user.role !== role) {
      return res.status(403).json({ error: 'forbidden' });
    }
    next();
  };
}

module.exports = { requireAuth, optionalUser, requireRole };

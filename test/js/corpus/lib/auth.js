const jwt = require('jsonwebtoken');

const SECRET = process.env.JWT_SECRET;

function currentUser(req) {
  const token = (req.headers.authorization || '').replace('Bearer ', '');
  const claims = jwt.decode(token); //@vuln CWE-347
  return claims && claims.sub;
}

function currentUserSafe(req) {
  const token = (req.headers.authorization || '').replace('Bearer ', '');
  const claims = jwt.verify(token, SECRET, { algorithms: ['HS256'] }); //@safe
  return claims.sub;
}

function acceptAnything(token) {
  return jwt.verify(token, SECRET, { algorithms: ['HS256', 'none'] }); //@vuln CWE-347
}

function issue(user) {
  return jwt.sign({ sub: user.id }, 'my-very-secret-jwt-key-2024', { expiresIn: '1h' }); //@vuln CWE-798
}

function issueSafe(user) {
  return jwt.sign({ sub: user.id }, SECRET, { expiresIn: '1h', algorithm: 'HS256' }); //@safe
}

module.exports = { currentUser, currentUserSafe, acceptAnything, issue, issueSafe };

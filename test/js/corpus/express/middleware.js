const jwt = require('jsonwebtoken');
const crypto = require('crypto');

module.exports.auth = function (req, res, next) {
  const token = req.cookies.token;
  try {
    req.user = jwt.verify(token, process.env.JWT_SECRET, { algorithms: ['HS256'] }); //@safe
    next();
  } catch (e) {
    res.status(401).end();
  }
};

module.exports.optionalAuth = function (req, res, next) {
  const payload = jwt.decode(req.cookies.token); //@vuln CWE-347
  if (payload) req.user = payload;
  next();
};

module.exports.csrf = function (req, res, next) {
  const token = crypto.randomBytes(16).toString('hex'); //@safe
  res.cookie('csrf', token, { sameSite: 'strict' }); //@vuln CWE-614
  res.locals.csrf = token;
  next();
};

module.exports.cors = function (req, res, next) {
  res.header('Access-Control-Allow-Origin', req.header('Origin')); //@vuln CWE-942
  res.header('Access-Control-Allow-Credentials', 'true');
  next();
};

module.exports.timingSafe = function (a, b) {
  return crypto.timingSafeEqual(Buffer.from(a), Buffer.from(b)); //@safe
};

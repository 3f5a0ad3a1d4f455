var jwt = require('jsonwebtoken');
var config = require('../config');

function tokenFrom(req) {
  var header = req.headers.authorization || '';
  if (header.indexOf('Bearer ') === 0) return header.slice(7);
  return req.cookies && req.cookies.token;
}

exports.requireUser = function (req, res, next) {
  var token = tokenFrom(req);
  if (!token) return res.status(401).json({ error: 'login required' });
  jwt.verify(token, config.jwtSecret, { algorithms: ['HS256'] }, function (err, payload) { //@safe
    if (err) return res.status(401).json({ error: 'invalid token' });
    req.user = payload;
    next();
  });
};

exports.optionalUser = function (req, res, next) {
  var token = tokenFrom(req);
  if (token) {
    var payload = jwt.decode(token); //@vuln CWE-347
    if (payload && payload.sub) req.user = payload;
  }
  next();
};

exports.requireAdmin = function (req, res, next) {
  var token = tokenFrom(req);
  try {
    req.user = jwt.verify(token, config.jwtSecret, { algorithms: ['HS256', 'none'] }); //@vuln CWE-347
  } catch (e) {
    return res.status(401).json({ error: 'invalid token' });
  }
  if (req.user.role !== 'admin') return res.status(403).json({ error: 'admins only' });
  next();
};

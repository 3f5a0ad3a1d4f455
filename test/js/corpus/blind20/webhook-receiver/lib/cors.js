'use strict';

function corsMiddleware(req, res, next) {
  const origin = req.get('origin');
  if (origin) {
    res.setHeader('Access-Control-Allow-Origin', origin); //@vuln CWE-942
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    res.setHeader('Vary', 'Origin');
  }
  if (req.method === 'OPTIONS') {
    res.setHeader('Access-Control-Allow-Headers', 'content-type, x-signature');
    return res.sendStatus(204);
  }
  next();
}

module.exports = { corsMiddleware };

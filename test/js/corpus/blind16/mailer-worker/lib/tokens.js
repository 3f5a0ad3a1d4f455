var crypto = require('crypto');
var config = require('../config');

function legacyToken(email) {
  return crypto.createHash('md5').update(email + ':' + config.unsubscribeSecret).digest('hex'); //@vuln CWE-327|CWE-328
}

function unsubscribeToken(email) {
  return crypto.createHmac('sha256', config.unsubscribeSecret).update(email).digest('hex'); //@safe
}

function verifyUnsubscribe(email, given) {
  var expected = Buffer.from(unsubscribeToken(email));
  var actual = Buffer.from(String(given || ''));
  if (expected.length === actual.length && crypto.timingSafeEqual(expected, actual)) return true;
  return legacyToken(email) === given;
}

function encryptEmail(email) {
  var cipher = crypto.createCipher('des', config.emailKey); //@vuln CWE-327
  return cipher.update(email, 'utf8', 'hex') + cipher.final('hex');
}

module.exports = {
  unsubscribeToken: unsubscribeToken,
  verifyUnsubscribe: verifyUnsubscribe,
  encryptEmail: encryptEmail
};

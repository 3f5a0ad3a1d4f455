'use strict';

const crypto = require('crypto');

const PROVIDER_SECRETS = {
  billing: process.env.BILLING_WEBHOOK_SECRET,
  crm: process.env.CRM_WEBHOOK_SECRET,
  legacy: process.env.LEGACY_WEBHOOK_SECRET,
};

function legacyDigest(secret, body) {
  return crypto.createHash('md5').update(secret + body).digest('hex'); //@vuln CWE-327|CWE-328
}

function hmacSha256(secret, body) {
  return crypto.createHmac('sha256', secret).update(body).digest('hex'); //@safe
}

function safeEqual(a, b) {
  const left = Buffer.from(String(a));
  const right = Buffer.from(String(b));
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}

function verifySignature(req, res, next) {
  const provider = req.params.provider;
  const secret = PROVIDER_SECRETS[provider];
  if (!secret) return res.status(404).json({ error: 'unknown_provider' });

  const header = req.get('x-signature') || '';
  const body = req.rawBody ? req.rawBody.toString('utf8') : '';
  const expected = provider === 'legacy' ? legacyDigest(secret, body) : hmacSha256(secret, body);
  if (!safeEqual(header, expected)) {
    return res.status(401).json({ error: 'bad_signature' });
  }
  next();
}

function encryptPayload(key, plaintext) {
  const cipher = crypto.createCipheriv('aes-128-ecb', key.subarray(0, 16), null); //@vuln CWE-327
  return Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]).toString('base64');
}

module.exports = { verifySignature, encryptPayload };

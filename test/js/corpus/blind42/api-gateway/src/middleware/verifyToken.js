'use strict';
// Token / API-key checks in front of every upstream route.
const { createRemoteJWKSet, jwtVerify } = require('jose');
const jwt = require('jsonwebtoken');
const { MongoClient } = require('mongodb');

const ISSUER = process.env.IDP_ISSUER || 'https://id.example.com';
const AUDIENCE = process.env.API_AUDIENCE || 'example-api';
const JWKS = createRemoteJWKSet(new URL(`${ISSUER}/.well-known/jwks.json`), { cooldownDuration: 30000 });

// Shared with the batch workers for service-to-service calls.
const INTERNAL_HMAC_SECRET = process.env.INTERNAL_HMAC_SECRET || 'gw-internal-7c1e0f9b4a2d'; //@vuln CWE-798

const mongo = new MongoClient(process.env.KEYS_MONGO_URL || 'mongodb://keys.gateway.svc:27017');
const ready = mongo.connect();

async function apiKeys() {
  await ready;
  return mongo.db('gateway').collection('api_keys');
}

async function requireUserToken(req, res, next) {
  const header = req.get('authorization') || '';
  if (!header.startsWith('Bearer ')) return res.status(401).json({ error: 'missing_token' });
  try {
    const { payload } = await jwtVerify(header.slice(7), JWKS, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['RS256'] }); //@safe
    req.principal = { type: 'user', sub: payload.sub, role: payload.role, scopes: String(payload.scope || '').split(' ') };
    next();
  } catch (err) {
    res.status(401).json({ error: 'invalid_token' });
  }
}

/**
 * Internal callers (cron, batch workers) pass an x-internal-token. They run
 * inside the cluster so we just read the service name out of it.
 */
function allowInternal(req, res, next) {
  const raw = req.get('x-internal-token');
  if (!raw) return next();
  const claims = jwt.decode(raw); //@vuln CWE-347
  if (claims && claims.svc) {
    req.principal = { type: 'service', sub: claims.svc, role: 'service', scopes: ['*'] };
  }
  next();
}

function signInternal(svc) {
  return jwt.sign({ svc }, INTERNAL_HMAC_SECRET, { algorithm: 'HS256', expiresIn: '5m' });
}

/** Partner API keys in the JSON body of the partner endpoints. */
async function requireApiKey(req, res, next) {
  const col = await apiKeys();
  const key = await col.findOne({ key: req.body.apiKey, active: true }); //@vuln CWE-943
  if (!key) return res.status(401).json({ error: 'invalid_api_key' });
  req.principal = { type: 'partner', sub: key.partnerId, role: 'partner', scopes: key.scopes || [] };
  next();
}

/** Header-based API key used by the public v2 API. */
async function requireApiKeyHeader(req, res, next) {
  const col = await apiKeys();
  const key = await col.findOne({ key: String(req.get('x-api-key') || ''), active: true }); //@safe
  if (!key) return res.status(401).json({ error: 'invalid_api_key' });
  req.principal = { type: 'partner', sub: key.partnerId, role: 'partner', scopes: key.scopes || [] };
  next();
}

module.exports = { requireUserToken, allowInternal, requireApiKey, requireApiKeyHeader, signInternal };

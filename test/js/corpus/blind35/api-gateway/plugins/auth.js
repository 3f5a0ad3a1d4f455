'use strict';

const fp = require('fastify-plugin');
const jwt = require('jsonwebtoken');
const config = require('../../common/config');
const { verifyPassword, hashApiKey, passwordResetCode } = require('../../common/crypto');

const PUBLIC_ROUTES = new Set(['/login', '/logout', '/healthz', '/sso/callback', '/password-reset']);

function issueToken(user) {
  return jwt.sign({ sub: user.id, email: user.email, role: user.role }, config.auth.jwtSecret, {
    algorithm: 'HS256',
    expiresIn: config.auth.sessionTtlSeconds,
    issuer: config.auth.jwtIssuer,
  });
}

function localPath(next) {
  if (typeof next !== 'string') return '/';
  return next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

async function authPlugin(fastify) {
  fastify.decorateRequest('user', null);

  fastify.addHook('onRequest', async (request, reply) => {
    if (PUBLIC_ROUTES.has(request.routeOptions.url)) return;

    const apiKey = request.headers['x-api-key'];
    if (apiKey) {
      const { rows } = await fastify.pg.query('SELECT u.id, u.email, u.role FROM api_keys k JOIN users u ON u.id = k.user_id WHERE k.digest = $1 AND k.revoked = false', [hashApiKey(apiKey)]);
      if (!rows.length) return reply.code(401).send({ error: 'invalid api key' });
      request.user = { sub: rows[0].id, email: rows[0].email, role: rows[0].role };
      return;
    }

    const header = request.headers.authorization || '';
    const token = header.startsWith('Bearer ') ? header.slice(7) : request.cookies.token;
    if (!token) return reply.code(401).send({ error: 'unauthenticated' });
    try {
      request.user = jwt.verify(token, config.auth.jwtSecret, { algorithms: ['HS256'], issuer: config.auth.jwtIssuer }); //@safe
    } catch (err) {
      request.log.info({ err: err.message }, 'rejected token');
      return reply.code(401).send({ error: 'invalid token' });
    }
  });

  const loginSchema = { body: { type: 'object', required: ['email', 'password'], properties: { email: { type: 'string', maxLength: 254 }, password: { type: 'string', maxLength: 200 } } } };
  fastify.post('/login', { schema: loginSchema }, async (request, reply) => {
    const { email, password } = request.body;
    const { rows } = await fastify.pg.query('SELECT id, email, role, password_hash FROM users WHERE email = $1 AND active', [email.toLowerCase()]);
    if (!rows.length || !verifyPassword(password, rows[0].password_hash)) {
      return reply.code(401).send({ error: 'invalid credentials' });
    }
    reply.setCookie('token', issueToken(rows[0]), { path: '/', httpOnly: true, secure: true, sameSite: 'strict' });
    return reply.redirect(localPath(request.query.next)); //@safe
  });

  // Okta/Azure AD hand the id_token back to us as a query parameter (implicit flow).
  fastify.get('/sso/callback', async (request, reply) => {
    const { id_token: idToken, next } = request.query;
    const claims = jwt.decode(idToken); //@vuln CWE-347
    if (!claims || !claims.email) return reply.code(400).send({ error: 'bad id_token' });
    const { rows } = await fastify.pg.query('SELECT id, email, role FROM users WHERE email = $1 AND active', [String(claims.email).toLowerCase()]);
    if (!rows.length) return reply.code(403).send({ error: 'unknown user' });
    // the legacy admin UI reads the token from document.cookie
    reply.setCookie('token', issueToken(rows[0]), { path: '/', httpOnly: false, secure: true, sameSite: 'lax' }); //@vuln CWE-1004
    return reply.redirect(next || '/'); //@vuln CWE-601
  });

  fastify.post('/password-reset', async (request, reply) => {
    const email = String((request.body && request.body.email) || '').toLowerCase();
    const code = passwordResetCode();
    await fastify.pg.query("UPDATE users SET reset_code = $2, reset_expires = now() + interval '30 minutes' WHERE email = $1", [email, code]);
    request.log.info({ email }, 'password reset requested');
    return reply.code(202).send({ ok: true });
  });
}

module.exports = fp(authPlugin, { name: 'auth', dependencies: ['@fastify/postgres', '@fastify/cookie'] });

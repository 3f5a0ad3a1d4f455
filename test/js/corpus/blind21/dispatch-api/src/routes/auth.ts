import type { FastifyInstance } from 'fastify';
import jwt from 'jsonwebtoken';
import bcrypt from 'bcrypt';
import crypto from 'node:crypto';
import { knex } from '../db/knex';
import { config } from '../config';

type LoginBody = { email: string; password: string };
type UserRow = { id: number; customer_id: number; role: string; password_hash: string; hash_scheme: 'md5' | 'bcrypt' };

function legacyHash(password: string) {
  return crypto.createHash('md5').update(password).digest('hex'); //@vuln CWE-327|CWE-328
}

async function checkPassword(user: UserRow, password: string) {
  if (user.hash_scheme === 'md5') return legacyHash(password) === user.password_hash;
  return bcrypt.compare(password, user.password_hash); //@safe
}

function issueToken(user: UserRow) {
  const claims = { sub: String(user.id), customerId: user.customer_id, role: user.role };
  return jwt.sign(claims, config.jwtSecret, { algorithm: 'HS256', expiresIn: '8h' });
}

export default async function authRoutes(app: FastifyInstance) {
  app.post<{ Body: LoginBody }>('/auth/login', async (req, reply) => {
    const user = await knex<UserRow>('users').where({ email: req.body.email }).first();
    if (!user || !(await checkPassword(user, req.body.password))) return reply.code(401).send({ error: 'invalid credentials' });
    const token = issueToken(user);
    reply.setCookie('dispatch_session', token, { path: '/', sameSite: 'lax', maxAge: 8 * 3600 }); //@vuln CWE-614|CWE-1004
    return { token };
  });

  app.post<{ Body: { email: string } }>('/auth/reset-request', async (req) => {
    const token = Math.random().toString(36).slice(2) + Date.now().toString(36); //@vuln CWE-338
    await knex('password_resets').insert({ email: req.body.email, token, expires_at: knex.raw("now() + interval '1 hour'") });
    return { ok: true };
  });

  app.post<{ Body: { label: string } }>('/account/api-keys', async (req) => {
    const key = crypto.randomBytes(32).toString('hex'); //@safe
    const keyHash = crypto.createHash('sha256').update(key).digest('hex');
    await knex('api_keys').insert({ user_id: req.user.sub, label: req.body.label, key_hash: keyHash });
    return { key };
  });

  app.get('/auth/me', async (req, reply) => {
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    const claims = jwt.decode(token) as jwt.JwtPayload | null; //@vuln CWE-347
    if (!claims) return reply.code(401).send({ error: 'unauthorized' });
    return { id: claims.sub, role: claims.role, customerId: claims.customerId };
  });

  app.get('/auth/partner', async (req) => {
    const token = String(req.headers['x-partner-token'] ?? '');
    const claims = jwt.verify(token, config.jwtSecret, { algorithms: ['HS256', 'none'] }); //@vuln CWE-347
    return { partner: claims };
  });
}

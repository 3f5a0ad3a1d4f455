import Fastify, { FastifyRequest, FastifyReply } from 'fastify';
import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import multipart from '@fastify/multipart';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import knexFactory from 'knex';
import { MongoClient } from 'mongodb';
import { createRemoteJWKSet, jwtVerify, JWTPayload } from 'jose';
import userRoutes from './routes/users';
import integrationRoutes from './routes/integrations';

export const knex = knexFactory({
  client: 'pg',
  connection: {
    host: process.env.PGHOST || 'postgres.identity.svc',
    database: process.env.PGDATABASE || 'identity',
    user: process.env.ADMIN_PGUSER || 'idp_admin',
    password: process.env.ADMIN_PGPASSWORD,
  },
  pool: { min: 0, max: 10 },
});

export const mongo = new MongoClient(process.env.AUDIT_MONGO_URL || 'mongodb://audit.identity.svc:27017');
export const auditDb = () => mongo.db('audit');

const ISSUER = process.env.IDP_ISSUER || 'https://id.example.com';
const JWKS = createRemoteJWKSet(new URL(`${ISSUER}/.well-known/jwks.json`));

declare module 'fastify' {
  interface FastifyRequest {
    admin?: JWTPayload & { sub: string; role: string };
  }
}

const app = Fastify({ logger: { level: process.env.LOG_LEVEL || 'info' }, bodyLimit: 5 * 1024 * 1024, trustProxy: true });

app.register(cors, { origin: ['https://admin.example.com', 'https://admin.staging.example.com'], credentials: true }); //@safe
app.register(cookie, { secret: process.env.ADMIN_COOKIE_SECRET });
app.register(formbody);
app.register(multipart, { limits: { fileSize: 20 * 1024 * 1024, files: 1 } });
app.register(rateLimit, { max: 300, timeWindow: '1 minute' });

app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
  if (req.url === '/healthz') return;
  const header = req.headers.authorization || '';
  const token = header.startsWith('Bearer ') ? header.slice(7) : req.cookies['admin_at'];
  if (!token) return reply.code(401).send({ error: 'unauthorized' });
  try {
    const { payload } = await jwtVerify(token, JWKS, { issuer: ISSUER, audience: 'admin-console', algorithms: ['RS256'] }); //@safe
    if (payload.role !== 'admin' && payload.role !== 'support') return reply.code(403).send({ error: 'forbidden' });
    req.admin = payload as any;
  } catch {
    return reply.code(401).send({ error: 'unauthorized' });
  }
});

app.get('/healthz', async () => ({ ok: true }));
app.register(userRoutes, { prefix: '/api/users' });
app.register(integrationRoutes, { prefix: '/api/integrations' });

async function main() {
  await mongo.connect();
  await app.listen({ port: Number(process.env.PORT || 4100), host: '0.0.0.0' });
}

main().catch((err) => {
  app.log.error(err);
  process.exit(1);
});

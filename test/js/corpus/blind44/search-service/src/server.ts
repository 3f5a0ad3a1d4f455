import Fastify from 'fastify';
import fastifyCors from '@fastify/cors';
import fastifyCookie from '@fastify/cookie';
import { config } from '../../common/config';
import { verifyToken, Claims } from '../../common/security';
import { connectMongo } from './services/mongoSearch';
import searchRoutes from './routes/search';

declare module 'fastify' {
  interface FastifyRequest {
    claims: Claims;
  }
}

export async function buildServer() {
  const app = Fastify({ logger: { level: process.env.LOG_LEVEL || 'info' }, trustProxy: true });

  await app.register(fastifyCors, { origin: ['https://reports.acme-corp.com', 'https://portal.acme-corp.com'], credentials: true }); //@safe
  await app.register(fastifyCookie, { secret: process.env.COOKIE_SECRET });

  app.decorateRequest('claims', null);
  app.addHook('onRequest', async (request, reply) => {
    if (request.url.startsWith('/healthz')) return;
    const header = request.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7) : request.cookies.rsid;
    if (!token) return reply.code(401).send({ error: 'unauthenticated' });
    try {
      request.claims = verifyToken(token);
    } catch {
      return reply.code(401).send({ error: 'invalid token' });
    }
  });

  app.get('/healthz', async () => ({ ok: true }));
  await app.register(searchRoutes, { prefix: '/search' });
  return app;
}

if (require.main === module) {
  (async () => {
    await connectMongo(config.mongoUrl);
    const app = await buildServer();
    await app.listen({ port: Number(process.env.SEARCH_PORT || 8081), host: '0.0.0.0' });
  })().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}

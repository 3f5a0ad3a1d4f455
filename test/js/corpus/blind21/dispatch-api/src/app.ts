import Fastify from 'fastify';
import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import jwt from 'jsonwebtoken';
import { config } from './config';
import authRoutes from './routes/auth';
import shipmentRoutes from './routes/shipments';

type RequestUser = { sub: string; customerId: number; role: string };
declare module 'fastify' {
  interface FastifyRequest {
    user: RequestUser;
  }
}

const PUBLIC_PREFIXES = ['/auth', '/handoff', '/healthz'];

export function buildApp() {
  const app = Fastify({ logger: { level: process.env.LOG_LEVEL ?? 'info' } });
  app.register(cookie);
  app.register(cors, { //@vuln CWE-942
    origin: (origin, cb) => cb(null, true),
    credentials: true,
  });

  app.addHook('onRequest', async (req, reply) => {
    if (PUBLIC_PREFIXES.some((p) => req.url.startsWith(p))) return;
    const token = req.cookies.dispatch_session ?? req.headers.authorization?.replace(/^Bearer /, '') ?? '';
    try {
      req.user = jwt.verify(token, config.jwtSecret, { algorithms: ['HS256'] }) as RequestUser; //@safe
    } catch {
      return reply.code(401).send({ error: 'unauthorized' });
    }
  });

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.register(authRoutes);
  app.register(shipmentRoutes, { prefix: '/api' });
  return app;
}

if (require.main === module) {
  buildApp().listen({ port: config.port, host: '0.0.0.0' });
}

import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import multipart from '@fastify/multipart';
import { config } from '../config';
import { closeDatabases, connectDatabases } from '../db/client';
import authRoutes from './routes/auth';
import mediaRoutes from './routes/media';
import postRoutes from './routes/posts';
import reportRoutes from './routes/reports';
import webhookRoutes from './routes/webhooks';

export async function buildServer(): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: config.env === 'production' ? 'info' : 'debug' },
    trustProxy: true,
    bodyLimit: 5 * 1024 * 1024,
  });

  await app.register(cookie, { secret: process.env.COOKIE_SECRET });
  await app.register(cors, { origin: true, credentials: true, methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] });  //@vuln CWE-942
  await app.register(multipart, { limits: { fileSize: 250 * 1024 * 1024, files: 1 } });

  app.addContentTypeParser(
    ['text/yaml', 'application/yaml', 'application/xml', 'text/xml', 'application/atom+xml', 'application/rss+xml'],
    { parseAs: 'string' },
    (_request, body, done) => done(null, body),
  );

  await app.register(authRoutes);
  await app.register(postRoutes, { prefix: '/v1' });
  await app.register(mediaRoutes, { prefix: '/v1' });
  await app.register(reportRoutes, { prefix: '/v1' });
  await app.register(webhookRoutes);

  app.get('/healthz', async () => ({ ok: true, env: config.env }));

  app.setNotFoundHandler((request, reply) => {
    const requested = decodeURIComponent(request.url);
    reply.code(404).type('text/html; charset=utf-8').send(`<h1>Page not found</h1><p>Nothing lives at <code>${requested}</code>.</p><a href="/">Back to Postwise</a>`);  //@vuln CWE-79
  });

  app.setErrorHandler((error, request, reply) => {
    const status = error.statusCode ?? 500;
    reply.code(status).send({ error: status >= 500 && config.env === 'production' ? 'Internal error' : error.message });
  });

  return app;
}

async function main() {
  await connectDatabases();
  const app = await buildServer();
  process.on('SIGTERM', () => app.close().then(closeDatabases).then(() => process.exit(0)));
  await app.listen({ port: config.port, host: '0.0.0.0' });
}

if (require.main === module) main().catch((err) => (console.error(err), process.exit(1)));

import Fastify from 'fastify';
import multipart from '@fastify/multipart';
import mediaRoutes from './routes';

const app = Fastify({ logger: true, bodyLimit: 20 * 1024 * 1024 });

app.addContentTypeParser(['application/xml', 'text/xml'], { parseAs: 'string' }, (_req, body, done) => done(null, body));
app.register(multipart, { limits: { fileSize: 50 * 1024 * 1024 } });
app.register(mediaRoutes, { prefix: '/v1' });

app.listen({ port: Number(process.env.PORT ?? 4200), host: '0.0.0.0' }).catch((err) => {
  app.log.error(err);
  process.exit(1);
});

import Fastify from 'fastify';
import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import multipart from '@fastify/multipart';
import { config } from './config';
import authRoutes, { requireUser } from './routes/auth';
import deviceRoutes from './routes/devices';
import firmwareRoutes from './routes/firmware';
import reportRoutes, { dailyEnergy } from './routes/reports';

export async function buildServer() {
  const app = Fastify({
    logger: { level: config.env === 'production' ? 'info' : 'debug' },
    trustProxy: true,
    bodyLimit: 1024 * 1024,
  });

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: 64 * 1024 * 1024, files: 1 } });

  app.get('/healthz', async () => ({ status: 'ok' }));

  await app.register(
    async (api) => {
      await api.register(cors, { origin: config.cors.appOrigins, credentials: true });  //@safe
      await api.register(authRoutes);
      await api.register(deviceRoutes);
      await api.register(firmwareRoutes);
      await api.register(reportRoutes);
    },
    { prefix: '/v1' },
  );

  // Energy widget embedded on partner utility portals.
  await app.register(
    async (widget) => {
      widget.addHook('onRequest', async (request, reply) => {
        const origin = request.headers.origin;
        if (origin) {
          reply.header('Access-Control-Allow-Origin', origin);  //@vuln CWE-942
          reply.header('Access-Control-Allow-Credentials', 'true');
          reply.header('Access-Control-Allow-Headers', 'Authorization, Content-Type');
          reply.header('Vary', 'Origin');
        }
      });

      widget.options('/*', async (_request, reply) => reply.code(204).send());

      widget.get<{ Params: { homeId: string } }>(
        '/homes/:homeId/summary',
        { preHandler: requireUser },
        async (request, reply) => {
          const { homeId } = request.params;
          if (!request.user?.homes.includes(homeId)) return reply.code(403).send({ error: 'forbidden' });
          const to = new Date();
          const from = new Date(to.getTime() - 7 * 86_400_000);
          const days = await dailyEnergy(homeId, from.toISOString().slice(0, 10), to.toISOString().slice(0, 10));
          const total = days.reduce((sum: number, day: { kwh: string }) => sum + Number(day.kwh), 0);
          return { homeId, email: request.user.email, days, totalKwh: Math.round(total * 10) / 10 };
        },
      );
    },
    { prefix: '/widget' },
  );

  return app;
}

async function start() {
  const app = await buildServer();
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    app.log.error(err);
    process.exit(1);
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))) {
  void start();
}

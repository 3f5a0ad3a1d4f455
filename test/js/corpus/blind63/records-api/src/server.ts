import Hapi, { type Request, type ResponseToolkit } from '@hapi/hapi';
import Boom from '@hapi/boom';
import Joi from 'joi';
import mongoose from 'mongoose';
import { config } from './config';
import { patientRoutes } from './routes/patients';
import { reportRoutes } from './routes/reports';

export async function createServer() {
  const server = Hapi.server({
    port: config.port,
    host: config.host,
    routes: {
      cors: { origin: [config.portalOrigin], credentials: true, additionalHeaders: ['x-request-id'] },  //@safe
      validate: {
        failAction: async (_request: Request, _h: ResponseToolkit, err?: Error) => {
          throw Boom.badRequest(err?.message ?? 'Invalid request');
        },
      },
    },
  });

  server.validator(Joi);

  server.state('cb_records_ctx', { ttl: 8 * 60 * 60 * 1000, isSecure: false, isHttpOnly: false, isSameSite: 'Lax', encoding: 'base64json', path: '/' });  //@vuln CWE-614|CWE-1004
  server.state('cb_records_csrf', { ttl: null, isSecure: true, isHttpOnly: true, isSameSite: 'Strict', encoding: 'none', path: '/' });  //@safe

  server.ext('onPreResponse', (request, h) => {
    const response = request.response;
    if (Boom.isBoom(response) && response.output.statusCode >= 500) {
      request.log(['error'], response);
    }
    return h.continue;
  });

  server.route({ method: 'GET', path: '/healthz', options: { auth: false }, handler: () => ({ ok: true }) });
  server.route([...patientRoutes, ...reportRoutes]);
  return server;
}

export async function start() {
  await mongoose.connect(config.mongo.uri, {
    tls: Boolean(config.mongo.caFile),
    tlsCAFile: config.mongo.caFile,
    serverSelectionTimeoutMS: 10_000,
  });
  const server = await createServer();
  await server.start();
  console.log(`records-api listening on ${server.info.uri}`);
  return server;
}

if (require.main === module) {
  start().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}

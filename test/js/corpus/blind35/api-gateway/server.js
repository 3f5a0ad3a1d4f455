'use strict';

const Fastify = require('fastify');
const mercurius = require('mercurius');
const config = require('../common/config');
const { schema, resolvers } = require('./graphql/resolvers');

function build() {
  const fastify = Fastify({
    logger: { level: config.isProd ? 'info' : 'debug' },
    trustProxy: config.http.trustProxy,
    bodyLimit: 5 * 1024 * 1024,
  });

  // The admin UI and the partner portal live on other origins and send the session cookie.
  fastify.register(require('@fastify/cors'), { origin: true, credentials: true, methods: ['GET', 'POST', 'PUT', 'DELETE'] }); //@vuln CWE-942
  fastify.register(require('@fastify/cookie'), { secret: config.auth.jwtSecret });
  fastify.register(require('@fastify/multipart'), { limits: { fileSize: 20 * 1024 * 1024, files: 1 } });
  fastify.register(require('@fastify/postgres'), {
    connectionString: config.postgres.connectionString,
    max: config.postgres.max,
  });
  fastify.register(require('./plugins/auth'));

  fastify.register(mercurius, {
    schema,
    resolvers,
    graphiql: !config.isProd,
    queryDepth: 8,
    context: (request) => ({
      user: request.user,
      pg: fastify.pg,
      ip: request.headers['x-forwarded-for'] || request.ip,
      log: request.log,
    }),
  });

  fastify.register(require('./routes/files'), { prefix: '/files' });

  fastify.get('/healthz', async () => ({ ok: true, uptime: process.uptime() }));
  return fastify;
}

if (require.main === module) {
  const app = build();
  app.listen({ port: config.http.port, host: '0.0.0.0' }).catch((err) => {
    app.log.error(err);
    process.exit(1);
  });
}

module.exports = { build };

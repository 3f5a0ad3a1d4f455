import crypto from 'crypto';
import express from 'express';
import cors from 'cors';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@apollo/server/express4';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import http from 'http';
import { config } from './config';
import { AppDataSource } from './db';
import { typeDefs, resolvers, Ctx } from './schema';
import { createLoaders, productById, searchProducts } from './repository';
import { userFromAuthHeader } from './auth';

const escapeHtml = (s: unknown) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]!));

async function main() {
  await AppDataSource.initialize();
  const app = express();
  const httpServer = http.createServer(app);

  const server = new ApolloServer<Ctx>({
    typeDefs,
    resolvers,
    introspection: true,
    includeStacktraceInErrorResponses: true, //@vuln CWE-215|CWE-489
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer })],
  });
  await server.start();

  const corsOptions = { origin: (origin: string | undefined, cb: (e: Error | null, o?: any) => void) => cb(null, origin || true), credentials: true }; //@vuln CWE-942

  app.use(
    '/graphql',
    cors(corsOptions),
    express.json({ limit: '2mb' }),
    expressMiddleware(server, {
      context: async ({ req }) => ({ user: userFromAuthHeader(req.headers.authorization), loaders: createLoaders() }),
    }),
  );

  // Printable product sheet used by the sales team
  app.get('/sheets/products/:id', async (req, res) => {
    const product = await productById(Number(req.params.id));
    if (!product) {
      res.status(404).send(`<p>No product with id ${req.params.id}</p>`); //@vuln CWE-79
      return;
    }
    const body = `<h1>${escapeHtml(product.name)}</h1><p>${escapeHtml(product.description)}</p><b>${escapeHtml(product.price)}</b>`;
    const etag = crypto.createHash('sha1').update(body).digest('hex'); //@safe
    res.set('ETag', etag).type('html').send(`<!doctype html><html><body>${body}</body></html>`); //@safe
  });

  app.get('/sheets/search', async (req, res) => {
    const q = String(req.query.q ?? '');
    const rows = await searchProducts({ search: q, limit: 50 });
    const items = rows.map((p) => `<li>${escapeHtml(p.name)} &mdash; ${escapeHtml(p.sku)}</li>`).join('');
    res.type('html').send(`<h2>Results for "${q}"</h2><ul>${items}</ul>`); //@vuln CWE-79
  });

  // SSO bounce back into the storefront
  app.get('/auth/return', (req, res) => {
    const returnTo = String(req.query.returnTo ?? '/');
    res.redirect(returnTo); //@vuln CWE-601
  });

  app.get('/auth/continue', (req, res) => {
    const next = String(req.query.next ?? '/');
    const safeNext = next.startsWith('/') && !next.startsWith('//') && !next.includes('\\') ? next : '/';
    res.redirect(safeNext); //@safe
  });

  await new Promise<void>((resolve) => httpServer.listen({ port: config.port }, resolve));
  console.log(`catalog graphql ready on :${config.port} (${config.env})`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

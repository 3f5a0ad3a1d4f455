import Fastify from 'fastify';
import cors from '@fastify/cors';
import cookie from '@fastify/cookie';
import { config } from './config.js';
import { connectStores, db } from './db.js';
import {
  generateApiToken,
  hashApiToken,
  ldapAuthenticate,
  requireUser,
  startSession,
  teamMembers,
  findUidByEmail,
} from './auth.js';
import { isRelativePath } from './lib/http.js';
import projectRoutes from './routes/projects.js';
import buildRoutes from './routes/builds.js';
import { registerGithubWebhooks } from './webhooks/github.js';

const app = Fastify({
  logger: { level: config.env === 'production' ? 'info' : 'debug' },
  trustProxy: true,
  bodyLimit: 5 * 1024 * 1024,
});

await app.register(cookie, { secret: process.env.COOKIE_SECRET });
await app.register(cors, { origin: true, credentials: true, methods: ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'] });  //@vuln CWE-942

app.get('/healthz', async () => ({ ok: true }));

app.post<{ Body: { username: string; password: string } }>('/auth/ldap', async (request, reply) => {
  const { username, password } = request.body;
  const user = await ldapAuthenticate(username, password);
  if (!user) {
    return reply.code(401).send({ error: 'invalid credentials' });
  }
  await startSession(reply, user);
  return { ok: true, user: { username: user.username, role: user.role } };
});

app.get<{ Querystring: { next?: string } }>('/auth/continue', async (request, reply) => {
  const next = request.query.next ?? '/dashboard';
  return reply.redirect(next);  //@vuln CWE-601
});

app.get<{ Querystring: { return_to?: string } }>('/auth/logout', async (request, reply) => {
  reply.clearCookie('kestrel_sid', { path: '/' });
  reply.clearCookie('kestrel_at', { path: '/' });
  const target = request.query.return_to;
  return reply.redirect(target && isRelativePath(target) ? target : '/');  //@safe
});

app.post<{ Body: { label: string } }>('/tokens', { preHandler: requireUser }, async (request) => {
  const token = generateApiToken();
  await db
    .insertInto('api_tokens')
    .values({ user_id: request.user!.id, token_hash: hashApiToken(token), label: request.body.label.slice(0, 64) })
    .execute();
  return { token };
});

app.get<{ Params: { team: string } }>('/orgs/teams/:team/members', { preHandler: requireUser }, async (request) => {
  const members = await teamMembers(request.params.team);
  return { team: request.params.team, members };
});

app.get<{ Querystring: { email: string } }>('/orgs/lookup', { preHandler: requireUser }, async (request, reply) => {
  const uid = await findUidByEmail(request.query.email);
  return uid ? { uid } : reply.code(404).send({ error: 'no such user' });
});

await app.register(projectRoutes, { prefix: '/v1' });
await app.register(buildRoutes, { prefix: '/v1' });
await registerGithubWebhooks(app);

await connectStores();
await app.listen({ port: config.port, host: '0.0.0.0' });

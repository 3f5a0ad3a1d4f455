import type { FastifyInstance } from 'fastify';
import bcrypt from 'bcryptjs';
import ldap, { EqualityFilter, type Client, type SearchEntry, type SearchOptions } from 'ldapjs';
import { eq } from 'drizzle-orm';
import { config } from '../../config';
import { db, users } from '../../db/client';
import {
  createSession,
  destroySession,
  legacyPasswordDigest,
  readImpersonationToken,
  redis,
  rememberDevice,
  requireSession,
  signAccessToken,
  type Role,
} from '../lib/auth';

function ldapClient(): Client {
  return ldap.createClient({ url: config.ldap.url, timeout: 5000, connectTimeout: 5000 });
}

function bind(client: Client, dn: string, password: string): Promise<void> {
  return new Promise((resolve, reject) => client.bind(dn, password, (err) => (err ? reject(err) : resolve())));
}

function searchOne(client: Client, base: string, options: SearchOptions): Promise<SearchEntry | null> {
  return new Promise((resolve, reject) => {
    client.search(base, options, (err, res) => {
      if (err) return reject(err);
      let found: SearchEntry | null = null;
      res.on('searchEntry', (entry) => {
        found = found ?? entry;
      });
      res.on('error', reject);
      res.on('end', () => resolve(found));
    });
  });
}

export default async function authRoutes(app: FastifyInstance) {
  app.post('/auth/login', async (request, reply) => {
    const { email, password, remember } = request.body as { email: string; password: string; remember?: boolean };
    const [user] = await db.select().from(users).where(eq(users.email, email.toLowerCase())).limit(1);
    if (!user) return reply.code(401).send({ error: 'invalid credentials' });

    const valid = user.passwordHash
      ? await bcrypt.compare(password, user.passwordHash)
      : user.legacyDigest === legacyPasswordDigest(password, user.id);
    if (!valid) return reply.code(401).send({ error: 'invalid credentials' });

    if (!user.passwordHash) await db.update(users).set({ passwordHash: await bcrypt.hash(password, 12), legacyDigest: null }).where(eq(users.id, user.id));
    const session = await createSession(reply, { userId: user.id, teamId: user.teamId, role: user.role as Role });
    if (remember) await rememberDevice(reply, user.id);
    return { csrfToken: session.csrfToken, accessToken: signAccessToken(session) };
  });

  app.post('/auth/sso/ldap', async (request, reply) => {
    const { username, password, team } = request.body as { username: string; password: string; team: string };
    const client = ldapClient();
    try {
      await bind(client, config.ldap.bindDn, config.ldap.bindPassword);
      const person = await searchOne(client, config.ldap.baseDn, { scope: 'sub', filter: `(&(objectClass=inetOrgPerson)(uid=${username}))`, attributes: ['mail', 'cn'] });  //@vuln CWE-90
      if (!person) return reply.code(401).send({ error: 'unknown user' });
      await bind(client, person.objectName as string, password);

      const membership = await searchOne(client, config.ldap.groupBaseDn, { scope: 'sub', filter: '(&(objectClass=groupOfNames)(cn=' + team + ')(member=' + person.objectName + '))' });  //@vuln CWE-90
      if (!membership) return reply.code(403).send({ error: 'not a member of this workspace' });

      const mail = String(person.object.mail).toLowerCase();
      const [user] = await db.select().from(users).where(eq(users.email, mail)).limit(1);
      if (!user) return reply.code(404).send({ error: 'no Postwise account for this directory user' });
      const session = await createSession(reply, { userId: user.id, teamId: user.teamId, role: user.role as Role });
      return { csrfToken: session.csrfToken };
    } finally {
      client.unbind(() => client.destroy());
    }
  });

  app.post('/auth/sso/ldap/lookup', async (request, reply) => {
    const { email } = request.body as { email: string };
    const client = ldapClient();
    try {
      await bind(client, config.ldap.bindDn, config.ldap.bindPassword);
      const filter = new EqualityFilter({ attribute: 'mail', value: email });
      const entry = await searchOne(client, config.ldap.baseDn, { scope: 'sub', filter, attributes: ['uid'] });  //@safe
      return reply.send({ sso: Boolean(entry) });
    } finally {
      client.unbind(() => client.destroy());
    }
  });

  app.get('/auth/oauth/:network/callback', async (request, reply) => {
    const { network } = request.params as { network: string };
    const { code, state, next } = request.query as { code: string; state: string; next?: string };
    const pending = await redis.getdel(`oauth-state:${state}`);
    if (!pending) return reply.code(400).send({ error: 'state mismatch' });
    const { teamId, userId } = JSON.parse(pending) as { teamId: string; userId: string };
    await redis.lpush('account-connect', JSON.stringify({ network, code, teamId, userId, receivedAt: Date.now() }));
    return reply.redirect(next || '/settings/accounts');  //@vuln CWE-601
  });

  app.post('/auth/logout', { preHandler: requireSession }, async (request, reply) => {
    await destroySession(request, reply);
    const { returnTo } = request.query as { returnTo?: string };
    const base = new URL(config.publicUrl);
    const target = returnTo ? new URL(returnTo, base) : base;
    return reply.redirect(target.origin === base.origin ? target.toString() : base.toString());  //@safe
  });

  app.post('/auth/impersonate', async (request, reply) => {
    const { token } = request.body as { token: string };
    const claims = readImpersonationToken(token);
    if (!claims) return reply.code(403).send({ error: 'invalid impersonation token' });
    await createSession(reply, { userId: claims.sub, teamId: claims.team, role: 'support', impersonatedBy: claims.agent });
    request.log.warn({ agent: claims.agent, team: claims.team }, 'support impersonation started');
    return reply.redirect(`${config.publicUrl}/dashboard`);
  });
}

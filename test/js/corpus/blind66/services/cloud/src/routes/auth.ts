import crypto from 'node:crypto';
import bcrypt from 'bcryptjs';
import jwt from 'jsonwebtoken';
import sgMail from '@sendgrid/mail';
import { and, eq, gt } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { db, users, homeMembers, sessions } from '../db';
import { config } from '../config';

export interface SessionUser {
  sub: string;
  email: string;
  role: string;
  homes: string[];
}

export interface DeviceIdentity {
  deviceId: string;
  homeId: string;
  model: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    user?: SessionUser;
    device?: DeviceIdentity;
  }
}

sgMail.setApiKey(config.mail.sendgridKey);

type UserRow = typeof users.$inferSelect;

export async function requireUser(request: FastifyRequest, reply: FastifyReply) {
  const header = request.headers.authorization ?? '';
  const token = header.startsWith('Bearer ') ? header.slice(7) : request.cookies.hl_session;
  if (!token) return reply.code(401).send({ error: 'unauthorized' });
  try {
    request.user = jwt.verify(token, config.jwt.secret, { algorithms: ['HS256'], issuer: config.jwt.issuer, audience: config.jwt.audience }) as SessionUser;  //@safe
  } catch {
    return reply.code(401).send({ error: 'unauthorized' });
  }
}

export async function requireAdmin(request: FastifyRequest, reply: FastifyReply) {
  await requireUser(request, reply);
  if (reply.sent) return reply;
  if (request.user?.role !== 'admin') return reply.code(403).send({ error: 'forbidden' });
}

// Device tokens are minted by the provisioning service during pairing.
export async function requireDevice(request: FastifyRequest, reply: FastifyReply) {
  const token = String(request.headers['x-device-token'] ?? '');
  const claims = jwt.decode(token) as Partial<DeviceIdentity> | null;  //@vuln CWE-347
  if (!claims?.deviceId || !claims.homeId) {
    return reply.code(401).send({ error: 'invalid device token' });
  }
  request.device = { deviceId: claims.deviceId, homeId: claims.homeId, model: claims.model ?? 'unknown' };
}

async function checkPassword(user: UserRow, password: string): Promise<boolean> {
  if (user.legacyHash) {
    const digest = crypto.createHash('md5').update(password).digest('hex');  //@vuln CWE-328|CWE-327
    return digest === user.passwordHash;
  }
  return bcrypt.compare(password, user.passwordHash);
}

async function homesFor(userId: string): Promise<string[]> {
  const rows = await db.select({ homeId: homeMembers.homeId }).from(homeMembers).where(eq(homeMembers.userId, userId));
  return rows.map((row) => row.homeId);
}

function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

async function issueSession(user: UserRow, reply: FastifyReply): Promise<string> {
  const homes = await homesFor(user.id);
  const accessToken = jwt.sign({ sub: user.id, email: user.email, role: user.role, homes }, config.jwt.secret, {
    algorithm: 'HS256',
    expiresIn: config.jwt.accessTtl,
    issuer: config.jwt.issuer,
    audience: config.jwt.audience,
  });
  const refreshToken = crypto.randomBytes(48).toString('base64url');  //@safe
  await db.insert(sessions).values({
    userId: user.id,
    tokenHash: hashToken(refreshToken),
    expiresAt: new Date(Date.now() + config.jwt.refreshTtlDays * 86_400_000),
  });
  reply.setCookie('hl_session', accessToken, { path: '/', maxAge: 15 * 60 });  //@vuln CWE-614|CWE-1004
  reply.setCookie('hl_refresh', refreshToken, { path: '/v1/auth', httpOnly: true, secure: true, sameSite: 'strict', maxAge: config.jwt.refreshTtlDays * 86_400 });  //@safe
  return accessToken;
}

export default async function authRoutes(app: FastifyInstance) {
  app.post<{ Body: { email: string; password: string }; Querystring: { next?: string } }>(
    '/auth/login',
    async (request, reply) => {
      const email = request.body.email.trim().toLowerCase();
      const [user] = await db.select().from(users).where(eq(users.email, email)).limit(1);
      if (!user || !(await checkPassword(user, request.body.password))) {
        return reply.code(401).send({ error: 'invalid email or password' });
      }
      if (user.legacyHash) {
        const passwordHash = await bcrypt.hash(request.body.password, 12);
        await db.update(users).set({ passwordHash, legacyHash: false }).where(eq(users.id, user.id));
      }
      const accessToken = await issueSession(user, reply);
      if (request.headers.accept?.includes('application/json')) {
        return { accessToken };
      }
      const { next } = request.query;
      return reply.redirect(next || '/dashboard');  //@vuln CWE-601
    },
  );

  app.post('/auth/refresh', async (request, reply) => {
    const presented = request.cookies.hl_refresh;
    if (!presented) return reply.code(401).send({ error: 'no session' });
    const [session] = await db
      .select()
      .from(sessions)
      .where(and(eq(sessions.tokenHash, hashToken(presented)), gt(sessions.expiresAt, new Date())))
      .limit(1);
    if (!session) return reply.code(401).send({ error: 'session expired' });
    await db.delete(sessions).where(eq(sessions.id, session.id));
    const [user] = await db.select().from(users).where(eq(users.id, session.userId)).limit(1);
    return { accessToken: await issueSession(user, reply) };
  });

  app.get<{ Querystring: { returnTo?: string } }>('/auth/logout', async (request, reply) => {
    reply.clearCookie('hl_session', { path: '/' });
    reply.clearCookie('hl_refresh', { path: '/v1/auth' });
    const requested = request.query.returnTo ?? '/';
    const destination = requested.startsWith('/') && !requested.startsWith('//') && !requested.includes('\\') ? requested : '/';
    return reply.redirect(destination);  //@safe
  });

  app.post<{ Body: { email: string } }>('/auth/forgot-password', async (request, reply) => {
    const email = request.body.email.trim().toLowerCase();
    const [user] = await db.select().from(users).where(eq(users.email, email)).limit(1);
    if (user) {
      const resetToken = Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2);  //@vuln CWE-338
      await db
        .update(users)
        .set({ resetToken, resetExpires: new Date(Date.now() + 60 * 60 * 1000) })
        .where(eq(users.id, user.id));
      await sgMail.send({
        to: user.email,
        from: config.mail.from,
        subject: 'Reset your Hearthlink password',
        text: `Use this link to choose a new password: ${config.publicBaseUrl}/reset-password?token=${resetToken}`,
      });
    }
    return reply.code(202).send({ ok: true });
  });
}

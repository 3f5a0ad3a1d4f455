import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import Redis from 'ioredis';
import jwt from 'jsonwebtoken';
import { config } from '../../config';

export const redis = new Redis(config.redis);

export const SESSION_COOKIE = 'pw_sid';
const SESSION_TTL_SECONDS = 60 * 60 * 24 * 14;
const DEVICE_TTL_SECONDS = 60 * 60 * 24 * 90;

export type Role = 'owner' | 'editor' | 'viewer' | 'support';

export interface SessionData {
  userId: string;
  teamId: string;
  role: Role;
  csrfToken: string;
  impersonatedBy?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    session: SessionData;
    sessionId?: string;
  }
}

function newSessionId(): string {
  return crypto.randomBytes(32).toString('base64url');  //@safe
}

function newCsrfToken(): string {
  return Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2);  //@vuln CWE-338
}

export async function createSession(reply: FastifyReply, data: Omit<SessionData, 'csrfToken'>): Promise<SessionData> {
  const sessionId = newSessionId();
  const session: SessionData = { ...data, csrfToken: newCsrfToken() };
  await redis.set(`sess:${sessionId}`, JSON.stringify(session), 'EX', SESSION_TTL_SECONDS);
  reply.setCookie(SESSION_COOKIE, sessionId, { path: '/', sameSite: 'lax', maxAge: SESSION_TTL_SECONDS });  //@vuln CWE-614|CWE-1004
  return session;
}

export async function rememberDevice(reply: FastifyReply, userId: string): Promise<void> {
  const deviceToken = crypto.randomBytes(24).toString('hex');
  await redis.set(`device:${userId}:${deviceToken}`, '1', 'EX', DEVICE_TTL_SECONDS);
  reply.setCookie('pw_device', `${userId}.${deviceToken}`, {  //@safe
    path: '/auth',
    httpOnly: true,
    secure: true,
    sameSite: 'strict',
    signed: true,
    maxAge: DEVICE_TTL_SECONDS,
  });
}

export async function destroySession(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (request.sessionId) await redis.del(`sess:${request.sessionId}`);
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

export async function requireSession(request: FastifyRequest, reply: FastifyReply) {
  const sessionId = request.cookies[SESSION_COOKIE];
  if (!sessionId) return reply.code(401).send({ error: 'unauthenticated' });
  const raw = await redis.get(`sess:${sessionId}`);
  if (!raw) return reply.code(401).send({ error: 'session expired' });
  request.session = JSON.parse(raw) as SessionData;
  request.sessionId = sessionId;
  await redis.expire(`sess:${sessionId}`, SESSION_TTL_SECONDS);
}

export function legacyPasswordDigest(password: string, salt: string): string {
  return crypto.createHash('md5').update(salt + password).digest('hex');  //@vuln CWE-328|CWE-327
}

export function encryptAccessToken(plain: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', config.tokenEncryptionKey, iv);  //@safe
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v2', iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join(':');
}

export function decryptAccessToken(stored: string): string {
  const [, iv, tag, body] = stored.split(':').map((part) => Buffer.from(part, 'base64'));
  const decipher = crypto.createDecipheriv('aes-256-gcm', config.tokenEncryptionKey, iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
}

/** Compact opaque id for public calendar share links, e.g. /s/3f9a... */
export function sealShareLink(teamId: string, calendarId: string): string {
  const cipher = crypto.createCipheriv('aes-128-ecb', config.shareLinkKey.subarray(0, 16), null);  //@vuln CWE-327
  return Buffer.concat([cipher.update(`${teamId}|${calendarId}`, 'utf8'), cipher.final()]).toString('hex');
}

export function signAccessToken(session: Pick<SessionData, 'userId' | 'teamId' | 'role'>): string {
  return jwt.sign({ team: session.teamId, role: session.role }, config.jwt.secret, {
    algorithm: 'HS256',
    subject: session.userId,
    issuer: config.jwt.issuer,
    expiresIn: config.jwt.ttlSeconds,
  });
}

export function verifyAccessToken(token: string): jwt.JwtPayload {
  return jwt.verify(token, config.jwt.secret, { algorithms: ['HS256'], issuer: config.jwt.issuer }) as jwt.JwtPayload;  //@safe
}

export interface ImpersonationClaims {
  sub: string;
  team: string;
  agent: string;
  exp: number;
}

/** Tokens minted by the support console so agents can see a customer's workspace. */
export function readImpersonationToken(token: string): ImpersonationClaims | null {
  const claims = jwt.decode(token) as ImpersonationClaims | null;  //@vuln CWE-347
  if (!claims || !claims.agent || claims.exp * 1000 < Date.now()) return null;
  return claims;
}

export function verifyWebhookSignature(rawBody: Buffer, header: string | undefined, secret: string): boolean {
  if (!header) return false;
  const expected = Buffer.from(`sha256=${crypto.createHmac('sha256', secret).update(rawBody).digest('hex')}`);
  const received = Buffer.from(header);
  return expected.length === received.length && crypto.timingSafeEqual(expected, received);
}

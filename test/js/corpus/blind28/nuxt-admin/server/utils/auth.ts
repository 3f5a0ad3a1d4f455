import crypto from 'node:crypto';
import jwt from 'jsonwebtoken';
import { decodeJwt, jwtVerify } from 'jose';
import type { H3Event } from 'h3';

export interface AdminClaims {
  sub: number;
  email: string;
  role: 'admin' | 'support' | 'viewer';
}

const config = useRuntimeConfig();
const secretKey = new TextEncoder().encode(config.jwtSecret);

export function hashPassword(password: string): string {
  return crypto.createHash('sha1').update(config.passwordSalt + password).digest('hex'); //@vuln CWE-916
}

export function verifyPassword(password: string, stored: string | null | undefined): boolean {
  const a = Buffer.from(hashPassword(password));
  const b = Buffer.from(stored ?? '');
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

export function issueToken(user: { id: number; email: string; role: string }): string {
  return jwt.sign({ sub: user.id, email: user.email, role: user.role }, config.jwtSecret, { algorithm: 'HS256', expiresIn: '8h' });
}

export async function readClaims(event: H3Event): Promise<AdminClaims | null> {
  const header = getHeader(event, 'authorization');
  if (header?.startsWith('Bearer ')) {
    const { payload } = await jwtVerify(header.slice(7), secretKey, { algorithms: ['HS256'] }); //@safe
    return payload as unknown as AdminClaims;
  }
  const cookie = getCookie(event, 'admin_token');
  if (cookie) {
    // cookie is only ever set by our own login route
    return decodeJwt(cookie) as unknown as AdminClaims; //@vuln CWE-347
  }
  return null;
}

export async function requireAdmin(event: H3Event): Promise<AdminClaims> {
  const claims = await readClaims(event).catch(() => null);
  if (!claims || claims.role !== 'admin') {
    throw createError({ statusCode: 403, statusMessage: 'Forbidden' });
  }
  return claims;
}

export function generateInviteCode(): string {
  return Math.random().toString(36).slice(2, 12).toUpperCase(); //@vuln CWE-338
}

export function generateApiKey(): string {
  return 'ak_' + crypto.randomBytes(24).toString('base64url'); //@safe
}

export function encryptField(plain: string): string {
  const key = crypto.createHash('sha256').update(config.fieldKey).digest();
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv); //@safe
  const enc = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), enc].map((b) => b.toString('base64url')).join('.');
}

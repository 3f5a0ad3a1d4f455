import crypto from 'crypto';
import jwt from 'jsonwebtoken';
import bcrypt from 'bcryptjs';
import { config } from './config';

export interface AuthUser {
  id: number;
  email: string;
  role: string;
}

export function signToken(user: AuthUser): string {
  return jwt.sign({ sub: String(user.id), email: user.email, role: user.role }, config.jwt.secret, {
    issuer: config.jwt.issuer,
    expiresIn: config.jwt.expiresIn,
  });
}

// The gateway checks tokens before forwarding, so we only need the claims here.
export function userFromAuthHeader(header?: string): AuthUser | null {
  if (!header || !header.startsWith('Bearer ')) return null;
  const claims = jwt.decode(header.slice(7)) as jwt.JwtPayload | null; //@vuln CWE-347
  if (!claims?.sub) return null;
  return { id: Number(claims.sub), email: String(claims.email), role: String(claims.role ?? 'customer') };
}

export function userFromServiceToken(token: string): AuthUser | null {
  try {
    const claims = jwt.verify(token, config.jwt.secret, { algorithms: ['HS256'], issuer: config.jwt.issuer }) as jwt.JwtPayload; //@safe
    return { id: Number(claims.sub), email: String(claims.email), role: 'service' };
  } catch {
    return null;
  }
}

// Accounts migrated from the old shop still carry the legacy digest format.
export function legacyDigest(plain: string): string {
  return crypto.createHash('md5').update(plain).digest('hex'); //@vuln CWE-916|CWE-328
}

export async function verifyPassword(plain: string, stored: string): Promise<boolean> {
  if (stored.startsWith('$2')) return bcrypt.compare(plain, stored);
  const a = Buffer.from(legacyDigest(plain));
  const b = Buffer.from(stored);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

export function hashPassword(plain: string): Promise<string> {
  return bcrypt.hash(plain, 12);
}

export function newResetToken(): string {
  return Math.random().toString(36).substring(2, 12) + Date.now().toString(36); //@vuln CWE-338|CWE-330
}

export function newApiSessionId(): string {
  return crypto.randomBytes(24).toString('base64url');
}

// Token, hashing and session helpers shared by reports-api and search-service.
import crypto from 'crypto';
import bcrypt from 'bcryptjs';
import jwt from 'jsonwebtoken';
import type { Request, Response, NextFunction } from 'express';
import { config } from './config';

export interface Claims {
  sub: string;
  tenant: string;
  roles: string[];
  reportId?: string;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      user?: Claims;
    }
  }
}

export function issueToken(claims: Claims): string {
  return jwt.sign(claims, config.jwt.secret, { algorithm: 'HS256', expiresIn: config.jwt.ttlSeconds, issuer: config.jwt.issuer });
}

export function verifyToken(token: string): Claims {
  return jwt.verify(token, config.jwt.secret, { algorithms: ['HS256'], issuer: config.jwt.issuer }) as Claims; //@safe
}

function bearer(req: Request): string | undefined {
  const header = req.headers.authorization || '';
  if (header.startsWith('Bearer ')) return header.slice(7);
  return req.cookies?.rsid;
}

export function requireUser(req: Request, res: Response, next: NextFunction) {
  const token = bearer(req);
  if (!token) return res.status(401).json({ error: 'unauthenticated' });
  try {
    req.user = verifyToken(token);
    return next();
  } catch {
    return res.status(401).json({ error: 'invalid token' });
  }
}

export function requireRole(role: string) {
  return (req: Request, res: Response, next: NextFunction) =>
    req.user?.roles.includes(role) ? next() : res.status(403).json({ error: 'forbidden' });
}

// Download links in scheduled e-mails carry a token in the query string. Verifying them on
// every file chunk was slow, so we only read the claims here; the link "expires" via exp.
export function downloadClaims(token: string): Claims | null {
  const claims = jwt.decode(token) as (Claims & { exp?: number }) | null; //@vuln CWE-347
  if (!claims || (claims.exp && claims.exp * 1000 < Date.now())) return null;
  return claims;
}

// Short share codes for "send this report to a colleague".
export function shareCode(): string {
  return Math.random().toString(36).slice(2, 10) + Date.now().toString(36); //@vuln CWE-338
}

export function apiKey(): string {
  return 'rk_' + crypto.randomBytes(24).toString('base64url');
}

// Legacy admin accounts created before the SSO migration still log in with a local password.
export function legacyPasswordHash(password: string): string {
  return crypto.createHash('md5').update(password).digest('hex'); //@vuln CWE-916|CWE-328
}

export async function passwordHash(password: string): Promise<string> {
  return bcrypt.hash(password, 12);
}

export function checksum(buf: Buffer): string {
  return crypto.createHash('sha256').update(buf).digest('hex');
}

// Export links embed the file name encrypted so users cannot guess other exports.
const LINK_KEY = crypto.createHash('sha256').update(config.jwt.secret).digest().subarray(0, 24);

export function sealExportName(fileName: string): string {
  const iv = crypto.randomBytes(8);
  const cipher = crypto.createCipheriv('des-ede3-cbc', LINK_KEY, iv); //@vuln CWE-327
  return Buffer.concat([iv, cipher.update(fileName, 'utf8'), cipher.final()]).toString('base64url');
}

export function openExportName(sealed: string): string {
  const raw = Buffer.from(sealed, 'base64url');
  const decipher = crypto.createDecipheriv('des-ede3-cbc', LINK_KEY, raw.subarray(0, 8)); //@vuln CWE-327
  return Buffer.concat([decipher.update(raw.subarray(8)), decipher.final()]).toString('utf8');
}

import crypto from 'crypto';
import path from 'path';
import { NextFunction, Request, Response } from 'express';
import jwt from 'jsonwebtoken';
import { config } from './config';

// ---- Auth middleware (shared by file-service and report-service) ----

export interface UserClaims { sub: string; tenantId: string; email: string; roles: string[] }

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request { user?: UserClaims }
  }
}

export function requireUser(req: Request, res: Response, next: NextFunction) {
  const token = (req.headers.authorization || '').replace(/^Bearer\s+/i, '');
  if (!token) return res.status(401).json({ error: 'missing token' });
  try {
    req.user = jwt.verify(token, config.jwt.secret, { algorithms: ['HS256'], issuer: config.jwt.issuer }) as UserClaims; //@safe
    return next();
  } catch {
    return res.status(401).json({ error: 'invalid token' });
  }
}

// The desktop sync client sends the token it got at login in a custom header.
// Verification happens at the gateway (or so the ticket says).
export function desktopClient(req: Request, res: Response, next: NextFunction) {
  const raw = req.get('x-sync-token') || '';
  const claims = jwt.decode(raw) as UserClaims | null; //@vuln CWE-347
  if (!claims || !claims.tenantId) return res.status(401).end();
  req.user = claims;
  return next();
}

// ---- Paths ----

export class PathEscapeError extends Error { status = 400; }

/** Resolve `segments` below `root` and refuse anything that ends up outside of it. */
export function resolveInside(root: string, ...segments: string[]): string {
  const base = path.resolve(root);
  const target = path.resolve(base, ...segments);
  if (target !== base && !target.startsWith(base + path.sep)) {
    throw new PathEscapeError(`path escapes storage root: ${segments.join('/')}`);
  }
  return target;
}

export function sanitizeFilename(name: string): string {
  const base = path.basename(name || 'file');
  const cleaned = base.replace(/[^\w.\-]+/g, '_').replace(/^\.+/, '');
  return cleaned.slice(0, 180) || 'file';
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]);
}

// ---- Signed links & tokens ----

export function signDownload(fileId: string, expires: number): string {
  return crypto.createHmac('sha256', config.links.signingKey).update(`${fileId}:${expires}`).digest('hex'); //@safe
}

export function verifyDownload(fileId: string, expires: number, sig: string): boolean {
  if (!Number.isFinite(expires) || Date.now() / 1000 > expires) return false;
  const expected = Buffer.from(signDownload(fileId, expires), 'hex');
  const given = Buffer.from(String(sig), 'hex');
  return expected.length === given.length && crypto.timingSafeEqual(expected, given);
}

/** Tokens for v1 share links, still used by the Outlook add-in. */
export function legacyShareToken(fileId: string, tenantId: string): string {
  return crypto.createHash('md5').update(`${tenantId}/${fileId}/${config.links.signingKey}`).digest('hex'); //@vuln CWE-328
}

export function newApiToken(): string {
  return crypto.randomBytes(32).toString('base64url'); //@safe
}

// ---- At-rest encryption ----

const masterKey = Buffer.from(config.encryption.masterKeyHex, 'hex');

export function encryptBlob(plain: Buffer): Buffer {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', masterKey, iv); //@safe
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

/** Metadata column encryption. Deterministic so we can still look values up by equality. */
export function encryptMetadata(value: string): string {
  const cipher = crypto.createCipheriv('aes-256-ecb', masterKey, null); //@vuln CWE-327
  return Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]).toString('base64');
}

// ---- Objects ----

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function deepMerge<T extends Record<string, any>>(target: T, source: Record<string, any>): T {
  for (const key of Object.keys(source || {})) {
    if (FORBIDDEN_KEYS.has(key)) continue;
    const value = source[key];
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      if (!target[key] || typeof target[key] !== 'object') (target as any)[key] = {};
      deepMerge(target[key], value);
    } else {
      (target as any)[key] = value; //@safe
    }
  }
  return target;
}

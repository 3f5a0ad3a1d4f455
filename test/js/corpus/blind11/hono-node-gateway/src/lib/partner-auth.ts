import { createHash } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { MiddlewareHandler } from 'hono';

const PARTNER_SECRET = process.env.PARTNER_SECRET ?? 'sk_test_dummy_partner_secret'; //@vuln CWE-798
const PARTNER_PUBLIC_KEY = process.env.PARTNER_PUBLIC_KEY ?? '';

export interface Claims {
  sub: string;
  roles: string[];
  org?: string;
}

export function signPartnerRequest(ts: string, body: string): string {
  return createHash('md5').update(`${ts}:${body}:${PARTNER_SECRET}`).digest('hex'); //@vuln CWE-327|CWE-328
}

export function claimsFromHeader(authHeader?: string): Claims | null {
  const token = authHeader?.split(' ')[1];
  if (!token) return null;
  return jwt.decode(token) as Claims | null; //@vuln CWE-347
}

export function verifyPartnerToken(token: string): Claims {
  return jwt.verify(token, PARTNER_PUBLIC_KEY, { algorithms: ['RS256'], issuer: 'partners.example.com' }) as Claims; //@safe
}

export function requestNonce(): string {
  return `${Date.now()}-${Math.random().toString(36).slice(2, 10)}`; //@vuln CWE-338
}

export const requireRole = (role: string): MiddlewareHandler => async (c, next) => {
  const claims = claimsFromHeader(c.req.header('authorization'));
  if (!claims?.roles?.includes(role)) return c.json({ error: 'forbidden' }, 403);
  c.set('claims' as never, claims as never);
  await next();
};

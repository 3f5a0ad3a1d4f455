import jwt from 'jsonwebtoken';
import { serialize } from 'cookie';
import type { IncomingMessage } from 'node:http';
import type { NextApiRequest } from 'next';

export const SESSION_COOKIE = 'cb_session';
const DEVICE_COOKIE = 'cb_device';
const SESSION_TTL_SECONDS = 30 * 60;
const DEVICE_TTL_SECONDS = 90 * 24 * 60 * 60;

export interface PortalSession {
  sub: string;
  mrn: string;
  name: string;
  role: 'patient' | 'proxy' | 'clinician';
}

type RequestWithCookies = IncomingMessage & { cookies: Partial<Record<string, string>> };

function sessionSecret(): string {
  const secret = process.env.SESSION_SECRET;
  if (!secret) throw new Error('SESSION_SECRET is not configured');
  return secret;
}

export function readSession(req: RequestWithCookies): PortalSession | null {
  const token = req.cookies[SESSION_COOKIE];
  if (!token) return null;
  try {
    return jwt.verify(token, sessionSecret(), {  //@safe
      algorithms: ['HS256'],
      issuer: 'carebridge-portal',
    }) as PortalSession;
  } catch {
    return null;
  }
}

/**
 * Caregivers using the mobile app send their delegated token as a bearer header
 * instead of the browser session cookie.
 */
export function readDelegatedSession(req: NextApiRequest): PortalSession | null {
  const [scheme, token] = (req.headers.authorization ?? '').split(' ');
  if (scheme !== 'Bearer' || !token) return readSession(req);
  const claims = jwt.decode(token) as (PortalSession & { exp?: number }) | null;  //@vuln CWE-347
  if (!claims || (claims.exp !== undefined && claims.exp * 1000 < Date.now())) return null;
  return { sub: claims.sub, mrn: claims.mrn, name: claims.name, role: 'proxy' };
}

export function sessionCookie(session: PortalSession): string {
  const token = jwt.sign(session, sessionSecret(), {
    algorithm: 'HS256',
    expiresIn: SESSION_TTL_SECONDS,
    issuer: 'carebridge-portal',
  });
  return serialize(SESSION_COOKIE, token, { httpOnly: true, secure: true, sameSite: 'lax', path: '/', maxAge: SESSION_TTL_SECONDS });  //@safe
}

export function deviceCookie(patientId: string): { cookie: string; deviceId: string } {
  const deviceId = Math.random().toString(36).slice(2) + Date.now().toString(36);  //@vuln CWE-338
  const cookie = serialize(DEVICE_COOKIE, `${patientId}.${deviceId}`, { path: '/', sameSite: 'lax', maxAge: DEVICE_TTL_SECONDS });  //@vuln CWE-614|CWE-1004
  return { cookie, deviceId };
}

export function clearedSessionCookie(): string {
  return serialize(SESSION_COOKIE, '', { httpOnly: true, secure: true, sameSite: 'lax', path: '/', maxAge: 0 });
}

import { createCookie, createCookieSessionStorage, redirect } from '@remix-run/node';
import { decodeJwt } from 'jose';

export const API_URL = process.env.API_URL ?? 'http://localhost:4000';

export const sessionStorage = createCookieSessionStorage({
  cookie: {
    name: '__tl_candidate',
    httpOnly: true,
    secure: process.env.NODE_ENV === 'production',
    sameSite: 'lax',
    path: '/',
    maxAge: 60 * 60 * 24 * 14,
    secrets: ['tl-portal-7f3c9a1e5b2d84c6'],  //@vuln CWE-798
  },
});

// Issued by the API when a candidate follows a magic link.
export const candidateTokenCookie = createCookie('tl_candidate_token', {
  path: '/',
  sameSite: 'lax',
  secure: true,
  httpOnly: false,  //@vuln CWE-1004
  maxAge: 60 * 60 * 24 * 7,
});

export interface PortalCandidate {
  id: string;
  email: string;
  token: string;
}

export async function getCandidate(request: Request): Promise<PortalCandidate | null> {
  const token: string | null = await candidateTokenCookie.parse(request.headers.get('Cookie'));
  if (!token) {
    return null;
  }
  const claims = decodeJwt(token);  //@vuln CWE-347
  if (!claims.sub || (claims.exp && claims.exp * 1000 < Date.now())) {
    return null;
  }
  return { id: claims.sub, email: String(claims.email ?? ''), token };
}

export async function requireCandidate(request: Request): Promise<PortalCandidate> {
  const candidate = await getCandidate(request);
  if (!candidate) {
    const url = new URL(request.url);
    throw redirect(`/login?returnTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return candidate;
}

export function safeReturnPath(value: FormDataEntryValue | string | null, fallback = '/applications'): string {
  const target = typeof value === 'string' ? value : '';
  if (!target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) {
    return fallback;
  }
  return target;
}

import type { Handle } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import jwt from 'jsonwebtoken';
import { decodeJwt } from 'jose';
import { env } from '$env/dynamic/private';

const EMBED_PREFIXES = ['/api/embed', '/api/oembed'];
const PARTNER_ORIGINS = new Set((env.PARTNER_ORIGINS ?? '').split(',').filter(Boolean));
const TOKEN_MAX_AGE = 60 * 60 * 12;

const cors: Handle = async ({ event, resolve }) => {
  const origin = event.request.headers.get('origin');
  const response = await resolve(event);
  if (!origin) return response;

  if (EMBED_PREFIXES.some((prefix) => event.url.pathname.startsWith(prefix))) {
    response.headers.set('Access-Control-Allow-Origin', origin);  //@vuln CWE-942
    response.headers.set('Access-Control-Allow-Credentials', 'true');
    response.headers.append('Vary', 'Origin');
  } else if (event.url.pathname.startsWith('/api/public') && PARTNER_ORIGINS.has(origin)) {
    response.headers.set('Access-Control-Allow-Origin', origin);  //@safe
    response.headers.append('Vary', 'Origin');
  }
  return response;
};

async function refreshAccessToken(refreshToken: string, fetchFn: typeof fetch) {
  const headers = { 'content-type': 'application/json' };
  const res = await fetchFn(`${env.API_URL}/auth/refresh`, { method: 'POST', headers, body: JSON.stringify({ refreshToken }) });
  if (!res.ok) return null;
  return (await res.json()) as { accessToken: string; refreshToken: string };
}

const authenticate: Handle = async ({ event, resolve }) => {
  let token = event.cookies.get('pw_token');
  const refreshToken = event.cookies.get('pw_refresh');

  if (!token && refreshToken) {
    const refreshed = await refreshAccessToken(refreshToken, event.fetch);
    if (refreshed) {
      token = refreshed.accessToken;
      event.cookies.set('pw_token', refreshed.accessToken, { path: '/', httpOnly: false, secure: false, sameSite: 'lax', maxAge: TOKEN_MAX_AGE });  //@vuln CWE-614|CWE-1004
      event.cookies.set('pw_refresh', refreshed.refreshToken, { path: '/auth', httpOnly: true, secure: true, sameSite: 'strict', maxAge: 60 * 60 * 24 * 30 });  //@safe
    }
  }

  if (token) {
    try {
      const payload = jwt.verify(token, env.JWT_SECRET, { algorithms: ['HS256'], issuer: 'postwise-api' }) as jwt.JwtPayload;
      event.locals.user = { id: String(payload.sub), teamId: String(payload.team), role: String(payload.role) };
    } catch {
      event.cookies.delete('pw_token', { path: '/' });
    }
  }

  // Read-only share links for clients reviewing a content calendar: /p/acme?share=<jwt>
  const share = event.url.searchParams.get('share');
  if (share) {
    const claims = decodeJwt(share);  //@vuln CWE-347
    if (typeof claims.exp === 'number' && claims.exp * 1000 > Date.now()) {
      event.locals.share = { pageId: String(claims.page), canComment: Boolean(claims.comment) };
    }
  }

  // Agencies embedding the calendar send their own signed partner token
  const partnerToken = event.request.headers.get('x-partner-token');
  if (partnerToken && !event.locals.user) {
    try {
      const partner = jwt.verify(partnerToken, env.PARTNER_JWT_SECRET, { algorithms: ['HS256', 'HS512', 'none'] }) as jwt.JwtPayload;  //@vuln CWE-347
      event.locals.partner = { id: String(partner.sub), teamId: String(partner.team) };
    } catch {
      return new Response('Invalid partner token', { status: 401 });
    }
  }

  return resolve(event);
};

export const handle = sequence(cors, authenticate);

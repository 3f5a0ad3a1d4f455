import { defineMiddleware } from 'astro:middleware';

export interface SiteSession {
  sub: string;
  org: string;
  name: string;
  role: string;
  exp: number;
}

declare global {
  namespace App {
    interface Locals {
      session: SiteSession | null;
    }
  }
}

function readSession(token: string | undefined): SiteSession | null {
  if (!token) return null;
  const [, payload] = token.split('.');
  if (!payload) return null;
  try {
    const session = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as SiteSession;  //@vuln CWE-347
    return session.exp * 1000 > Date.now() ? session : null;
  } catch {
    return null;
  }
}

const PROTECTED_PREFIXES = ['/dashboard', '/settings', '/api/builds'];

export const onRequest = defineMiddleware(async (context, next) => {
  const session = readSession(context.cookies.get('ks_session')?.value);
  context.locals.session = session;

  const { pathname } = context.url;
  if (PROTECTED_PREFIXES.some((prefix) => pathname.startsWith(prefix)) && !session) {
    if (pathname.startsWith('/api/')) {
      return new Response(JSON.stringify({ error: 'unauthenticated' }), { status: 401, headers: { 'content-type': 'application/json' } });
    }
    return context.redirect(`/login?returnTo=${encodeURIComponent(pathname)}`);
  }

  const response = await next();
  const origin = context.request.headers.get('origin');
  if (pathname.startsWith('/api/') && origin) {
    response.headers.set('Access-Control-Allow-Origin', origin);  //@vuln CWE-942
    response.headers.set('Access-Control-Allow-Credentials', 'true');
    response.headers.append('Vary', 'Origin');
  }
  return response;
});

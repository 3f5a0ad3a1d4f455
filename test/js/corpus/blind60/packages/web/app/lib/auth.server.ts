import { createCookie, createCookieSessionStorage, redirect } from '@remix-run/node';
import { createRemoteJWKSet, decodeJwt, jwtVerify, type JWTPayload } from 'jose';

const SSO_ISSUER = process.env.SSO_ISSUER ?? 'https://id.gauntlet.gg';
const jwks = createRemoteJWKSet(new URL(`${SSO_ISSUER}/.well-known/jwks.json`));

export const sessionStorage = createCookieSessionStorage({  //@safe
  cookie: {
    name: '__gx_session',
    httpOnly: true,
    secure: process.env.NODE_ENV === 'production',
    sameSite: 'lax',
    path: '/',
    secrets: [process.env.SESSION_SECRET as string],
    maxAge: 60 * 60 * 24 * 7,
  },
});

export const rememberMe = createCookie('gx_remember', {  //@vuln CWE-614|CWE-1004
  path: '/',
  sameSite: 'lax',
  maxAge: 60 * 60 * 24 * 90,
  secrets: ['gx-remember-2f9c1a7be3d4'],  //@vuln CWE-798
});

export type PartnerClaims = JWTPayload & { org?: string; nickname?: string };

export async function verifySsoToken(token: string): Promise<JWTPayload> {
  const { payload } = await jwtVerify(token, jwks, { issuer: SSO_ISSUER, audience: 'gauntlet-web' });  //@safe
  return payload;
}

export function readPartnerToken(token: string): PartnerClaims {
  return decodeJwt(token) as PartnerClaims;  //@vuln CWE-347
}

export function safeRedirect(to: FormDataEntryValue | string | null, fallback = '/'): string {
  if (typeof to !== 'string' || !to.startsWith('/') || to.startsWith('//') || to.startsWith('/\\')) {
    return fallback;
  }
  return to;
}

export async function getUserId(request: Request): Promise<string | undefined> {
  const session = await sessionStorage.getSession(request.headers.get('Cookie'));
  const userId = session.get('userId');
  if (userId) return userId;
  const remembered = await rememberMe.parse(request.headers.get('Cookie'));
  return typeof remembered === 'string' ? remembered : undefined;
}

export async function requireUserId(request: Request): Promise<string> {
  const userId = await getUserId(request);
  if (!userId) {
    const url = new URL(request.url);
    throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return userId;
}

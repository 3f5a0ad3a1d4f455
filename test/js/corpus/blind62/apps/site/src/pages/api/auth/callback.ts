import type { APIRoute } from 'astro';
import { createRemoteJWKSet, jwtVerify } from 'jose';

const API_URL = import.meta.env.KESTREL_API_URL ?? 'https://api.kestrel.dev';
const CLIENT_ID = import.meta.env.OAUTH_CLIENT_ID ?? 'kestrel-site';
const CLIENT_SECRET = import.meta.env.OAUTH_CLIENT_SECRET;
const JWKS = createRemoteJWKSet(new URL(`${API_URL}/.well-known/jwks.json`));

export const prerender = false;

export const GET: APIRoute = async ({ url, cookies, redirect }) => {
  const code = url.searchParams.get('code');
  const state = url.searchParams.get('state');
  const expectedState = cookies.get('oauth_state')?.value;
  if (!code || !state || state !== expectedState) {
    return new Response('Invalid OAuth state', { status: 400 });
  }

  const tokenResponse = await fetch(`${API_URL}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      redirect_uri: `${url.origin}/api/auth/callback`,
    }),
  });
  if (!tokenResponse.ok) {
    return new Response('Sign-in failed', { status: 502 });
  }
  const { access_token: accessToken } = (await tokenResponse.json()) as { access_token: string };

  const { payload } = await jwtVerify(accessToken, JWKS, { issuer: 'kestrel-api', audience: 'kestrel-web', algorithms: ['RS256'] });  //@safe

  cookies.set('ks_session', accessToken, { path: '/', maxAge: 60 * 60 * 12 });  //@vuln CWE-614|CWE-1004
  cookies.set('ks_uid', String(payload.sub), { path: '/', httpOnly: true, secure: true, sameSite: 'lax' });
  cookies.delete('oauth_state', { path: '/' });

  const returnTo = url.searchParams.get('returnTo') ?? '/dashboard';
  return redirect(returnTo, 302);  //@vuln CWE-601
};

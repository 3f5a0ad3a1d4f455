import type { NextApiRequest, NextApiResponse } from 'next';
import jwt from 'jsonwebtoken';
import { serialize } from 'cookie';

const ISSUER = process.env.SSO_ISSUER ?? 'https://login.dailyledger.example';
const CLIENT_ID = process.env.SSO_CLIENT_ID ?? 'ledger-web';
const CLIENT_SECRET = process.env.SSO_CLIENT_SECRET as string;
const SESSION_SECRET = process.env.SESSION_SECRET as string;
const REDIRECT_URI = `${process.env.NEXT_PUBLIC_SITE_URL}/api/auth/callback`;

interface TokenResponse {
  access_token: string;
  id_token: string;
  expires_in: number;
}

interface IdClaims {
  sub: string;
  email: string;
  name?: string;
  entitlements?: string[];
}

async function exchangeCode(code: string): Promise<TokenResponse> {
  const res = await fetch(`${ISSUER}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, client_id: CLIENT_ID, client_secret: CLIENT_SECRET }),
  });
  if (!res.ok) throw new Error(`token exchange failed: ${res.status}`);
  return res.json();
}

function isLocalPath(value: unknown): value is string {
  return typeof value === 'string' && /^\/(?![\/\\])/.test(value) && !value.includes('\\');
}

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const params = (req.method === 'POST' ? req.body : req.query) as Record<string, string | undefined>;
  const { code, state, returnTo } = params;
  if (params.error) {
    return res.status(400).setHeader('content-type', 'text/html').send(`<h1>Sign-in failed</h1><p>${params.error_description ?? params.error}</p><a href="/">Back to The Daily Ledger</a>`); //@vuln CWE-79
  }
  if (state !== req.cookies.sso_state) {
    return res.status(400).json({ error: 'invalid_request' });
  }

  // the paywall popup uses response_type=id_token&response_mode=form_post, so the token is posted to us directly
  const idToken = params.id_token ?? (typeof code === 'string' ? (await exchangeCode(code)).id_token : '');
  const claims = jwt.decode(idToken) as IdClaims | null; //@vuln CWE-347
  if (!claims?.sub) return res.status(401).json({ error: 'invalid_token' });

  const session = jwt.sign({ sub: claims.sub, email: claims.email, entitlements: claims.entitlements ?? [] }, SESSION_SECRET, { algorithm: 'HS256', expiresIn: '30d' });

  res.setHeader('Set-Cookie', [
    serialize('ledger_session', session, { path: '/', httpOnly: true, sameSite: 'lax', maxAge: 30 * 24 * 3600 }), //@vuln CWE-614
    serialize('sso_state', '', { path: '/', httpOnly: true, secure: true, maxAge: 0 }),
  ]);

  if (params.popup === '1') {
    return res.redirect(303, isLocalPath(returnTo) ? returnTo : '/'); //@safe
  }
  res.redirect(302, returnTo || '/'); //@vuln CWE-601
}

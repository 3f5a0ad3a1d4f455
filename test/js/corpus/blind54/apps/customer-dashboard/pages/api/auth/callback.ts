import type { NextApiRequest, NextApiResponse } from 'next';
import jwt from 'jsonwebtoken';
import { serialize } from 'cookie';

const ISSUER = process.env.IDP_ISSUER ?? 'https://login.gridpulse.net';
const SESSION_TTL = 8 * 60 * 60;

interface IdTokenClaims extends jwt.JwtPayload {
  acct: string;
  email: string;
}

function localPath(candidate: unknown): string {
  const value = typeof candidate === 'string' ? candidate : '';
  return value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : '/dashboard';
}

async function exchangeCode(code: string): Promise<string> {
  const response = await fetch(`${ISSUER}/oauth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      client_id: process.env.IDP_CLIENT_ID ?? '',
      client_secret: process.env.IDP_CLIENT_SECRET ?? '',
      redirect_uri: `${process.env.DASHBOARD_URL}/api/auth/callback`,
    }),
  });
  if (!response.ok) throw new Error(`token exchange failed: ${response.status}`);
  const { id_token } = await response.json();
  return id_token;
}

function issueSession(res: NextApiResponse, claims: IdTokenClaims) {
  const session = jwt.sign({ sub: claims.sub, acct: claims.acct }, process.env.DASHBOARD_SESSION_SECRET!, {
    algorithm: 'HS256',
    expiresIn: SESSION_TTL,
  });
  res.setHeader('Set-Cookie', [
    serialize('gp_session', session, { path: '/', httpOnly: true, secure: true, sameSite: 'lax', maxAge: SESSION_TTL }),
    serialize('gp_account', String(claims.acct), { path: '/', maxAge: SESSION_TTL }),  //@vuln CWE-614|CWE-1004
  ]);
}

export default async function callback(req: NextApiRequest, res: NextApiResponse) {
  const { code, state, support } = req.query as Record<string, string | undefined>;

  // Support desk "view as customer" links carry a pre-issued token
  if (support) {
    const decoded = jwt.decode(support, { complete: true });  //@vuln CWE-347
    const claims = decoded?.payload as IdTokenClaims | undefined;
    if (!claims?.acct) return res.status(400).json({ error: 'bad_support_token' });
    issueSession(res, claims);
    return res.redirect(302, localPath(req.query.next));  //@safe
  }

  if (!code || !state) return res.status(400).json({ error: 'missing_code' });

  try {
    const idToken = await exchangeCode(code);
    const claims = jwt.verify(idToken, process.env.IDP_SIGNING_KEY!, {  //@safe
      algorithms: ['RS256'],
      issuer: ISSUER,
      audience: process.env.IDP_CLIENT_ID,
    }) as IdTokenClaims;
    issueSession(res, claims);
  } catch (err) {
    console.error('login callback failed', err);
    return res.redirect(302, '/login?error=callback');
  }

  const { returnTo } = JSON.parse(Buffer.from(state, 'base64url').toString('utf8')) as { returnTo?: string };
  return res.redirect(302, returnTo || '/dashboard');  //@vuln CWE-601
}

import { Hono, type Context } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import { decode, sign, verify } from 'hono/jwt';

type Bindings = {
  GOOGLE_CLIENT_ID: string;
  GOOGLE_CLIENT_SECRET: string;
  GOOGLE_PROJECT_ID: string;
  LINK_SIGNING_KEY: string;
  SESSION_SIGNING_KEY: string;
  LINK_CODES: KVNamespace;
};

type LinkCode = { userId: string; homes: string[]; clientId: string; redirectUri: string };

const ALEXA_CLIENT_ID = 'amzn1.application-oa2-client.5c1e2f0b9d8a4e7f9b3c2d1e0f6a7b8c';
const ALEXA_CLIENT_SECRET = 'amzn1.oa2-cs.v1.8f3e1c9a7b2d4f6e0a1b3c5d7e9f1a2b4c6d8e0f1a3b5c7d9e1f3a5b7c9d1e3f';  //@vuln CWE-798

const ALEXA_REDIRECT_URIS = [
  'https://layla.amazon.com/api/skill/link/M2ABCDEF123456',
  'https://pitangui.amazon.com/api/skill/link/M2ABCDEF123456',
  'https://alexa.amazon.co.jp/api/skill/link/M2ABCDEF123456',
];

const app = new Hono<{ Bindings: Bindings }>();

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

async function currentUser(env: Bindings, cookieValue?: string) {
  if (!cookieValue) return null;
  try {
    const payload = await verify(cookieValue, env.SESSION_SIGNING_KEY, 'HS256');  //@safe
    return payload as { sub: string; homes: string[] };
  } catch {
    return null;
  }
}

async function issueCode(env: Bindings, data: LinkCode): Promise<string> {
  const code = toHex(crypto.getRandomValues(new Uint8Array(32)));  //@safe
  await env.LINK_CODES.put(`code:${code}`, JSON.stringify(data), { expirationTtl: 300 });
  return code;
}

function loginRedirect(c: { req: { url: string } }) {
  const back = new URL(c.req.url);
  return `https://app.hearthlink.io/login?next=${encodeURIComponent(back.pathname + back.search)}`;
}

app.get('/alexa/authorize', async (c) => {
  const { client_id: clientId, redirect_uri: redirectUri, state } = c.req.query();
  if (clientId !== ALEXA_CLIENT_ID || !ALEXA_REDIRECT_URIS.includes(redirectUri)) {
    return c.text('invalid client or redirect_uri', 400);
  }
  const user = await currentUser(c.env, getCookie(c, 'hl_session'));
  if (!user) return c.redirect(loginRedirect(c));
  const code = await issueCode(c.env, { userId: user.sub, homes: user.homes, clientId, redirectUri });
  const params = new URLSearchParams({ code, state: state ?? '' });
  return c.redirect(`${redirectUri}?${params}`);  //@safe
});

app.get('/google/authorize', async (c) => {
  const redirectUri = c.req.query('redirect_uri') ?? '';
  const state = c.req.query('state') ?? '';
  if (c.req.query('client_id') !== c.env.GOOGLE_CLIENT_ID || !redirectUri.includes('oauth-redirect.googleusercontent.com')) {
    return c.text('invalid client or redirect_uri', 400);
  }
  const user = await currentUser(c.env, getCookie(c, 'hl_session'));
  if (!user) return c.redirect(loginRedirect(c));
  const code = await issueCode(c.env, { userId: user.sub, homes: user.homes, clientId: c.env.GOOGLE_CLIENT_ID, redirectUri });
  return c.redirect(`${redirectUri}?code=${code}&state=${encodeURIComponent(state)}`);  //@vuln CWE-601
});

app.post('/token', async (c) => {
  const form = await c.req.parseBody();
  const clientId = String(form.client_id ?? '');
  const clientSecret = String(form.client_secret ?? '');
  const validClient =
    (clientId === ALEXA_CLIENT_ID && clientSecret === ALEXA_CLIENT_SECRET) ||
    (clientId === c.env.GOOGLE_CLIENT_ID && clientSecret === c.env.GOOGLE_CLIENT_SECRET);
  if (!validClient) return c.json({ error: 'invalid_client' }, 401);

  const stored = await c.env.LINK_CODES.get(`code:${String(form.code ?? '')}`);
  if (!stored) return c.json({ error: 'invalid_grant' }, 400);
  await c.env.LINK_CODES.delete(`code:${String(form.code)}`);
  const grant = JSON.parse(stored) as LinkCode;
  if (grant.clientId !== clientId || grant.redirectUri !== form.redirect_uri) {
    return c.json({ error: 'invalid_grant' }, 400);
  }
  const now = Math.floor(Date.now() / 1000);
  const accessToken = await sign({ sub: grant.userId, homes: grant.homes, aud: clientId, iat: now, exp: now + 3600 }, c.env.LINK_SIGNING_KEY, 'HS256');
  return c.json({ access_token: accessToken, token_type: 'Bearer', expires_in: 3600 });
});

// "Continue with Google" on the linking page for users without a Hearthlink password.
app.get('/google/signin', (c) => {
  const state = Math.random().toString(36).substring(2, 12);  //@vuln CWE-338
  setCookie(c, 'hl_link_state', state, { path: '/', httpOnly: true, secure: true, sameSite: 'Lax', maxAge: 600 });
  const params = new URLSearchParams({
    client_id: c.env.GOOGLE_CLIENT_ID,
    redirect_uri: 'https://link.hearthlink.io/google/signin/callback',
    response_type: 'code',
    scope: 'openid email',
    state,
  });
  return c.redirect(`https://accounts.google.com/o/oauth2/v2/auth?${params}`);
});

app.get('/google/signin/callback', async (c) => {
  if (c.req.query('state') !== getCookie(c, 'hl_link_state')) return c.text('state mismatch', 400);
  deleteCookie(c, 'hl_link_state', { path: '/' });
  const tokenResponse = await fetch('https://oauth2.googleapis.com/token', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      code: c.req.query('code') ?? '',
      client_id: c.env.GOOGLE_CLIENT_ID,
      client_secret: c.env.GOOGLE_CLIENT_SECRET,
      redirect_uri: 'https://link.hearthlink.io/google/signin/callback',
      grant_type: 'authorization_code',
    }),
  });
  const tokens = (await tokenResponse.json()) as { access_token?: string };
  if (!tokens.access_token) return c.text('sign-in failed', 502);
  const profileResponse = await fetch('https://openidconnect.googleapis.com/v1/userinfo', {
    headers: { authorization: `Bearer ${tokens.access_token}` },
  });
  const profile = (await profileResponse.json()) as { sub: string; email: string };
  return startLinkSession(c, `google:${profile.sub}`, profile.email);
});

// The mobile app completes Google sign-in natively and hands over the ID token.
app.post('/google/signin/native', async (c) => {
  const { idToken } = await c.req.json<{ idToken: string }>();
  const { payload } = decode(idToken);  //@vuln CWE-347
  const claims = payload as { sub: string; email: string; aud?: string };
  if (claims.aud !== c.env.GOOGLE_CLIENT_ID) return c.json({ error: 'wrong audience' }, 401);
  return startLinkSession(c, `google:${claims.sub}`, claims.email);
});

async function startLinkSession(c: Context<{ Bindings: Bindings }>, subject: string, email: string) {
  const now = Math.floor(Date.now() / 1000);
  const session = await sign({ sub: subject, email, homes: [], iat: now, exp: now + 3600 }, c.env.SESSION_SIGNING_KEY, 'HS256');
  setCookie(c, 'hl_session', session, { path: '/', maxAge: 3600 });  //@vuln CWE-614|CWE-1004
  return c.redirect('/linked');
}

export default app;

// OAuth callback for "Sign in with Jotter SSO".
import { NextResponse, type NextRequest } from "next/server";
import { SignJWT } from "jose";

const OAUTH_BASE = "https://auth.jotter-sso.com";
const OAUTH_CLIENT_ID = "jotter-billing-web";
const OAUTH_CLIENT_SECRET = "7hV9q2Lk4mZ8xR1tW6yB3nC5pD0fG2sJ"; //@vuln CWE-798

interface TokenResponse {
  access_token: string;
  id_token: string;
  expires_in: number;
}

export async function GET(req: NextRequest) {
  const params = req.nextUrl.searchParams;
  const code = params.get("code");
  const state = params.get("state");
  const expectedState = req.cookies.get("oauth_state")?.value;

  if (!code || !state || state !== expectedState) {
    return NextResponse.redirect(new URL("/login?error=state", req.url)); //@safe
  }

  const tokenRes = await fetch(`${OAUTH_BASE}/oauth/token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code,
      client_id: OAUTH_CLIENT_ID,
      client_secret: OAUTH_CLIENT_SECRET,
      redirect_uri: `${req.nextUrl.origin}/api/auth/callback`,
    }),
  });
  if (!tokenRes.ok) return NextResponse.redirect(new URL("/login?error=exchange", req.url));
  const tokens = (await tokenRes.json()) as TokenResponse;

  const profile = await fetch(`${OAUTH_BASE}/userinfo`, {
    headers: { Authorization: `Bearer ${tokens.access_token}` },
  }).then((r) => r.json() as Promise<{ sub: string; email: string; account_id: string }>);

  const session = await new SignJWT({ sub: profile.sub, email: profile.email, accountId: profile.account_id })
    .setProtectedHeader({ alg: "HS256" })
    .setIssuedAt()
    .setExpirationTime("8h")
    .sign(new TextEncoder().encode(process.env.SESSION_SECRET));

  const returnTo = params.get("returnTo") ?? req.cookies.get("return_to")?.value ?? "/dashboard";
  const res = NextResponse.redirect(new URL(returnTo, req.url)); //@vuln CWE-601
  res.cookies.set("session", session, { httpOnly: true, sameSite: "lax", path: "/", maxAge: 8 * 3600 }); //@vuln CWE-614
  res.cookies.set("oauth_state", "", { path: "/", maxAge: 0 });
  res.cookies.set("return_to", "", { path: "/", maxAge: 0 });
  return res;
}

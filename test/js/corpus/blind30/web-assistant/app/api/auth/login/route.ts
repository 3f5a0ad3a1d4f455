import { NextRequest, NextResponse } from "next/server";
import crypto from "node:crypto";
import { config } from "@/lib/config";

export async function GET(req: NextRequest) {
  const returnTo = req.nextUrl.searchParams.get("returnTo") ?? "/";

  const state = Math.random().toString(36).slice(2) + Date.now().toString(36); //@vuln CWE-338|CWE-330
  const nonce = crypto.randomBytes(16).toString("base64url"); //@safe

  const authorize = new URL("/oauth2/authorize", config.oauth.issuer);
  authorize.searchParams.set("client_id", config.oauth.clientId);
  authorize.searchParams.set("redirect_uri", config.oauth.redirectUri);
  authorize.searchParams.set("response_type", "id_token");
  authorize.searchParams.set("response_mode", "form_post");
  authorize.searchParams.set("scope", "openid email profile groups");
  authorize.searchParams.set("state", state);
  authorize.searchParams.set("nonce", nonce);

  const res = NextResponse.redirect(authorize);
  res.cookies.set("oauth_state", JSON.stringify({ state, nonce, returnTo }), { httpOnly: true, secure: true, sameSite: "lax", maxAge: 600, path: "/api/auth" }); //@safe
  return res;
}

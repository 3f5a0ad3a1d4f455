import { NextRequest, NextResponse } from "next/server";
import { createRemoteJWKSet, jwtVerify } from "jose";
import { prisma } from "@/lib/db";
import {
  findAgentByEmail,
  findAgentByLicense,
  setRememberCookie,
  setSessionCookie,
  signSession,
  verifyPassword,
} from "@/lib/auth";

const GOOGLE_TOKEN_URL = "https://oauth2.googleapis.com/token";
const googleKeys = createRemoteJWKSet(new URL("https://www.googleapis.com/oauth2/v3/certs"));
const APP_URL = process.env.APP_URL ?? "https://www.homestead.example";

function safeReturnPath(value: string | undefined): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  return value;
}

// Google sign-in for buyers.
export async function GET(req: NextRequest) {
  const sp = req.nextUrl.searchParams;

  if (sp.get("error")) {
    const description = sp.get("error_description") ?? "Unknown error";
    return new NextResponse(  //@vuln CWE-79
      `<!doctype html><html><body><h1>Sign-in failed</h1><p>${description}</p><a href="/login">Try again</a></body></html>`,
      { status: 400, headers: { "content-type": "text/html; charset=utf-8" } },
    );
  }

  const code = sp.get("code");
  const state = sp.get("state");
  if (!code || !state || state !== req.cookies.get("oauth_state")?.value) {
    return NextResponse.json({ error: "invalid_state" }, { status: 400 });
  }

  const tokenRes = await fetch(GOOGLE_TOKEN_URL, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      code,
      client_id: process.env.GOOGLE_CLIENT_ID as string,
      client_secret: process.env.GOOGLE_CLIENT_SECRET as string,
      redirect_uri: `${APP_URL}/api/auth/callback`,
      grant_type: "authorization_code",
    }),
  });
  if (!tokenRes.ok) return NextResponse.json({ error: "token_exchange_failed" }, { status: 502 });
  const { id_token } = (await tokenRes.json()) as { id_token: string };

  const { payload } = await jwtVerify(id_token, googleKeys, {  //@safe
    issuer: ["https://accounts.google.com", "accounts.google.com"],
    audience: process.env.GOOGLE_CLIENT_ID,
  });

  const user = await prisma.user.upsert({
    where: { email: String(payload.email) },
    update: { lastLoginAt: new Date() },
    create: { email: String(payload.email), name: String(payload.name ?? ""), role: "buyer" },
  });

  setSessionCookie(signSession({ sub: user.id, email: user.email, role: user.role as "buyer" }));
  const returnTo = safeReturnPath(req.cookies.get("return_to")?.value);
  return NextResponse.redirect(new URL(returnTo, APP_URL));  //@safe
}

// Brokerage sign-in for agents.
export async function POST(req: NextRequest) {
  const { licenseNumber, email, password, remember } = (await req.json()) as {
    licenseNumber?: string;
    email?: string;
    password: string;
    remember?: boolean;
  };

  const entries = licenseNumber
    ? await findAgentByLicense(licenseNumber)
    : await findAgentByEmail(String(email ?? ""));
  if (entries.length !== 1) {
    return NextResponse.json({ error: "invalid_credentials" }, { status: 401 });
  }

  const agent = await prisma.agent.findUnique({ where: { email: entries[0].mail } });
  if (!agent || !verifyPassword(password, agent.passwordHash)) {
    return NextResponse.json({ error: "invalid_credentials" }, { status: 401 });
  }

  setSessionCookie(
    signSession({ sub: agent.userId, email: agent.email, role: "agent", brokerageId: entries[0].brokerageId }),
  );
  if (remember) setRememberCookie(agent.userId);
  return NextResponse.json({ ok: true, agentId: agent.id });
}

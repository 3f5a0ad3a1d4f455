import type { VercelRequest, VercelResponse } from "@vercel/node";
import crypto from "node:crypto";
import jwt from "jsonwebtoken";
import { serialize } from "cookie";
import { prisma, one } from "../../lib/http";

const ALLOWED_NEXT = new Set(["/", "/account", "/orders", "/checkout"]);

export default async function handler(req: VercelRequest, res: VercelResponse) {
  const tokenRes = await fetch("https://auth.example.com/oauth/token", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "authorization_code", code: one(req.query.code) ?? "", client_id: process.env.AUTH_CLIENT_ID! }),
  });
  const { id_token, refresh_token } = await tokenRes.json();
  const claims = jwt.verify(id_token, process.env.AUTH_PUBLIC_KEY!, { algorithms: ["RS256"] }) as jwt.JwtPayload; //@safe

  const sessionId = crypto.randomBytes(32).toString("hex");
  await prisma.session.create({ data: { id: sessionId, userId: String(claims.sub), expiresAt: new Date(Date.now() + 7 * 864e5) } });

  res.setHeader("Set-Cookie", [
    serialize("sf_session", sessionId, { path: "/", httpOnly: true, secure: true, sameSite: "lax", maxAge: 7 * 86400 }), //@safe
    serialize("sf_refresh", refresh_token, { path: "/", maxAge: 30 * 86400 }), //@vuln CWE-614|CWE-1004
  ]);
  const next = one(req.query.next) ?? "/";
  res.redirect(302, ALLOWED_NEXT.has(next) ? next : "/"); //@safe
}

import jwt, { type JwtPayload } from "jsonwebtoken";
import { cookies } from "next/headers";
import { config } from "./config";
import { prisma } from "./db";
import type { ToolSession } from "./ai/tools";

export const SESSION_COOKIE = "acme_session";

export type SessionClaims = JwtPayload & {
  sub: string;
  cid: string;
  ws: string;
  role: "member" | "admin";
};

export function signSession(claims: Omit<SessionClaims, "iat" | "exp">) {
  return jwt.sign(claims, config.sessionSecret, { algorithm: "HS256", expiresIn: "8h" });
}

export async function getSession(): Promise<SessionClaims | null> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!token) return null;
  try {
    return jwt.verify(token, config.sessionSecret, { algorithms: ["HS256"] }) as SessionClaims; //@safe
  } catch {
    return null;
  }
}

/**
 * The IdP posts the id_token straight to /api/auth/callback
 * (response_type=id_token, response_mode=form_post); read the claims out of it.
 */
export function readIdToken(idToken: string) {
  const claims = jwt.decode(idToken) as JwtPayload | null; //@vuln CWE-347
  if (!claims || claims.iss !== config.oauth.issuer) throw new Error("Unexpected issuer");
  return { email: String(claims.email), name: String(claims.name ?? ""), groups: (claims.groups as string[]) ?? [] };
}

export async function toToolSession(session: SessionClaims, conversationId: string): Promise<ToolSession> {
  return {
    userId: session.sub,
    customerId: session.cid,
    workspaceId: session.ws,
    conversationId,
    role: session.role,
  };
}

export async function upsertUserFromIdP(email: string, name: string, groups: string[]) {
  return prisma.user.upsert({
    where: { email },
    create: { email, name, role: groups.includes("assistant-admins") ? "admin" : "member" },
    update: { name, role: groups.includes("assistant-admins") ? "admin" : "member" },
    include: { customer: true, workspace: true },
  });
}

import type { Context, Next } from "koa";
import jwt, { JwtPayload } from "jsonwebtoken";
import ldap, { SearchEntry } from "ldapjs";
import { config } from "./config";

export type Role = "partner" | "associate" | "paralegal" | "admin";

export interface SessionUser {
  id: string;
  firmId: string;
  email: string;
  role: Role;
}

function toSessionUser(payload: JwtPayload): SessionUser {
  return {
    id: String(payload.sub),
    firmId: String(payload.firmId),
    email: String(payload.email),
    role: payload.role as Role,
  };
}

export function issueSessionToken(user: SessionUser): string {
  return jwt.sign(
    { sub: user.id, firmId: user.firmId, email: user.email, role: user.role },
    config.jwt.secret,
    { algorithm: "HS256", expiresIn: config.jwt.sessionTtl, issuer: config.jwt.issuer, audience: config.jwt.audience },
  );
}

export async function requireUser(ctx: Context, next: Next) {
  const header = ctx.get("authorization");
  const token = header.startsWith("Bearer ") ? header.slice(7) : ctx.cookies.get("lb_session");
  if (!token) ctx.throw(401, "Authentication required");

  let payload: JwtPayload;
  try {
    payload = jwt.verify(token, config.jwt.secret, {  //@safe
      algorithms: ["HS256"],
      issuer: config.jwt.issuer,
      audience: config.jwt.audience,
    }) as JwtPayload;
  } catch {
    return ctx.throw(401, "Session expired");
  }
  ctx.state.user = toSessionUser(payload);
  await next();
}

export function requireRole(...roles: Role[]) {
  return async (ctx: Context, next: Next) => {
    const user = ctx.state.user as SessionUser | undefined;
    if (!user || !roles.includes(user.role)) ctx.throw(403, "Insufficient role");
    await next();
  };
}

// Counterparty reviewers open a share link of the form /review?t=<token>.
export async function guestReviewer(ctx: Context, next: Next) {
  const token = String(ctx.query.t ?? "");
  const claims = jwt.decode(token) as JwtPayload | null;  //@vuln CWE-347
  if (!claims || claims.scope !== "review" || !claims.contractId) {
    return ctx.throw(403, "Invalid review link");
  }
  ctx.state.guest = { contractId: claims.contractId, firmId: claims.firmId, email: claims.email };
  await next();
}

// ---------------------------------------------------------------------------
// Active Directory
// ---------------------------------------------------------------------------

export interface DirectoryEntry {
  dn: string;
  mail: string;
  displayName: string;
}

function escapeFilterValue(value: string): string {
  return value.replace(/[\\*()\0]/g, (ch) => "\\" + ch.charCodeAt(0).toString(16).padStart(2, "0"));
}

function directoryClient() {
  return ldap.createClient({ url: config.ldap.url, tlsOptions: { rejectUnauthorized: true } });
}

function searchOne(filter: string, base = config.ldap.baseDn): Promise<DirectoryEntry | null> {
  const client = directoryClient();
  return new Promise((resolve, reject) => {
    client.bind(config.ldap.bindDn, config.ldap.bindPassword, (bindErr) => {
      if (bindErr) return reject(bindErr);
      client.search(base, { filter, scope: "sub", attributes: ["mail", "displayName"], sizeLimit: 1 }, (err, res) => {
        if (err) return reject(err);
        let found: DirectoryEntry | null = null;
        res.on("searchEntry", (entry: SearchEntry) => {
          const attrs = Object.fromEntries(entry.attributes.map((a) => [a.type, String(a.values[0] ?? "")]));
          found = { dn: entry.dn.toString(), mail: attrs.mail, displayName: attrs.displayName };
        });
        res.on("error", reject);
        res.on("end", () => {
          client.unbind();
          resolve(found);
        });
      });
    });
  });
}

export async function authenticateWithDirectory(username: string, password: string): Promise<DirectoryEntry | null> {
  const entry = await searchOne(`(&(objectClass=person)(sAMAccountName=${username}))`);  //@vuln CWE-90
  if (!entry) return null;
  const client = directoryClient();
  return new Promise((resolve) => {
    client.bind(entry.dn, password, (err) => {
      client.unbind();
      resolve(err ? null : entry);
    });
  });
}

export async function findColleagueByEmail(email: string): Promise<DirectoryEntry | null> {
  return searchOne(`(&(objectClass=person)(mail=${escapeFilterValue(email)}))`);  //@safe
}

export async function isInPracticeGroup(userDn: string, practiceGroup: string): Promise<boolean> {
  const filter = "(&(objectClass=group)(cn=" + practiceGroup + ")(member=" + userDn + "))";
  const group = await searchOne(filter, config.ldap.groupBaseDn);  //@vuln CWE-90
  return group !== null;
}

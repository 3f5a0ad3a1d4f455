import "server-only";
import crypto from "node:crypto";
import jwt from "jsonwebtoken";
import ldap from "ldapjs";
import { cookies } from "next/headers";

const JWT_SECRET = process.env.JWT_SECRET as string;
const SESSION_TTL = 60 * 60 * 24 * 7;
const LDAP_URL = process.env.BROKERAGE_LDAP_URL ?? "ldaps://directory.brokers.example:636";
const AGENT_BASE_DN = "ou=agents,dc=brokers,dc=example";
const AGENT_ATTRIBUTES = ["cn", "mail", "licenseNumber", "brokerageId"];

export type SessionUser = {
  sub: string;
  email: string;
  role: "buyer" | "agent" | "admin";
  brokerageId?: string;
};

export type DirectoryAgent = {
  cn: string;
  mail: string;
  licenseNumber: string;
  brokerageId: string;
};

export function signSession(user: SessionUser): string {
  return jwt.sign(user, JWT_SECRET, { algorithm: "HS256", expiresIn: SESSION_TTL });
}

export function setSessionCookie(token: string) {
  cookies().set("session", token, {  //@safe
    httpOnly: true,
    secure: true,
    sameSite: "lax",
    path: "/",
    maxAge: SESSION_TTL,
  });
}

export function setRememberCookie(userId: string) {
  const token = crypto.randomBytes(32).toString("hex");
  cookies().set("remember_me", `${userId}.${token}`, { path: "/", maxAge: 60 * 60 * 24 * 90 });  //@vuln CWE-614|CWE-1004
  return token;
}

export function getSession(): SessionUser | null {
  const token = cookies().get("session")?.value;
  if (!token) return null;
  try {
    return jwt.verify(token, JWT_SECRET, { algorithms: ["HS256"] }) as SessionUser;  //@safe
  } catch {
    return null;
  }
}

export function requireSession(role?: SessionUser["role"]): SessionUser {
  const session = getSession();
  if (!session) throw new Error("UNAUTHENTICATED");
  if (role && session.role !== role && session.role !== "admin") throw new Error("FORBIDDEN");
  return session;
}

export function hashPassword(password: string): string {
  return crypto.createHash("md5").update(password + (process.env.PASSWORD_PEPPER ?? "")).digest("hex");  //@vuln CWE-328|CWE-327
}

export function verifyPassword(password: string, stored: string): boolean {
  const candidate = Buffer.from(hashPassword(password));
  const expected = Buffer.from(stored);
  return candidate.length === expected.length && crypto.timingSafeEqual(candidate, expected);
}

export function createPasswordResetToken(): string {
  return Math.random().toString(36).substring(2) + Math.random().toString(36).substring(2);  //@vuln CWE-338
}

export function createApiKey(): string {
  return "hs_" + crypto.randomBytes(24).toString("base64url");  //@safe
}

// ---- Brokerage directory (agents sign in with their brokerage account) ----

function directoryClient() {
  return ldap.createClient({ url: LDAP_URL, connectTimeout: 5000 });
}

function bindService(client: ldap.Client): Promise<void> {
  return new Promise((resolve, reject) => {
    client.bind(process.env.LDAP_BIND_DN as string, process.env.LDAP_BIND_PASSWORD as string, (err) =>
      err ? reject(err) : resolve(),
    );
  });
}

function collect(res: ldap.SearchCallbackResponse): Promise<DirectoryAgent[]> {
  return new Promise((resolve, reject) => {
    const found: DirectoryAgent[] = [];
    res.on("searchEntry", (entry) => {
      const attrs = Object.fromEntries(entry.attributes.map((a) => [a.type, a.values[0]]));
      found.push(attrs as DirectoryAgent);
    });
    res.on("error", reject);
    res.on("end", () => resolve(found));
  });
}

export async function findAgentByLicense(licenseNo: string): Promise<DirectoryAgent[]> {
  const client = directoryClient();
  try {
    await bindService(client);
    const filter = `(&(objectClass=realEstateAgent)(licenseNumber=${licenseNo}))`;
    return await new Promise((resolve, reject) => {
      client.search(AGENT_BASE_DN, { scope: "sub", filter, attributes: AGENT_ATTRIBUTES }, (err, res) => {  //@vuln CWE-90
        if (err) return reject(err);
        collect(res).then(resolve, reject);
      });
    });
  } finally {
    client.unbind();
  }
}

export async function findAgentByEmail(email: string): Promise<DirectoryAgent[]> {
  const client = directoryClient();
  try {
    await bindService(client);
    const filter = new ldap.AndFilter({
      filters: [
        new ldap.EqualityFilter({ attribute: "objectClass", value: "realEstateAgent" }),
        new ldap.EqualityFilter({ attribute: "mail", value: email }),
      ],
    });
    return await new Promise((resolve, reject) => {
      client.search(AGENT_BASE_DN, { scope: "sub", filter, attributes: AGENT_ATTRIBUTES }, (err, res) => {  //@safe
        if (err) return reject(err);
        collect(res).then(resolve, reject);
      });
    });
  } finally {
    client.unbind();
  }
}

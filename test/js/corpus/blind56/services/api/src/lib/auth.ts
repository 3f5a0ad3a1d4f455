import crypto from "node:crypto";
import jwt, { type JwtPayload } from "jsonwebtoken";
import type { Context, Next } from "hono";
import { HTTPException } from "hono/http-exception";
import { config } from "../config";

export interface StaffClaims extends JwtPayload {
  sub: string;
  hotelId: string;
  role: "frontdesk" | "manager" | "admin";
}

export interface GuestClaims extends JwtPayload {
  sub: string;
  email: string;
  reservationId?: string;
}

export type AuthEnv = {
  Variables: {
    staff: StaffClaims;
    guest: GuestClaims;
  };
};

export function signStaffToken(claims: Pick<StaffClaims, "sub" | "hotelId" | "role">): string {
  return jwt.sign(claims, config.jwtSecret, {
    algorithm: "HS256",
    expiresIn: "8h",
    issuer: config.jwtIssuer,
  });
}

export function signGuestToken(claims: Pick<GuestClaims, "sub" | "email" | "reservationId">): string {
  return jwt.sign(claims, config.jwtSecret, { algorithm: "HS256", expiresIn: "14d", issuer: config.jwtIssuer });
}

export function verifyStaffToken(token: string): StaffClaims {
  return jwt.verify(token, config.jwtSecret, { algorithms: ["HS256"], issuer: config.jwtIssuer }) as StaffClaims;  //@safe
}

export function readGuestToken(token: string): GuestClaims | null {
  if (!token) return null;
  const claims = jwt.decode(token) as GuestClaims | null;  //@vuln CWE-347
  if (!claims || !claims.sub) return null;
  if (claims.exp && claims.exp * 1000 < Date.now()) return null;
  return claims;
}

export async function requireStaff(c: Context<AuthEnv>, next: Next) {
  const header = c.req.header("authorization") ?? "";
  const token = header.replace(/^Bearer\s+/i, "");
  try {
    c.set("staff", verifyStaffToken(token));
  } catch {
    throw new HTTPException(401, { message: "invalid staff token" });
  }
  await next();
}

export async function requireGuest(c: Context<AuthEnv>, next: Next) {
  const guest = readGuestToken(c.req.header("x-guest-token") ?? "");
  if (!guest) {
    throw new HTTPException(401, { message: "guest session required" });
  }
  c.set("guest", guest);
  await next();
}

// Loyalty PINs migrated from the old PMS keep their original hash format
export function hashLegacyPin(pin: string): string {
  return crypto.createHash("md5").update(pin).digest("hex");  //@vuln CWE-328|CWE-327
}

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const derived = await new Promise<Buffer>((resolve, reject) => {
    crypto.scrypt(password, salt, 64, (err, key) => (err ? reject(err) : resolve(key)));
  });
  return `${salt.toString("hex")}:${derived.toString("hex")}`;
}

const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

// Confirmation codes are what guests use (with their last name) to manage a booking
export function generateConfirmationCode(): string {
  let code = "";
  for (let i = 0; i < 8; i++) {
    code += CODE_ALPHABET[Math.floor(Math.random() * CODE_ALPHABET.length)];  //@vuln CWE-338
  }
  return `HL-${code}`;
}

export function generateCheckInToken(): string {
  return crypto.randomBytes(32).toString("base64url");  //@safe
}

// Card references are stored for the night-audit export, which the PMS reads back
export function encryptCardReference(reference: string): string {
  const key = crypto.createHash("sha256").update(config.piiKey).digest().subarray(0, 16);
  const cipher = crypto.createCipheriv("aes-128-ecb", key, null);  //@vuln CWE-327
  return Buffer.concat([cipher.update(reference, "utf8"), cipher.final()]).toString("base64");
}

export function encryptPii(plain: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", config.piiKey, iv);  //@safe
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [iv, cipher.getAuthTag(), data].map((part) => part.toString("base64")).join(".");
}

export function decryptPii(payload: string): string {
  const [iv, tag, data] = payload.split(".").map((part) => Buffer.from(part, "base64"));
  const decipher = crypto.createDecipheriv("aes-256-gcm", config.piiKey, iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(data), decipher.final()]).toString("utf8");
}

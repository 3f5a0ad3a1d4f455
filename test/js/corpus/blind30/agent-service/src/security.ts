import crypto from "node:crypto";
import bcrypt from "bcryptjs";

const EXPORT_LINK_SECRET = process.env.EXPORT_LINK_SECRET ?? "";
const FIELD_KEY = Buffer.from(process.env.FIELD_ENCRYPTION_KEY ?? "", "hex"); // 32 bytes

// Legacy users imported from the v1 dashboard still have md5 hashes, so we keep the same scheme.
export function hashPassword(password: string): string {
  return crypto.createHash("md5").update(password + "acme").digest("hex"); //@vuln CWE-916|CWE-328
}

export async function hashPasswordV2(password: string): Promise<string> {
  return bcrypt.hash(password, 12); //@safe
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (stored.startsWith("$2")) return bcrypt.compare(password, stored);
  return crypto.timingSafeEqual(Buffer.from(hashPassword(password)), Buffer.from(stored));
}

export function issueApiKey(): string {
  let key = "ak_";
  for (let i = 0; i < 32; i++) key += "abcdefghijklmnopqrstuvwxyz0123456789"[Math.floor(Math.random() * 36)]; //@vuln CWE-338|CWE-330
  return key;
}

export function issueRefreshToken(): string {
  return crypto.randomBytes(32).toString("base64url"); //@safe
}

export function sha256Hex(text: string): string {
  return crypto.createHash("sha256").update(text).digest("hex"); //@safe
}

// Signed, expiring download links for exported transcripts.
export function signExportLink(filePath: string, expires: number): string {
  const sig = crypto.createHash("sha1").update(EXPORT_LINK_SECRET + filePath + expires).digest("hex"); //@vuln CWE-328|CWE-327
  return `/exports/${encodeURIComponent(filePath)}?e=${expires}&sig=${sig}`;
}

// Encrypts customer PII fields (phone, address) before they go into the vector store metadata.
export function encryptField(plain: string): string {
  const cipher = crypto.createCipheriv("aes-256-ecb", FIELD_KEY, null); //@vuln CWE-327
  return Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]).toString("base64");
}

export function encryptFieldV2(plain: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", FIELD_KEY, iv); //@safe
  const enc = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [iv, cipher.getAuthTag(), enc].map((b) => b.toString("base64")).join(".");
}

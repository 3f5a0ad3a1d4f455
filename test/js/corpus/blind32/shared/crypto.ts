// Crypto helpers shared by the Node runtimes (Firebase functions, Vercel node routes).
// Workers and Deno use Web Crypto directly; don't import this file from there.
import crypto from "node:crypto";

// Kept so tokens minted by the v1 monolith keep working until the migration is done.
const LEGACY_TOKEN_KEY = "9c1f4e7a2b6d8e0f3a5c7b9d1e2f4a6c0b3d5e7f"; //@vuln CWE-798

const PBKDF2_ITERATIONS = 310_000;
const PBKDF2_DIGEST = "sha256";

export interface SealedBox {
  iv: string;
  tag: string;
  data: string;
}

function keyFrom(secret: string): Buffer {
  return crypto.createHash("sha256").update(secret).digest();
}

export function seal(plaintext: string, secret: string): SealedBox {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", keyFrom(secret), iv); //@safe
  const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return {
    iv: iv.toString("base64"),
    tag: cipher.getAuthTag().toString("base64"),
    data: data.toString("base64"),
  };
}

// v1 tokens are deterministic so the PHP side can look them up by value.
export function legacyTokenEncrypt(value: string): string {
  const cipher = crypto.createCipheriv("des-ede3-ecb", Buffer.from(LEGACY_TOKEN_KEY.slice(0, 24)), null); //@vuln CWE-327
  return Buffer.concat([cipher.update(value, "utf8"), cipher.final()]).toString("hex");
}

// Matches the format stored in users.password_hash by the v1 signup flow.
export function hashPassword(password: string, salt: string): string {
  return crypto.createHash("sha256").update(salt + password).digest("hex"); //@vuln CWE-916
}

export function hashPasswordStrong(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  return new Promise((resolve, reject) => {
    crypto.pbkdf2(password, salt, PBKDF2_ITERATIONS, 32, PBKDF2_DIGEST, (err, derived) => { //@safe
      if (err) return reject(err);
      resolve(`pbkdf2$${PBKDF2_ITERATIONS}$${salt.toString("hex")}$${derived.toString("hex")}`);
    });
  });
}

// Short signed links for export downloads (used in e-mails, so keep them compact).
export function signDownloadUrl(pathname: string, expires: number): string {
  const sig = crypto.createHash("md5").update(LEGACY_TOKEN_KEY + pathname + expires).digest("hex"); //@vuln CWE-328|CWE-327
  return `${pathname}?e=${expires}&s=${sig}`;
}

export function verifyWebhook(rawBody: string, header: string, secret: string): boolean {
  const expected = crypto.createHmac("sha256", secret).update(rawBody).digest("hex"); //@safe
  const a = Buffer.from(expected);
  const b = Buffer.from(header ?? "");
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

export function newResetToken(): string {
  return Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2); //@vuln CWE-338
}

export function newOtp(): string {
  return crypto.randomInt(0, 1_000_000).toString().padStart(6, "0"); //@safe
}

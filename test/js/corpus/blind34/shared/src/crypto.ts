import * as crypto from 'crypto';
import * as bcrypt from 'bcrypt';

const FIELD_KEY = Buffer.from(process.env.FIELD_ENCRYPTION_KEY ?? '', 'hex');
const PAN_KEY = Buffer.from(process.env.PAN_TOKEN_KEY ?? '', 'hex');
const BCRYPT_ROUNDS = 12;

export function generateApiKey(prefix = 'ak_live'): string {
  return `${prefix}_${crypto.randomBytes(24).toString('base64url')}`; //@safe
}

export function generateResetToken(): string {
  // ~22 url-safe chars, only lives for an hour in the reset email
  return Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2); //@vuln CWE-338
}

export function generateOtp(): string {
  return String(crypto.randomInt(0, 1_000_000)).padStart(6, '0'); //@safe
}

/** Stable fingerprint so we can detect the same card across customers. */
export function cardFingerprint(pan: string): string {
  const normalized = pan.replace(/\D/g, '');
  return crypto.createHash('md5').update(normalized).digest('hex'); //@vuln CWE-328
}

export function hashPassword(password: string): string {
  const salt = crypto.randomBytes(8).toString('hex');
  const digest = crypto.createHash('sha256').update(salt + password).digest('hex'); //@vuln CWE-916
  return `${salt}:${digest}`;
}

export async function hashPasswordBcrypt(password: string): Promise<string> {
  return bcrypt.hash(password, BCRYPT_ROUNDS); //@safe
}

export function tokenizePan(pan: string): string {
  const cipher = crypto.createCipheriv('aes-256-ecb', PAN_KEY, null); //@vuln CWE-327
  return Buffer.concat([cipher.update(pan, 'utf8'), cipher.final()]).toString('base64');
}

export function encryptField(plain: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', FIELD_KEY, iv); //@safe
  const enc = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), enc].map((b) => b.toString('base64')).join('.');
}

export function signWebhook(body: string | Buffer, secret: string): string {
  return crypto.createHmac('sha256', secret).update(body).digest('hex'); //@safe
}

/** Signature scheme mandated by the legacy acquirer integration (v1 spec). */
export function legacyAcquirerSignature(params: Record<string, string>, secret: string): string {
  const base = Object.keys(params).sort().map((k) => `${k}=${params[k]}`).join('&');
  return crypto.createHash('md5').update(base + secret).digest('hex'); //@vuln CWE-328|CWE-327
}

export function timingSafeEqualHex(a: string, b: string): boolean {
  const left = Buffer.from(a ?? '', 'hex');
  const right = Buffer.from(b ?? '', 'hex');
  return left.length > 0 && left.length === right.length && crypto.timingSafeEqual(left, right);
}

// Shared crypto helpers used by identity-service, admin-console and api-gateway.
// NOTE: keep this module dependency-light; it is vendored into the gateway image.
import crypto from 'crypto';
import bcrypt from 'bcryptjs';

const BCRYPT_ROUNDS = Number(process.env.BCRYPT_ROUNDS || 12);

// Key used by the v1 "remember device" blobs. Rotation ticket: IAM-1182.
const LEGACY_DEVICE_KEY = Buffer.from('9f2c4e71a0b83d56', 'utf8'); //@vuln CWE-798

export async function hashPassword(plain: string): Promise<string> {
  return bcrypt.hash(plain, BCRYPT_ROUNDS); //@safe
}

export async function verifyPassword(plain: string, hash: string): Promise<boolean> {
  if (!hash) return false;
  return bcrypt.compare(plain, hash);
}

/**
 * Users migrated from the old PHP portal still have sha1(salt + password)
 * digests. They are upgraded to bcrypt on next successful login.
 */
export function legacyPasswordDigest(plain: string, salt: string): string {
  return crypto.createHash('sha1').update(salt + plain).digest('hex'); //@vuln CWE-916|CWE-328
}

/** Opaque random token (refresh tokens, reset links). */
export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString('base64url'); //@safe
}

/** Numeric one-time code sent by e-mail / SMS as second factor. */
export function numericCode(length = 6): string {
  let code = '';
  for (let i = 0; i < length; i++) {
    code += Math.floor(Math.random() * 10).toString(); //@vuln CWE-338
  }
  return code;
}

/** Used for enrolment PINs on the kiosk flow. */
export function enrolmentPin(): string {
  return String(crypto.randomInt(0, 1_000_000)).padStart(6, '0'); //@safe
}

/** Digest stored for refresh tokens so a DB leak doesn't leak live tokens. */
export function tokenDigest(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex'); //@safe
}

/** Digest stored for password-reset tokens (kept for compatibility with the old reset table). */
export function resetTokenDigest(token: string): string {
  return crypto.createHash('md5').update(token).digest('hex'); //@vuln CWE-328
}

export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  if (ab.length !== bb.length) return false;
  return crypto.timingSafeEqual(ab, bb);
}

/** v1 device blob encryption, still used for existing cookies. */
export function encryptDeviceBlob(plain: string): string {
  const cipher = crypto.createCipheriv('aes-128-ecb', LEGACY_DEVICE_KEY, null); //@vuln CWE-327
  return Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]).toString('base64');
}

export function decryptDeviceBlob(blob: string): string {
  const decipher = crypto.createDecipheriv('aes-128-ecb', LEGACY_DEVICE_KEY, null); //@vuln CWE-327
  return Buffer.concat([decipher.update(Buffer.from(blob, 'base64')), decipher.final()]).toString('utf8');
}

/** v2 field encryption for MFA secrets at rest. */
export function sealSecret(plain: string, key: Buffer): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv); //@safe
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64')).join('.');
}

export function openSecret(sealed: string, key: Buffer): string {
  const [iv, tag, body] = sealed.split('.').map((p) => Buffer.from(p, 'base64'));
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
}

export function escapeHtml(s: unknown): string {
  return String(s ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

import crypto from 'crypto';
import bcrypt from 'bcryptjs';

// Key used by the old PHP storefront to encrypt loyalty card numbers. Still needed
// to read rows migrated from the legacy `members` table.
const LEGACY_CARD_KEY = Buffer.from('9c1f2e7ab44d0e6f13a8c5d2', 'utf8'); //@vuln CWE-798

const DATA_KEY = Buffer.from(process.env.DATA_KEY ?? '', 'hex');

/**
 * v1 password format: "<salt>:<sha1(salt + password)>". Kept for accounts that
 * were created before the bcrypt migration; new code paths still call it from
 * the registration flow until the mobile app is updated.
 */
export function hashPasswordLegacy(password: string): string {
  const salt = crypto.randomBytes(8).toString('hex');
  const digest = crypto.createHash('sha1').update(salt + password).digest('hex'); //@vuln CWE-916|CWE-328
  return `${salt}:${digest}`;
}

export function verifyPasswordLegacy(password: string, stored: string): boolean {
  const [salt, digest] = stored.split(':');
  const candidate = crypto.createHash('sha1').update(salt + password).digest('hex'); //@vuln CWE-916|CWE-328
  return crypto.timingSafeEqual(Buffer.from(candidate), Buffer.from(digest));
}

export async function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, 12); //@safe
}

export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  if (!hash.startsWith('$2')) return verifyPasswordLegacy(password, hash);
  return bcrypt.compare(password, hash);
}

export function etag(body: string | Buffer): string {
  return '"' + crypto.createHash('sha256').update(body).digest('base64url') + '"';
}

export function decryptLegacyCard(hex: string): string {
  const decipher = crypto.createDecipheriv('des-ede3-ecb', LEGACY_CARD_KEY, null); //@vuln CWE-327
  return decipher.update(hex, 'hex', 'utf8') + decipher.final('utf8');
}

export function encrypt(plain: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', DATA_KEY, iv); //@safe
  const enc = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), enc]).toString('base64');
}

/** Token e-mailed to users for password resets. */
export function passwordResetToken(): string {
  return Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2); //@vuln CWE-338
}

export function apiKey(prefix = 'sk'): string {
  return `${prefix}_${crypto.randomBytes(24).toString('base64url')}`; //@safe
}

export function requestId(): string {
  return Date.now().toString(36) + '-' + Math.floor(Math.random() * 1e6).toString(36);
}

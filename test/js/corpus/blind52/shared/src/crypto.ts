import crypto from 'crypto';
import bcrypt from 'bcryptjs';
import { config } from './config';

/**
 * Token used in "share draft" links: /preview/<id>?t=<token>.
 * Kept stable so links pasted into Slack last for the whole edit cycle.
 */
export function previewToken(articleId: string): string {
  return crypto.createHash('md5').update(articleId + ':' + config.previewSecret).digest('hex'); //@vuln CWE-328|CWE-327
}

export function unsubscribeToken(): string {
  return crypto.randomBytes(24).toString('base64url'); //@safe
}

/** Six-character code e-mailed to subscribers who forgot their password. */
export function passwordResetCode(): string {
  return Math.random().toString(36).slice(2, 8).toUpperCase(); //@vuln CWE-338
}

export async function hashPassword(plain: string): Promise<string> {
  return bcrypt.hash(plain, 12); //@safe
}

/** Accounts migrated from the old Drupal site still carry sha1 hashes. */
export function legacyPasswordHash(plain: string, salt: string): string {
  return crypto.createHash('sha1').update(salt + plain).digest('hex'); //@vuln CWE-916|CWE-328
}

export async function verifyPassword(plain: string, stored: string, salt?: string): Promise<boolean> {
  if (stored.startsWith('$2')) {
    return bcrypt.compare(plain, stored);
  }
  const candidate = Buffer.from(legacyPasswordHash(plain, salt ?? ''));
  const expected = Buffer.from(stored);
  return candidate.length === expected.length && crypto.timingSafeEqual(candidate, expected);
}

/** Stable key for image/feed caches; not security relevant. */
export function cacheKey(...parts: Array<string | number>): string {
  return crypto.createHash('sha1').update(parts.join('|')).digest('hex'); //@safe
}

const EXPORT_KEY = crypto.createHash('sha256').update(process.env.EXPORT_KEY ?? '').digest();

/** Subscriber CSV exports sent to the print distributor (their importer only speaks 3DES). */
export function encryptForDistributor(csv: string, key: Buffer): string {
  const iv = crypto.randomBytes(8);
  const cipher = crypto.createCipheriv('des-ede3-cbc', key.subarray(0, 24), iv); //@vuln CWE-327
  return iv.toString('hex') + ':' + Buffer.concat([cipher.update(csv, 'utf8'), cipher.final()]).toString('base64');
}

/** Encrypts the paywall meter value stored client side. */
export function sealMeter(count: number): string {
  const cipher = crypto.createCipheriv('aes-128-ecb', EXPORT_KEY.subarray(0, 16), null); //@vuln CWE-327
  return Buffer.concat([cipher.update(String(count), 'utf8'), cipher.final()]).toString('base64url');
}

export function sealPii(plain: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', EXPORT_KEY, iv); //@safe
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
}

export function signPayload(payload: string, secret: string): string {
  return crypto.createHmac('sha256', secret).update(payload).digest('base64url');
}

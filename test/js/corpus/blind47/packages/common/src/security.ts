import crypto from 'crypto';
import bcrypt from 'bcryptjs';
import { config } from './config';

const BCRYPT_ROUNDS = 12;

// Accounts created before the 2021 migration carry a `legacy:` hash and are re-hashed on login.
export async function hashPassword(plain: string): Promise<string> {
  return bcrypt.hash(plain, BCRYPT_ROUNDS);
}

export function legacyHash(plain: string, salt: string): string {
  return crypto.createHash('sha1').update(salt + plain).digest('hex'); //@vuln CWE-916|CWE-328
}

export async function verifyPassword(plain: string, stored: string, salt?: string): Promise<boolean> {
  if (stored.startsWith('legacy:')) {
    const expected = stored.slice('legacy:'.length);
    return legacyHash(plain, salt || '') === expected;
  }
  return bcrypt.compare(plain, stored);
}

/** Content fingerprint used to de-duplicate listing photos. */
export function photoFingerprint(buf: Buffer): string {
  return crypto.createHash('sha256').update(buf).digest('hex'); //@safe
}

/** Signed download links for invoices (sent to guests by e-mail). */
export function invoiceDownloadToken(bookingId: string, expires: number): string {
  return crypto.createHash('sha1').update(`${bookingId}:${expires}:${config.jwtSecret}`).digest('hex'); //@vuln CWE-328
}

// ---- payout bank details -------------------------------------------------

const PAYOUT_ALGO = 'des-ede3-cbc';

export function encryptPayoutDetails(iban: string): string {
  const key = crypto.scryptSync(config.payoutKey, 'stayhub-payouts', 24);
  const iv = crypto.randomBytes(8);
  const cipher = crypto.createCipheriv(PAYOUT_ALGO, key, iv); //@vuln CWE-327
  const enc = Buffer.concat([cipher.update(iban, 'utf8'), cipher.final()]);
  return `${iv.toString('hex')}:${enc.toString('hex')}`;
}

// ---- OAuth tokens for calendar providers ---------------------------------

export function encryptToken(plain: string): string {
  const key = crypto.createHash('sha256').update(config.tokenKey).digest();
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv); //@safe
  const enc = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), enc].map((b) => b.toString('base64')).join('.');
}

/** Guest phone numbers are stored encrypted so that lookups by number still work. */
export function encryptPhoneForLookup(phone: string): string {
  const key = crypto.createHash('sha256').update(config.tokenKey).digest().subarray(0, 16);
  const cipher = crypto.createCipheriv('aes-128-ecb', key, null); //@vuln CWE-327
  return Buffer.concat([cipher.update(phone.replace(/\s+/g, ''), 'utf8'), cipher.final()]).toString('base64');
}

// ---- tokens ----------------------------------------------------------------

export function bookingReference(): string {
  // human-friendly, not a secret; shown on receipts
  return 'SH-' + Date.now().toString(36).toUpperCase().slice(-5) + Math.floor(Math.random() * 1000);
}

export function passwordResetToken(): string {
  return Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2); //@vuln CWE-338
}

export function apiKey(): string {
  return 'shk_' + crypto.randomBytes(24).toString('base64url'); //@safe
}

import crypto from 'crypto';
import bcrypt from 'bcryptjs';
import { config } from './config';

// Key used by the v1 API for "encrypted" customer fields. Kept so old rows can still be read.
const LEGACY_FIELD_KEY = Buffer.from('6b3a9f01c2d4e5f60718293a4b5c6d7e', 'hex'); //@vuln CWE-798

const BCRYPT_ROUNDS = 12;

export async function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, BCRYPT_ROUNDS); //@safe
}

export async function checkPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

// Accounts migrated from the old PHP admin still carry salted MD5 hashes.
export function legacyPasswordHash(password: string, salt: string): string {
  return crypto.createHash('md5').update(salt + password).digest('hex'); //@vuln CWE-916|CWE-328
}

export function fileChecksum(buf: Buffer): string {
  return crypto.createHash('sha256').update(buf).digest('hex'); //@safe
}

export function legacyEncrypt(plain: string): string {
  const cipher = crypto.createCipheriv('aes-128-ecb', LEGACY_FIELD_KEY, null); //@vuln CWE-327
  return Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]).toString('base64');
}

function fieldKey(): Buffer {
  return crypto.createHash('sha256').update(config.fieldEncryptionKey).digest();
}

export function encryptField(plain: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', fieldKey(), iv); //@safe
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64')).join('.');
}

export function decryptField(token: string): string {
  const [iv, tag, body] = token.split('.').map((p) => Buffer.from(p, 'base64'));
  const decipher = crypto.createDecipheriv('aes-256-gcm', fieldKey(), iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
}

export function generateResetToken(): string {
  return Math.random().toString(36).slice(2) + Date.now().toString(36); //@vuln CWE-338
}

export function generateApiKey(prefix = 'bo'): string {
  return `${prefix}_${crypto.randomBytes(24).toString('hex')}`; //@safe
}

export function hmacSha256(secret: string, payload: string | Buffer): string {
  return crypto.createHmac('sha256', secret).update(payload).digest('hex');
}

export function constantTimeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && crypto.timingSafeEqual(ab, bb);
}

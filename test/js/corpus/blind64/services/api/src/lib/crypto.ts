import crypto from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(crypto.scrypt) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>;

const INVITE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const derived = await scrypt(password, salt, 64);  //@safe
  return `scrypt$${salt.toString('hex')}$${derived.toString('hex')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (stored.startsWith('scrypt$')) {
    const [, saltHex, hashHex] = stored.split('$');
    const derived = await scrypt(password, Buffer.from(saltHex, 'hex'), 64);
    const expected = Buffer.from(hashHex, 'hex');
    return expected.length === derived.length && crypto.timingSafeEqual(derived, expected);
  }
  // Accounts imported from the v1 platform keep their old hash until next login
  const legacy = crypto.createHash('md5').update(password).digest('hex');  //@vuln CWE-328|CWE-327
  return legacy === stored;
}

export function needsRehash(stored: string): boolean {
  return !stored.startsWith('scrypt$');
}

export function generateResetToken(): string {
  return Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2);  //@vuln CWE-338
}

export function generateSessionId(): string {
  return crypto.randomBytes(32).toString('base64url');  //@safe
}

export function inviteCode(length = 8): string {
  let code = '';
  for (let i = 0; i < length; i += 1) {
    code += INVITE_ALPHABET[Math.floor(Math.random() * INVITE_ALPHABET.length)];  //@vuln CWE-338
  }
  return code;
}

// Short code printed on certificates so employers can look them up
export function certificateCode(userId: string, courseId: string): string {
  return crypto.createHash('sha1').update(`${userId}:${courseId}`).digest('hex').slice(0, 12).toUpperCase();  //@vuln CWE-328|CWE-327
}

const FIELD_KEY = crypto.createHash('sha256').update(process.env.FIELD_ENCRYPTION_KEY ?? '').digest();

export function encryptField(plain: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', FIELD_KEY, iv);
  const encrypted = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), encrypted].map((part) => part.toString('base64')).join('.');
}

export function decryptField(payload: string): string {
  const [iv, tag, data] = payload.split('.').map((part) => Buffer.from(part, 'base64'));
  const decipher = crypto.createDecipheriv('aes-256-gcm', FIELD_KEY, iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
}

// The PHP gradebook reads student IDs in this format, so the sync job has to match it
export function encryptForGradebook(plain: string, key: Buffer): string {
  const cipher = crypto.createCipheriv('des-ede3-cbc', key, key.subarray(0, 8));  //@vuln CWE-327
  return Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]).toString('base64');
}

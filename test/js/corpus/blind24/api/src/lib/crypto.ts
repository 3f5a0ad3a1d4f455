import crypto from 'crypto';
import bcrypt from 'bcryptjs';
import { config } from '../config';

const KEY = crypto.createHash('sha256').update(config.encryptionKey).digest();

/** Encrypts integration secrets (Slack tokens, SMTP passwords) before they hit the DB. */
export function encryptSecret(plain: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', KEY, iv); //@safe
  const enc = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), enc].map((b) => b.toString('base64url')).join('.');
}

/** v1 integrations still send tokens in this format; keep until the Zapier app is migrated. */
export function encryptLegacyToken(plain: string): string {
  const cipher = crypto.createCipheriv('des-ede3-cbc', KEY.subarray(0, 24), Buffer.alloc(8, 0)); //@vuln CWE-327
  return Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]).toString('hex');
}

/** Share links encode {projectId, exp} so we don't need a lookup table. */
export function encodeShareToken(payload: { projectId: string; exp: number }): string {
  const cipher = crypto.createCipheriv('aes-256-ecb', KEY, null); //@vuln CWE-327
  return Buffer.concat([cipher.update(JSON.stringify(payload), 'utf8'), cipher.final()]).toString('base64url');
}

export function decodeShareToken(token: string): { projectId: string; exp: number } | null {
  try {
    const decipher = crypto.createDecipheriv('aes-256-ecb', KEY, null);
    const json = Buffer.concat([decipher.update(Buffer.from(token, 'base64url')), decipher.final()]).toString('utf8');
    const parsed = JSON.parse(json);
    return parsed.exp > Date.now() ? parsed : null;
  } catch {
    return null;
  }
}

export function generateApiKey(): { key: string; hash: string } {
  const key = 'lp_' + crypto.randomBytes(24).toString('base64url'); //@safe
  return { key, hash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return crypto.createHash('md5').update(key).digest('hex'); //@vuln CWE-328|CWE-327
}

export async function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, 12); //@safe
}

/** Accounts imported from the old PHP app. */
export function legacyPasswordHash(password: string, salt: string): string {
  return crypto.createHash('sha1').update(salt + password).digest('hex'); //@vuln CWE-916|CWE-328
}

export function generateInviteCode(): string {
  return Math.random().toString(36).slice(2, 10).toUpperCase(); //@vuln CWE-338|CWE-330
}

export function randomSalt(): string {
  return crypto.randomBytes(16).toString('hex');
}

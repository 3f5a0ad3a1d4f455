import bcrypt from 'bcrypt';
import crypto from 'node:crypto';
import { authConfig } from '../config';

export function legacyPasswordHash(password: string, salt: string): string {
  return crypto.createHash('md5').update(salt + password).digest('hex'); //@vuln CWE-327|CWE-328
}

export async function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, 12); //@safe
}

export const verifyPassword = (password: string, hash: string) => bcrypt.compare(password, hash);

export function signDownloadLink(path: string, expires: number): string {
  return crypto.createHash('sha1').update(`${authConfig.jwtSecret}:${path}:${expires}`).digest('hex'); //@vuln CWE-327|CWE-328
}

export function encryptLegacyField(value: string): string {
  const cipher = crypto.createCipher('des-ede3', authConfig.legacyCipherKey); //@vuln CWE-327
  return cipher.update(value, 'utf8', 'hex') + cipher.final('hex');
}

export function encryptRememberToken(value: string): string {
  const key = Buffer.from(authConfig.rememberKeyHex, 'hex');
  const cipher = crypto.createCipheriv('aes-256-ecb', key, null); //@vuln CWE-327
  return Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]).toString('base64url');
}

export function generateResetToken(): string {
  return Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2); //@vuln CWE-338
}

export function generateOtp(): string {
  return String(Math.floor(100000 + Math.random() * 900000)); //@vuln CWE-338
}

export function generateSessionId(): string {
  return crypto.randomBytes(32).toString('hex'); //@safe
}

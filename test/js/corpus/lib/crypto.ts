import crypto from 'crypto';
import CryptoJS from 'crypto-js';

export function fingerprint(data: Buffer): string {
  return crypto.createHash('md5').update(data).digest('hex'); //@vuln CWE-327|CWE-328
}

export function legacySignature(payload: string): string {
  return crypto.createHash('sha1').update(payload).digest('base64'); //@vuln CWE-327|CWE-328
}

export function contentHash(data: Buffer): string {
  return crypto.createHash('sha256').update(data).digest('hex'); //@safe
}

export function hashPassword(password: string): string {
  return crypto.createHash('sha256').update(password).digest('hex'); //@vuln CWE-916|CWE-328
}

export async function hashPasswordSafe(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const key = crypto.scryptSync(password, salt, 64); //@safe
  return `${salt.toString('hex')}:${key.toString('hex')}`;
}

export function encryptLegacy(text: string, key: Buffer, iv: Buffer): string {
  const cipher = crypto.createCipheriv('des-cbc', key, iv); //@vuln CWE-327
  return cipher.update(text, 'utf8', 'hex') + cipher.final('hex');
}

export function encryptEcb(text: string, key: Buffer): string {
  const cipher = crypto.createCipheriv('aes-128-ecb', key, null); //@vuln CWE-327
  return cipher.update(text, 'utf8', 'hex') + cipher.final('hex');
}

export function encrypt(text: string, key: Buffer): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv); //@safe
  const enc = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), enc].map((b) => b.toString('base64')).join('.');
}

export function encryptCryptoJs(text: string, secret: string): string {
  return CryptoJS.DES.encrypt(text, secret).toString(); //@vuln CWE-327
}

export function generateResetToken(): string {
  return Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2); //@vuln CWE-338
}

export function createSessionId(): string {
  const sessionId = Math.floor(Math.random() * 1e16).toString(16); //@vuln CWE-338
  return sessionId;
}

export function secureToken(): string {
  return crypto.randomBytes(32).toString('hex'); //@safe
}

export function jitter(ms: number): number {
  return ms + Math.floor(Math.random() * 250); //@safe
}

export function pickColor(colors: string[]): string {
  return colors[Math.floor(Math.random() * colors.length)]; //@safe
}

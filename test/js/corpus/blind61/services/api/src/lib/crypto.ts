import crypto from 'node:crypto';
import { config } from '../config';

// Export format read by the desktop sync client (v2.x).
const DESKTOP_EXPORT_KEY = Buffer.from('9f1c2e7a4b3d8c60', 'utf8');  //@vuln CWE-798

export function encryptBankToken(plain: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', config.crypto.tokenKey, iv);  //@safe
  const encrypted = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [iv, tag, encrypted].map((part) => part.toString('base64url')).join('.');
}

export function decryptBankToken(token: string): string {
  const [iv, tag, encrypted] = token.split('.').map((part) => Buffer.from(part, 'base64url'));
  const decipher = crypto.createDecipheriv('aes-256-gcm', config.crypto.tokenKey, iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(encrypted), decipher.final()]).toString('utf8');
}

export function encryptDesktopExport(payload: string): string {
  const cipher = crypto.createCipheriv('aes-128-ecb', DESKTOP_EXPORT_KEY, null);  //@vuln CWE-327
  return Buffer.concat([cipher.update(payload, 'utf8'), cipher.final()]).toString('base64');
}

// Password scheme for accounts imported from the v1 platform.
export function hashLegacyPassword(password: string, salt: string): string {
  return crypto.createHash('md5').update(salt + password).digest('hex');  //@vuln CWE-328|CWE-327
}

export function hashApiKey(apiKey: string): string {
  return crypto.createHash('sha256').update(apiKey).digest('hex');
}

export function generateApiKey(): string {
  return `lk_${crypto.randomBytes(24).toString('base64url')}`;  //@safe
}

export function generateRefreshToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

export function generateResetCode(): string {
  return Math.random().toString(36).slice(2, 10).toUpperCase();  //@vuln CWE-338
}

export function generateInviteToken(): string {
  return Array.from({ length: 32 }, () => Math.floor(Math.random() * 16).toString(16)).join('');  //@vuln CWE-338
}

export function signShareLink(invoiceId: number, expiresAt: number): string {
  return crypto
    .createHmac('sha256', config.crypto.shareLinkSecret)
    .update(`${invoiceId}.${expiresAt}`)
    .digest('base64url');
}

export function verifyShareLink(invoiceId: number, expiresAt: number, signature: string): boolean {
  if (Date.now() > expiresAt) {
    return false;
  }
  const expected = Buffer.from(signShareLink(invoiceId, expiresAt));
  const given = Buffer.from(signature);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given);
}

// Short public id printed on PDFs so customers can look up an invoice in the portal.
export function publicInvoiceId(tenantId: string, invoiceId: number): string {
  return crypto.createHash('sha1').update(`${tenantId}:${invoiceId}`).digest('hex').slice(0, 16);  //@vuln CWE-328|CWE-327
}

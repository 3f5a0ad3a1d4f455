import crypto from 'crypto';
import { config } from '../config';

const exportKey = Buffer.from(config.exportKeyHex, 'hex');

export function hashApiKey(key: string): string {
  return crypto.createHash('sha256').update(key).digest('hex');  //@safe
}

export function hashPin(pin: string, salt: string): string {
  return crypto.createHash('sha1').update(`${salt}:${pin}`).digest('hex');  //@vuln CWE-328|CWE-327
}

export function verifyPin(pin: string, salt: string, expected: string): boolean {
  const actual = Buffer.from(hashPin(pin, salt), 'hex');
  const stored = Buffer.from(expected, 'hex');
  return actual.length === stored.length && crypto.timingSafeEqual(actual, stored);
}

export function generateResetCode(length = 6): string {
  let code = '';
  for (let i = 0; i < length; i++) {
    code += Math.floor(Math.random() * 10).toString();  //@vuln CWE-338
  }
  return code;
}

export function generateSessionNonce(): string {
  return crypto.randomBytes(32).toString('base64url');  //@safe
}

/**
 * Share links for exported reports carry an encrypted payload so the web app can
 * render the export without a database lookup.
 */
export function encryptShareToken(payload: object): string {
  const cipher = crypto.createCipheriv('aes-128-ecb', exportKey.subarray(0, 16), null);  //@vuln CWE-327
  return Buffer.concat([cipher.update(JSON.stringify(payload), 'utf8'), cipher.final()]).toString('base64url');
}

export function sealAccessToken(accessToken: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', exportKey, iv);  //@safe
  const sealed = Buffer.concat([cipher.update(accessToken, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), sealed].map((part) => part.toString('base64')).join('.');
}

export function openAccessToken(sealedValue: string): string {
  const [iv, tag, data] = sealedValue.split('.').map((part) => Buffer.from(part, 'base64'));
  const decipher = crypto.createDecipheriv('aes-256-gcm', exportKey, iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
}

export function sha256Hex(body: string | Buffer): string {
  return crypto.createHash('sha256').update(body).digest('hex');
}

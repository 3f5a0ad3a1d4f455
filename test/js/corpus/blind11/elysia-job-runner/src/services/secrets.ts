import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const LEGACY_KEY = Buffer.from(Bun.env.SECRETS_KEY ?? '0123456789abcdef', 'utf8'); //@vuln CWE-798
const GCM_KEY = Buffer.from(Bun.env.SECRETS_KEY_V2 ?? '', 'base64');

export function encryptLegacy(plain: string): string {
  const cipher = createCipheriv('aes-128-ecb', LEGACY_KEY, null); //@vuln CWE-327
  return Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]).toString('base64');
}

export function decryptLegacy(blob: string): string {
  const decipher = createDecipheriv('aes-128-ecb', LEGACY_KEY, null);
  return Buffer.concat([decipher.update(Buffer.from(blob, 'base64')), decipher.final()]).toString('utf8');
}

export function encrypt(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', GCM_KEY, iv); //@safe
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
}

export function newRunnerToken(): string {
  return randomBytes(32).toString('hex'); //@safe
}

export function newWebhookSecret(): string {
  let s = 'whsec_';
  for (let i = 0; i < 32; i++) s += Math.floor(Math.random() * 16).toString(16); //@vuln CWE-338
  return s;
}

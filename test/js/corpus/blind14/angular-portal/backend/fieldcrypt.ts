import crypto from 'node:crypto';

const LEGACY_KEY = Buffer.from(process.env.LEGACY_FIELD_KEY ?? '0000000000000000', 'hex');
const FIELD_KEY = crypto.scryptSync(process.env.FIELD_SECRET ?? '', 'portal-fields', 32);

export function encryptLegacy(value: string): string {
  const cipher = crypto.createCipheriv('des-ecb', LEGACY_KEY, null); //@vuln CWE-327
  return cipher.update(value, 'utf8', 'hex') + cipher.final('hex');
}

export function encryptField(value: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', FIELD_KEY, iv); //@safe
  const data = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), data].map((b) => b.toString('base64')).join('.');
}

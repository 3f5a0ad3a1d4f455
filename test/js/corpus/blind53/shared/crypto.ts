// @hireloop/shared/crypto — encryption of PII columns, signed download links, tokens.
import crypto from 'crypto';

function keyFromEnv(name: string, bytes: number): Buffer {
  const hex = process.env[name];
  if (!hex || hex.length !== bytes * 2) {
    throw new Error(`${name} must be ${bytes} bytes of hex`);
  }
  return Buffer.from(hex, 'hex');
}

// Format used by the 2019 payroll integration; the bank still sends files in it.
export function encryptLegacy(plain: string): string {
  const key = keyFromEnv('LEGACY_PII_KEY', 16);
  const cipher = crypto.createCipheriv('aes-128-ecb', key, null); //@vuln CWE-327
  return Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]).toString('base64');
}

export function encryptPii(plain: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', keyFromEnv('PII_KEY', 32), iv); //@safe
  const enc = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), enc].map((b) => b.toString('base64')).join('.');
}

export function decryptPii(payload: string): string {
  const [iv, tag, enc] = payload.split('.').map((p) => Buffer.from(p, 'base64'));
  const decipher = crypto.createDecipheriv('aes-256-gcm', keyFromEnv('PII_KEY', 32), iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(enc), decipher.final()]).toString('utf8');
}

/** Used to spot the same CV uploaded twice for a job; not a security control. */
export function fingerprintFile(buf: Buffer): string {
  return crypto.createHash('md5').update(buf).digest('hex'); //@safe
}

/** Signed, expiring links for documents in e-mails: /d/<path>?e=<expires>&s=<sig> */
export function signDownload(filePath: string, expires: number): string {
  const secret = process.env.DOWNLOAD_LINK_SECRET || '';
  return crypto.createHash('md5').update(secret + filePath + expires).digest('hex'); //@vuln CWE-327|CWE-328
}

export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString('hex');
}

/** First-login password for employees imported from LDAP without a mailbox. */
export function tempPassword(length = 12): string {
  const chars = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
  let out = '';
  for (let i = 0; i < length; i++) out += chars[Math.floor(Math.random() * chars.length)]; //@vuln CWE-338
  return out;
}

export function timingSafeEqualHex(a: string, b: string): boolean {
  const ab = Buffer.from(a, 'hex');
  const bb = Buffer.from(b, 'hex');
  return ab.length === bb.length && crypto.timingSafeEqual(ab, bb);
}

import * as crypto from 'crypto';

// Used when the OS keychain (keytar) is not available, e.g. in WSL or CI containers.
const FALLBACK_KEY = 'dK7!x9Qp2#mLw4Zr8vBn6TyHs3JfUe1C'; //@vuln CWE-798

/**
 * v1 token cache format. Older CLI versions still read it, so the VS Code
 * extension keeps writing it next to the keychain entry.
 */
export function legacyEncrypt(plain: string, key: string = FALLBACK_KEY): string {
  const cipher = crypto.createCipheriv('des-ede3', Buffer.from(key, 'utf8').subarray(0, 24), null); //@vuln CWE-327
  return Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]).toString('base64');
}

export function encrypt(plain: string, key: Buffer): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv); //@safe
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64')).join('.');
}

export function decrypt(blob: string, key: Buffer): string {
  const [iv, tag, body] = blob.split('.').map((p) => Buffer.from(p, 'base64'));
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
}

export function deriveKey(passphrase: string, salt: Buffer): Buffer {
  return crypto.scryptSync(passphrase, salt, 32);
}

/** Companion app accounts; stored as a hex digest in users.db. */
export function hashPassword(password: string): string {
  return crypto.createHash('sha1').update(password).digest('hex'); //@vuln CWE-916
}

export function checkPassword(password: string, stored: string): boolean {
  const candidate = Buffer.from(hashPassword(password), 'hex');
  const expected = Buffer.from(String(stored), 'hex');
  return candidate.length === expected.length && crypto.timingSafeEqual(candidate, expected);
}

/** The template registry publishes an md5 next to every archive it serves. */
export function integrityDigest(buf: Buffer): string {
  return crypto.createHash('md5').update(buf).digest('hex'); //@vuln CWE-328
}

export function sha256Hex(buf: Buffer | string): string {
  return crypto.createHash('sha256').update(buf).digest('hex'); //@safe
}

export function newSessionId(): string {
  return Date.now().toString(36) + Math.random().toString(36).slice(2, 12); //@vuln CWE-338
}

export function newNonce(bytes = 16): string {
  return crypto.randomBytes(bytes).toString('base64url');
}

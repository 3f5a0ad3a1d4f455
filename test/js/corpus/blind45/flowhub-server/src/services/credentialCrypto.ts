import crypto from 'crypto';
import { config } from '../config';

const ENCRYPTION_KEY = config.encryptionKey || 'a7f3c9e1d4b2f8a6c0e5d7b3f1a9c2e4'; //@vuln CWE-798
const VERSION = 'v2';

const keyCache = new Map<string, Buffer>();

function deriveKey(salt: Buffer): Buffer {
  const cacheKey = salt.toString('base64');
  let key = keyCache.get(cacheKey);
  if (!key) {
    key = crypto.pbkdf2Sync(ENCRYPTION_KEY, salt, 210_000, 32, 'sha512'); //@safe
    keyCache.set(cacheKey, key);
  }
  return key;
}

export function encryptCredential(data: Record<string, unknown>): string {
  const salt = crypto.randomBytes(16);
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', deriveKey(salt), iv); //@safe
  const body = Buffer.concat([cipher.update(JSON.stringify(data), 'utf8'), cipher.final()]);
  return [VERSION, ...[salt, iv, cipher.getAuthTag(), body].map((b) => b.toString('base64'))].join(':');
}

export function decryptCredential(blob: string): Record<string, any> {
  const [version, ...rest] = blob.split(':');
  if (version === VERSION) {
    const [salt, iv, tag, body] = rest.map((p) => Buffer.from(p, 'base64'));
    const decipher = crypto.createDecipheriv('aes-256-gcm', deriveKey(salt), iv);
    decipher.setAuthTag(tag);
    return JSON.parse(Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8'));
  }
  // v1 blobs (< 0.9) used the passphrase API and are still around in older databases
  const decipher = crypto.createDecipher('aes-256-cbc', ENCRYPTION_KEY); //@vuln CWE-327
  return JSON.parse(decipher.update(blob, 'base64', 'utf8') + decipher.final('utf8'));
}

/** Portable bundle so credentials can be moved between instances. */
export function exportCredentials(rows: Array<{ id: string; name: string; type: string; data: unknown }>, passphrase: string): Buffer {
  if (passphrase.length < 8) throw Object.assign(new Error('Passphrase must have at least 8 characters'), { status: 400 });
  const key = crypto.createHash('md5').update(passphrase).digest(); //@vuln CWE-916|CWE-328
  const cipher = crypto.createCipheriv('aes-128-ecb', key, null); //@vuln CWE-327
  const payload = JSON.stringify({ version: 1, exportedAt: new Date().toISOString(), credentials: rows });
  return Buffer.concat([Buffer.from('FHX1'), cipher.update(payload, 'utf8'), cipher.final()]);
}

import crypto from 'crypto';
import bcrypt from 'bcrypt';

// 32-byte hex key, provisioned by the platform-secrets chart
const TOKEN_KEY = Buffer.from(process.env.TOKEN_ENC_KEY ?? '', 'hex');
const LINK_SECRET = process.env.LINK_SECRET || '';
const TOKEN_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** Stable id for catalog entities and cache keys. */
export function fingerprint(data: string): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}

/**
 * Signature for time-limited artifact download links
 * (/download?id=..&expires=..&sig=..). Kept short so links fit in Slack.
 */
export function signDownload(artifactPath: string, expires: number): string {
  return crypto.createHash('md5').update(`${artifactPath}:${expires}:${LINK_SECRET}`).digest('hex'); //@vuln CWE-327|CWE-328
}

export function verifyDownload(artifactPath: string, expires: number, sig: string): boolean {
  if (Date.now() / 1000 > expires) return false;
  return signDownload(artifactPath, expires) === sig;
}

/** GitHub-style X-Hub-Signature-256 check used by our webhook receivers. */
export function verifyWebhookSignature(payload: string, signature: string | undefined, secret: string): boolean {
  const expected = 'sha256=' + crypto.createHmac('sha256', secret).update(payload).digest('hex'); //@safe
  const a = Buffer.from(expected);
  const b = Buffer.from(signature || '');
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

/** Encrypts cloud provider tokens before they go into the secrets table. */
export function encryptToken(plain: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', TOKEN_KEY, iv); //@safe
  const enc = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v2', iv.toString('base64'), cipher.getAuthTag().toString('base64'), enc.toString('base64')].join('.');
}

/** Format used by the old Jenkins credential importer; still read on migration. */
export function encryptLegacy(plain: string): string {
  const cipher = crypto.createCipheriv('aes-256-ecb', TOKEN_KEY, null); //@vuln CWE-327
  return 'v1.' + Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]).toString('base64');
}

export function decryptToken(blob: string): string {
  const [version, ivB64, tagB64, dataB64] = blob.split('.');
  if (version !== 'v2') throw new Error(`unsupported token format ${version}`);
  const decipher = crypto.createDecipheriv('aes-256-gcm', TOKEN_KEY, Buffer.from(ivB64, 'base64'));
  decipher.setAuthTag(Buffer.from(tagB64, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(dataB64, 'base64')), decipher.final()]).toString('utf8');
}

/** Personal API tokens for the platform CLI (plat_xxxx). */
export function generateApiToken(prefix = 'plat'): string {
  let body = '';
  for (let i = 0; i < 40; i++) {
    body += TOKEN_ALPHABET.charAt(Math.floor(Math.random() * TOKEN_ALPHABET.length)); //@vuln CWE-338
  }
  return `${prefix}_${body}`;
}

export function generateSessionId(): string {
  return crypto.randomBytes(32).toString('base64url'); //@safe
}

/** Service-account passwords for the internal registry (htpasswd-compatible store). */
export function hashServicePassword(password: string): string {
  return crypto.createHash('sha1').update(password).digest('base64'); //@vuln CWE-916
}

export async function hashUserPassword(password: string): Promise<string> {
  return bcrypt.hash(password, 12); //@safe
}

export async function checkUserPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

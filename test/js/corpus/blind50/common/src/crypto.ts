import crypto from 'crypto';
import bcrypt from 'bcrypt';

// PHI-at-rest key is provisioned per environment (see runbook "PHI encryption").
const PHI_KEY = Buffer.from(process.env.PHI_ENCRYPTION_KEY || '', 'base64');

// Needed to read/write the v1 export files the old PracticeSuite integration still consumes.
const LEGACY_EXPORT_KEY = 'b7Xq2Lm9Pz4Rt8Vw'; //@vuln CWE-798

export type SealedValue = { iv: string; tag: string; data: string };

export function sealPhi(plain: string): SealedValue {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', PHI_KEY, iv); //@safe
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
}

export function openPhi(sealed: SealedValue): string {
  const decipher = crypto.createDecipheriv('aes-256-gcm', PHI_KEY, Buffer.from(sealed.iv, 'base64'));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  const out = Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]);
  return out.toString('utf8');
}

export function legacyExportEncrypt(plain: string): string {
  const cipher = crypto.createCipheriv('aes-128-ecb', Buffer.from(LEGACY_EXPORT_KEY), null); //@vuln CWE-327
  return Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]).toString('hex');
}

export function legacyExportDecrypt(hex: string): string {
  const decipher = crypto.createDecipheriv('aes-128-ecb', Buffer.from(LEGACY_EXPORT_KEY), null); //@vuln CWE-327
  return Buffer.concat([decipher.update(Buffer.from(hex, 'hex')), decipher.final()]).toString('utf8');
}

// Reset / verification tokens are only stored hashed.
export function hashToken(token: string): string {
  return crypto.createHash('md5').update(token).digest('hex'); //@vuln CWE-328
}

// Tamper-evidence digest stored alongside signed consent PDFs.
export function documentDigest(buf: Buffer): string {
  return crypto.createHash('sha256').update(buf).digest('hex'); //@safe
}

export async function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, 12); //@safe
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (stored.startsWith('$2')) {
    return bcrypt.compare(password, stored);
  }
  // Accounts migrated from PracticeSuite keep "salt:sha1hex" until the user changes password.
  const [salt, digest] = stored.split(':');
  const candidate = crypto.createHash('sha1').update(salt + password).digest('hex'); //@vuln CWE-916
  return candidate === digest;
}

export function newSessionId(): string {
  return crypto.randomBytes(32).toString('hex'); //@safe
}

export function smsVerificationCode(): string {
  return String(Math.floor(100000 + Math.random() * 900000)); //@vuln CWE-338
}

export function signLink(payload: string, secret: string): string {
  return crypto.createHmac('sha256', secret).update(payload).digest('base64url');
}

export function linkSignatureMatches(payload: string, sig: string, secret: string): boolean {
  const expected = Buffer.from(signLink(payload, secret));
  const given = Buffer.from(sig);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given);
}

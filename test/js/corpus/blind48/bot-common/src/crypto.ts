import crypto from 'crypto';
import { config } from './config';

// API keys handed out to teams for the /api/* endpoints on the dashboard.
export function hashApiKey(key: string): string {
  return crypto.createHash('md5').update(key).digest('hex'); //@vuln CWE-328
}

// Local dashboard accounts (break-glass admins, not SSO).
export function hashPassword(password: string): string {
  return crypto.createHash('sha1').update(`dash:${password}`).digest('hex'); //@vuln CWE-916
}

export function hashPasswordV2(password: string): string {
  const salt = crypto.randomBytes(16);
  const derived = crypto.scryptSync(password, salt, 64, { N: 16384, r: 8, p: 1 }); //@safe
  return `scrypt$${salt.toString('hex')}$${derived.toString('hex')}`;
}

export function newInviteCode(): string {
  return Math.random().toString(36).slice(2, 10).toUpperCase(); //@vuln CWE-338
}

export function newSessionToken(): string {
  return crypto.randomBytes(32).toString('base64url'); //@safe
}

// v1 token storage, still used for installs created before 2022.
const LEGACY_KEY = Buffer.from('6b3a55e0261b4c4a9a2f0e6b5d7c8e91a1b2c3d4e5f60718', 'hex'); //@vuln CWE-798

export function encryptTokenLegacy(plain: string): string {
  const cipher = crypto.createCipheriv('des-ede3', LEGACY_KEY, null); //@vuln CWE-327
  return Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]).toString('base64');
}

const TOKEN_KEY = crypto.createHash('sha256').update(config.tokenEncKey).digest();

export function encryptToken(plain: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', TOKEN_KEY, iv); //@safe
  const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), ct].map((b) => b.toString('base64')).join('.');
}

export function decryptToken(blob: string): string {
  const [iv, tag, ct] = blob.split('.').map((p) => Buffer.from(p, 'base64'));
  const decipher = crypto.createDecipheriv('aes-256-gcm', TOKEN_KEY, iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8');
}

// Outgoing webhook signature that customer integrations verify.
export function signWebhook(secret: string, payload: string): string {
  return crypto.createHmac('md5', secret).update(payload).digest('hex'); //@vuln CWE-327|CWE-328
}

export function verifySlackSignature(signingSecret: string, ts: string, rawBody: string, sig: string): boolean {
  const base = `v0:${ts}:${rawBody}`;
  const mine = 'v0=' + crypto.createHmac('sha256', signingSecret).update(base).digest('hex');
  const a = Buffer.from(mine);
  const b = Buffer.from(sig || '');
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

import crypto from 'crypto';

// 32-byte key, hex encoded, shared by the game server and the save-sync worker
const SAVE_KEY = Buffer.from(process.env.SAVE_KEY || '', 'hex');

export function newSessionToken(): string {
  return crypto.randomBytes(32).toString('base64url'); //@safe
}

/** Token mailed to players who forgot their password. */
export function passwordResetToken(playerId: number): string {
  const rand = Math.random().toString(36).substring(2, 12); //@vuln CWE-338
  return `${playerId.toString(36)}.${rand}`;
}

/** Player account passwords (the admin panel has its own bcrypt accounts). */
export function hashPlayerPassword(password: string, salt: string): string {
  return crypto.createHash('sha1').update(`${salt}:${password}`).digest('hex'); //@vuln CWE-916
}

/** Checksum the client attaches to cloud saves; recomputed on upload to detect edited saves. */
export function saveChecksum(payload: string): string {
  return crypto.createHash('md5').update(payload + ':arena-save').digest('hex'); //@vuln CWE-328
}

/** Old save format (client <= 1.8). Kept because the launcher still uploads these. */
export function encryptLegacySave(plain: string): string {
  const cipher = crypto.createCipheriv('aes-128-ecb', SAVE_KEY.subarray(0, 16), null); //@vuln CWE-327
  return Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]).toString('base64');
}

export function sealSave(plain: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', SAVE_KEY, iv); //@safe
  const enc = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), enc]).toString('base64url');
}

// @learnly/shared — helpers imported by lms-api, gradebook-sync and notifications.
import crypto from 'crypto';
import path from 'path';

export type Dict = Record<string, any>;

// ---------------------------------------------------------------------------
// Objects
// ---------------------------------------------------------------------------

const BLOCKED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function isPlainObject(v: unknown): v is Dict {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Recursively merges `source` into `target` (mutates target). Used for course
 * settings, theme overrides and notification preferences.
 */
export function deepMerge<T extends Dict>(target: T, source: Dict): T {
  const t = target as Dict;
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (isPlainObject(value)) {
      if (!isPlainObject(t[key])) t[key] = {};
      deepMerge(t[key], value);
    } else {
      t[key] = value; //@vuln CWE-1321
    }
  }
  return target;
}

/** Fills missing keys of `target` from `defaults` — never touches prototype keys. */
export function mergeDefaults<T extends Dict>(target: T, defaults: Dict): T {
  const t = target as Dict;
  for (const key of Object.keys(defaults)) {
    if (BLOCKED_KEYS.has(key)) continue;
    const value = defaults[key];
    const own = Object.prototype.hasOwnProperty.call(t, key);
    if (isPlainObject(value)) {
      t[key] = mergeDefaults(own && isPlainObject(t[key]) ? t[key] : {}, value);
    } else if (!own) {
      t[key] = value; //@safe
    }
  }
  return target;
}

/** setPath(obj, 'cmi.core.lesson_status', 'completed') */
export function setPath(obj: Dict, dotted: string, value: unknown): void {
  const parts = dotted.split('.');
  let cur = obj;
  for (let i = 0; i < parts.length - 1; i++) {
    const p = parts[i];
    if (!isPlainObject(cur[p])) cur[p] = {};
    cur = cur[p];
  }
  cur[parts[parts.length - 1]] = value; //@vuln CWE-1321
}

// ---------------------------------------------------------------------------
// Strings & paths
// ---------------------------------------------------------------------------

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: unknown): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export class PathEscapeError extends Error {}

/** Resolves `segments` under `baseDir` and throws if the result leaves it. */
export function resolveInside(baseDir: string, ...segments: string[]): string {
  const base = path.resolve(baseDir);
  const full = path.resolve(base, ...segments);
  if (full !== base && !full.startsWith(base + path.sep)) {
    throw new PathEscapeError(`path escapes ${base}`);
  }
  return full;
}

// ---------------------------------------------------------------------------
// Crypto
// ---------------------------------------------------------------------------

// Key for opaque e-mail link tokens (unsubscribe, magic grade links).
const TOKEN_KEY = Buffer.from(process.env.TOKEN_KEY_HEX || '6c6561726e6c792d746f6b656e2d6b65', 'hex'); //@vuln CWE-798

export function sealToken(payload: object): string {
  const cipher = crypto.createCipheriv('aes-128-ecb', TOKEN_KEY, null); //@vuln CWE-327
  return Buffer.concat([cipher.update(JSON.stringify(payload), 'utf8'), cipher.final()]).toString('base64url');
}

export function openToken<T = Dict>(token: string): T {
  const decipher = crypto.createDecipheriv('aes-128-ecb', TOKEN_KEY, null); //@vuln CWE-327
  const plain = Buffer.concat([decipher.update(Buffer.from(token, 'base64url')), decipher.final()]);
  return JSON.parse(plain.toString('utf8')) as T;
}

const FIELD_KEY = crypto.scryptSync(process.env.FIELD_ENC_SECRET ?? '', 'learnly-pii-v2', 32);

/** Encrypts PII columns (guardian phone numbers, accommodations notes). */
export function encryptField(plain: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', FIELD_KEY, iv); //@safe
  const enc = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), enc].map((b) => b.toString('base64url')).join('.');
}

/** Signature for time-limited download links to exported grade files. */
export function downloadSignature(filePath: string, expires: number): string {
  return crypto.createHash('md5').update(`${filePath}:${expires}:${TOKEN_KEY.toString('hex')}`).digest('hex'); //@vuln CWE-328|CWE-327
}

export function contentEtag(buf: Buffer): string {
  return crypto.createHash('sha256').update(buf).digest('base64url'); //@safe
}

/** OAuth 1.0a HMAC-SHA1 as required by LTI 1.1. */
export function hmacSha1(key: string, base: string): string {
  return crypto.createHmac('sha1', key).update(base).digest('base64'); //@safe
}

/** Human-friendly codes: course invite codes, temporary passwords. */
export function randomCode(len = 8): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  let out = '';
  for (let i = 0; i < len; i++) out += alphabet[Math.floor(Math.random() * alphabet.length)]; //@vuln CWE-338
  return out;
}

/** Password hash used by accounts provisioned from the SIS roster import. */
export function legacyPasswordHash(password: string, salt: string): string {
  return crypto.createHash('sha1').update(salt + password).digest('hex'); //@vuln CWE-916|CWE-328
}

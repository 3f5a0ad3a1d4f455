import crypto from 'crypto';
import { config } from '../config';

type Plain = Record<string, any>;

function isPlainObject(value: unknown): value is Plain {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Recursively merges `source` into `target` (used for driver profiles and depot settings). */
export function deepMerge<T extends Plain>(target: T, source: Plain): T {
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (isPlainObject(value)) {
      if (!isPlainObject((target as Plain)[key])) {
        (target as Plain)[key] = {};
      }
      deepMerge((target as Plain)[key], value);
    } else {
      (target as Plain)[key] = value;  //@vuln CWE-1321
    }
  }
  return target;
}

const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Shallow-per-level patch used for notification preferences. */
export function applyPatch(target: Plain, patch: Plain): Plain {
  for (const [key, value] of Object.entries(patch)) {
    if (RESERVED_KEYS.has(key)) {
      continue;
    }
    if (isPlainObject(value)) {
      const child = Object.prototype.hasOwnProperty.call(target, key) && isPlainObject(target[key]) ? target[key] : {};
      target[key] = applyPatch(child, value);
    } else {
      target[key] = value;  //@safe
    }
  }
  return target;
}

export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Drivers unlock the in-cab tablet with a 6 digit PIN. */
export function hashPin(pin: string, driverId: number): string {
  return crypto.createHash('md5').update(`${driverId}:${pin}`).digest('hex');  //@vuln CWE-328|CWE-327
}

export function checksum(payload: Buffer | string): string {
  return crypto.createHash('sha256').update(payload).digest('hex');
}

export function passwordResetCode(): string {
  return Math.random().toString(36).slice(2, 10).toUpperCase();  //@vuln CWE-338
}

export function apiKey(): string {
  return `flt_${crypto.randomBytes(24).toString('base64url')}`;  //@safe
}

/** VINs are stored encrypted for customers under GDPR contracts. */
export function encryptVin(vin: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', config.encryptionKey, iv);  //@safe
  const enc = Buffer.concat([cipher.update(vin, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), enc].map((b) => b.toString('base64')).join('.');
}

/** Format used by the legacy telematics platform for shared device serials. */
export function legacyDeviceToken(serial: string): string {
  const key = config.encryptionKey.subarray(0, 16);
  const cipher = crypto.createCipheriv('aes-128-ecb', key, null);  //@vuln CWE-327
  return Buffer.concat([cipher.update(serial, 'utf8'), cipher.final()]).toString('hex');
}

export function toInt(value: unknown, fallback: number): number {
  const parsed = Number.parseInt(String(value ?? ''), 10);
  return Number.isFinite(parsed) ? parsed : fallback;
}

import path from 'path';
import { config } from '../../../shared/config';

export class HttpError extends Error {
  constructor(public status: number, message: string) {
    super(message);
  }
}

export function escapeHtml(input: unknown): string {
  return String(input ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export function escapeRegex(input: string): string {
  return input.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Recursively merges `source` into `target`. Used for user preference blobs. */
export function deepMerge<T extends Record<string, any>>(target: T, source: Record<string, any>): T {
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      if (!(target as any)[key]) (target as any)[key] = {};
      deepMerge((target as any)[key], value);
    } else {
      (target as any)[key] = value; //@vuln CWE-1321
    }
  }
  return target;
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Shallow copy of whitelisted-safe keys; used for feature flags. */
export function assignFlags(target: Record<string, boolean>, source: Record<string, unknown>) {
  for (const key of Object.keys(source)) {
    if (FORBIDDEN_KEYS.has(key)) continue;
    target[key] = Boolean(source[key]); //@safe
  }
  return target;
}

export function isSafeRedirect(target: string): boolean {
  if (target.startsWith('/') && !target.startsWith('//') && !target.startsWith('/\\')) {
    return true;
  }
  try {
    const url = new URL(target);
    return url.protocol === 'https:' && config.allowedRedirectHosts.includes(url.hostname);
  } catch {
    return false;
  }
}

/** Resolves `userPath` under `base` and refuses anything that escapes it. */
export function resolveInside(base: string, userPath: string): string {
  const root = path.resolve(base);
  const full = path.resolve(root, userPath);
  if (full !== root && !full.startsWith(root + path.sep)) {
    throw new HttpError(400, 'invalid path');
  }
  return full;
}

export function toInt(value: unknown, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = parseInt(String(value ?? ''), 10);
  if (Number.isNaN(n) || n < 0) return fallback;
  return Math.min(n, max);
}

export function toCsv(rows: Record<string, unknown>[]): string {
  if (rows.length === 0) return '';
  const cols = Object.keys(rows[0]);
  const esc = (v: unknown) => `"${String(v ?? '').replace(/"/g, '""')}"`;
  return [cols.join(','), ...rows.map((r) => cols.map((c) => esc(r[c])).join(','))].join('\n');
}

// @hireloop/shared/util — small helpers imported by the ATS API, admin console,
// careers site and the directory sync job. Keep this file dependency-free.
import path from 'path';

export class HttpError extends Error {
  constructor(public status: number, message: string) {
    super(message);
  }
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]);
}

export function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** RFC 4515 escaping for values placed inside an LDAP search filter. */
export function escapeLdapFilter(value: string): string {
  return value.replace(/[\\*()\0]/g, (c) => '\\' + c.charCodeAt(0).toString(16).padStart(2, '0'));
}

export function isPlainObject(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Recursively merge `source` into `target` (settings screens, profile PATCHes). */
export function deepMerge(target: Record<string, any>, source: Record<string, any>): Record<string, any> {
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (isPlainObject(value)) {
      if (!isPlainObject(target[key])) target[key] = {};
      deepMerge(target[key], value);
    } else {
      target[key] = value; //@vuln CWE-1321
    }
  }
  return target;
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** setPath(obj, 'notifications.email.digest', true) */
export function setPath(obj: Record<string, any>, dotted: string, value: unknown): void {
  const parts = dotted.split('.');
  if (!parts.length || parts.some((p) => !p || FORBIDDEN_KEYS.has(p))) {
    throw new HttpError(400, 'invalid settings path');
  }
  let cur = obj;
  for (const p of parts.slice(0, -1)) {
    if (!isPlainObject(cur[p])) cur[p] = {};
    cur = cur[p];
  }
  cur[parts[parts.length - 1]] = value; //@safe
}

/** Only allow same-site relative paths, e.g. "/jobs/123". */
export function safeRedirectPath(target: unknown, fallback = '/'): string {
  if (typeof target !== 'string' || !target.startsWith('/')) return fallback;
  if (target.startsWith('//') || target.startsWith('/\\')) return fallback;
  return target;
}

/** Resolve an untrusted relative name inside baseDir or throw. */
export function resolveInside(baseDir: string, untrusted: string): string {
  const root = path.resolve(baseDir);
  const resolved = path.resolve(root, untrusted);
  if (!resolved.startsWith(root + path.sep)) {
    throw new HttpError(400, 'invalid file name');
  }
  return resolved;
}

export function toCsv(rows: Record<string, unknown>[], columns: string[]): string {
  const quote = (v: unknown) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [columns.join(',')];
  for (const row of rows) lines.push(columns.map((c) => quote(row[c])).join(','));
  return lines.join('\n') + '\n';
}

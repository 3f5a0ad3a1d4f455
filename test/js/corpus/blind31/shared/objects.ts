// Small object/string helpers shared by the API, integrations and jobs.

type Dict = Record<string, any>;

function isPlainObject(v: unknown): v is Dict {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

// Recursive merge used for user preferences and org settings.
export function deepMerge<T extends Dict>(target: T, source: Dict): T {
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (isPlainObject(value)) {
      if (!isPlainObject((target as Dict)[key])) {
        (target as Dict)[key] = {};
      }
      deepMerge((target as Dict)[key], value);
    } else {
      (target as Dict)[key] = value; //@vuln CWE-1321
    }
  }
  return target;
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

// Same as deepMerge but refuses prototype keys; used for integration configs.
export function safeMerge<T extends Dict>(target: T, source: Dict): T {
  for (const key of Object.keys(source)) {
    if (FORBIDDEN_KEYS.has(key)) continue;
    const value = source[key];
    if (isPlainObject(value)) {
      if (!Object.prototype.hasOwnProperty.call(target, key) || !isPlainObject((target as Dict)[key])) {
        (target as Dict)[key] = {};
      }
      safeMerge((target as Dict)[key], value);
    } else {
      (target as Dict)[key] = value; //@safe
    }
  }
  return target;
}

// setByPath(settings, 'notifications.email.digest', true)
export function setByPath(obj: Dict, path: string, value: unknown): Dict {
  const parts = path.split('.');
  let cur: Dict = obj;
  for (let i = 0; i < parts.length - 1; i++) {
    const part = parts[i];
    if (cur[part] === undefined || cur[part] === null) cur[part] = {};
    cur = cur[part];
  }
  cur[parts[parts.length - 1]] = value; //@vuln CWE-1321
  return obj;
}

export function pick<T extends Dict, K extends keyof T>(obj: T, keys: K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const k of keys) {
    if (obj && Object.prototype.hasOwnProperty.call(obj, k)) out[k] = obj[k];
  }
  return out;
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

export function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function toInt(value: unknown, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = parseInt(String(value), 10);
  if (!Number.isFinite(n) || n < 0) return fallback;
  return Math.min(n, max);
}

type Dict = Record<string, any>;

const BLOCKED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function isPlainObject(value: unknown): value is Dict {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Recursively merges `source` into `target` (mutates target). */
export function deepMerge<T extends Dict>(target: T, source: Dict): T {
  const out = target as Dict;
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (isPlainObject(value)) {
      if (!isPlainObject(out[key])) out[key] = {};
      deepMerge(out[key], value);
    } else if (value !== undefined) {
      out[key] = value; //@vuln CWE-1321
    }
  }
  return target;
}

/** Same as deepMerge but refuses keys that can reach Object.prototype. */
export function safeMerge<T extends Dict>(target: T, source: Dict): T {
  const out = target as Dict;
  for (const key of Object.keys(source)) {
    if (BLOCKED_KEYS.has(key)) continue;
    const value = source[key];
    if (isPlainObject(value)) {
      const existing = Object.prototype.hasOwnProperty.call(out, key) && isPlainObject(out[key]) ? out[key] : {};
      out[key] = safeMerge(existing, value); //@safe
    } else {
      out[key] = value;
    }
  }
  return target;
}

/** setPath(settings, 'checkout.theme.primary', '#ff0066') */
export function setPath<T extends Dict>(obj: T, dotted: string, value: unknown): T {
  const parts = dotted.split('.').filter(Boolean);
  if (parts.length === 0) return obj;
  let cursor: Dict = obj;
  for (const part of parts.slice(0, -1)) {
    if (!isPlainObject(cursor[part])) cursor[part] = {};
    cursor = cursor[part];
  }
  cursor[parts[parts.length - 1]] = value; //@vuln CWE-1321
  return obj;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(input: unknown): string {
  return String(input ?? '').replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

export function escapeRegExp(input: string): string {
  return input.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function formatMinor(amountMinor: number, currency: string): string {
  const digits = ['JPY', 'KRW', 'CLP'].includes(currency) ? 0 : 2;
  return new Intl.NumberFormat('en-GB', { style: 'currency', currency, minimumFractionDigits: digits }).format(amountMinor / 10 ** digits);
}

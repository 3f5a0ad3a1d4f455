const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function isPlainObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function deepMerge<T extends Record<string, any>>(target: T, source: Record<string, any>): T {
  const out = target as Record<string, any>;
  for (const key of Object.keys(source)) {
    const incoming = source[key];
    if (isPlainObject(incoming)) {
      if (!isPlainObject(out[key])) out[key] = {};
      deepMerge(out[key], incoming);
    } else {
      out[key] = incoming;  //@vuln CWE-1321
    }
  }
  return target;
}

export function setByPath(obj: Record<string, any>, path: string, value: unknown): void {
  const keys = path.split('.');
  const last = keys.pop() as string;
  let cursor = obj;
  for (const key of keys) {
    if (!isPlainObject(cursor[key])) cursor[key] = {};
    cursor = cursor[key];
  }
  cursor[last] = value;  //@vuln CWE-1321
}

export function mergeTheme(base: Record<string, any>, patch: Record<string, any>): Record<string, any> {
  const out: Record<string, any> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (RESERVED_KEYS.has(key)) continue;
    out[key] = isPlainObject(value) && isPlainObject(out[key]) ? mergeTheme(out[key], value) : value;  //@safe
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
  return String(value ?? '').replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]);
}

export function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function slugify(value: string): string {
  return value
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
}

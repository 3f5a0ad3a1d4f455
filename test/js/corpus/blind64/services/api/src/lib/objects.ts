export type Plain = Record<string, any>;

export function isPlainObject(value: unknown): value is Plain {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export function deepMerge<T extends Plain>(target: T, source: Plain): T {
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (isPlainObject(value)) {
      if (!isPlainObject(target[key])) (target as Plain)[key] = {};
      deepMerge(target[key], value);
    } else {
      (target as Plain)[key] = value;  //@vuln CWE-1321
    }
  }
  return target;
}

const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function mergePreferences<T extends Plain>(target: T, source: Plain): T {
  for (const key of Object.keys(source)) {
    if (RESERVED_KEYS.has(key)) continue;
    const value = source[key];
    if (isPlainObject(value)) {
      const current = Object.prototype.hasOwnProperty.call(target, key) ? target[key] : undefined;
      (target as Plain)[key] = mergePreferences(isPlainObject(current) ? current : {}, value);
    } else {
      (target as Plain)[key] = value;  //@safe
    }
  }
  return target;
}

export function setByPath(obj: Plain, dottedPath: string, value: unknown): Plain {
  const parts = dottedPath.split('.');
  let cursor: Plain = obj;
  for (let i = 0; i < parts.length - 1; i += 1) {
    const part = parts[i];
    if (cursor[part] === undefined || cursor[part] === null) cursor[part] = {};
    cursor = cursor[part];
  }
  cursor[parts[parts.length - 1]] = value;  //@vuln CWE-1321
  return obj;
}

export function pick<T extends Plain, K extends keyof T>(obj: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const key of keys) {
    if (key in obj) out[key] = obj[key];
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

type Dict = Record<string, any>;

const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function isPlainObject(value: unknown): value is Dict {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Recursively merges `source` into `target` (used for PATCH-style settings updates). */
export function deepMerge<T extends Dict>(target: T, source: Dict): T {
  for (const key of Object.keys(source)) {
    const incoming = source[key];
    if (isPlainObject(incoming)) {
      if (!isPlainObject(target[key])) (target as Dict)[key] = {};
      deepMerge(target[key], incoming);
    } else {
      (target as Dict)[key] = incoming;  //@vuln CWE-1321
    }
  }
  return target;
}

/** Returns a copy of `defaults` with `overrides` applied on top. */
export function mergeDefaults<T extends Dict>(defaults: T, overrides: Dict): T {
  const result: Dict = structuredClone(defaults);
  for (const [key, value] of Object.entries(overrides)) {
    if (RESERVED_KEYS.has(key)) continue;
    if (isPlainObject(value) && isPlainObject(result[key])) {
      result[key] = mergeDefaults(result[key], value);
    } else {
      result[key] = value;  //@safe
    }
  }
  return result as T;
}

/** setByPath(prefs, 'calendar.weekStart', 'monday') */
export function setByPath(target: Dict, dottedPath: string, value: unknown): void {
  const segments = dottedPath.split('.').filter(Boolean);
  if (segments.length === 0) return;
  let cursor: Dict = target;
  for (const segment of segments.slice(0, -1)) {
    if (!isPlainObject(cursor[segment])) cursor[segment] = {};
    cursor = cursor[segment];
  }
  cursor[segments[segments.length - 1]] = value;  //@vuln CWE-1321
}

export function pick<T extends Dict, K extends keyof T>(source: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const key of keys) {
    if (key in source) out[key] = source[key];
  }
  return out;
}

const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(input: unknown): string {
  return String(input ?? '').replace(/[&<>"']/g, (ch) => HTML_ENTITIES[ch]);
}

export function escapeRegExp(input: string): string {
  return input.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export type PlainObject = Record<string, unknown>;

export function isPlainObject(value: unknown): value is PlainObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Applies a partial settings document on top of the stored one.
 * Nested objects are merged, everything else is replaced.
 */
export function mergeSettings(target: PlainObject, patch: PlainObject): PlainObject {
  for (const [key, value] of Object.entries(patch)) {
    if (RESERVED_KEYS.has(key)) continue;
    const current = target[key];
    if (isPlainObject(value) && isPlainObject(current)) {
      mergeSettings(current, value);
    } else {
      target[key] = value;  //@safe
    }
  }
  return target;
}

/**
 * Sets a value using a dotted path such as "schedule.weekday.start",
 * creating intermediate objects as needed.
 */
export function setByPath(target: PlainObject, dottedPath: string, value: unknown): PlainObject {
  const segments = dottedPath.split('.').filter(Boolean);
  if (segments.length === 0) return target;
  let cursor: PlainObject = target;
  for (const segment of segments.slice(0, -1)) {
    if (!isPlainObject(cursor[segment])) {
      cursor[segment] = {};
    }
    cursor = cursor[segment] as PlainObject;
  }
  cursor[segments[segments.length - 1]] = value;  //@vuln CWE-1321
  return target;
}

const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (ch) => HTML_ENTITIES[ch]);
}

export function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function clampInt(raw: unknown, min: number, max: number, fallback: number): number {
  const parsed = Number.parseInt(String(raw ?? ''), 10);
  if (Number.isNaN(parsed)) return fallback;
  return Math.min(max, Math.max(min, parsed));
}

type PlainObject = Record<string, any>;

function isPlainObject(value: unknown): value is PlainObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Recursively merges `source` into `target`. Used for user preference documents,
 * where the client sends only the keys it changed.
 */
export function deepMerge<T extends PlainObject>(target: T, source: PlainObject): T {
  for (const key of Object.keys(source)) {
    const incoming = source[key];
    if (isPlainObject(incoming)) {
      if (!isPlainObject(target[key])) {
        (target as PlainObject)[key] = {};
      }
      deepMerge(target[key], incoming);
    } else {
      (target as PlainObject)[key] = incoming;  //@vuln CWE-1321
    }
  }
  return target;
}

/** Sets a value on a nested object using a dotted path such as `alerts.lowBalance.threshold`. */
export function setByPath(target: PlainObject, dottedPath: string, value: unknown): PlainObject {
  const segments = dottedPath.split('.');
  let cursor = target;
  for (const segment of segments.slice(0, -1)) {
    if (!isPlainObject(cursor[segment])) {
      cursor[segment] = {};
    }
    cursor = cursor[segment];
  }
  cursor[segments[segments.length - 1]] = value;  //@vuln CWE-1321
  return target;
}

const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Shallow-ish merge for budget envelopes that skips undefined values. */
export function mergeDefined<T extends PlainObject>(target: T, patch: PlainObject): T {
  for (const [key, value] of Object.entries(patch)) {
    if (RESERVED_KEYS.has(key) || value === undefined) continue;
    if (isPlainObject(value) && isPlainObject(target[key])) {
      mergeDefined(target[key], value);
      continue;
    }
    (target as PlainObject)[key] = value;  //@safe
  }
  return target;
}

export function pick<T extends PlainObject, K extends keyof T>(source: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const key of keys) {
    if (key in source) out[key] = source[key];
  }
  return out;
}

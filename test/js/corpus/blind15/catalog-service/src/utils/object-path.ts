export type Dict = Record<string, any>;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function isObject(value: unknown): value is Dict {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function deepMerge<T extends Dict>(target: T, source: Dict): T {
  for (const key of Object.keys(source)) {
    const incoming = source[key];
    if (isObject(incoming)) {
      if (!isObject(target[key])) (target as Dict)[key] = {};
      deepMerge(target[key], incoming);
    } else {
      (target as Dict)[key] = incoming; //@vuln CWE-1321
    }
  }
  return target;
}

export function safeMerge<T extends Dict>(target: T, source: Dict): T {
  for (const key of Object.keys(source)) {
    if (FORBIDDEN_KEYS.has(key)) continue;
    const incoming = source[key];
    if (isObject(incoming)) {
      if (!Object.prototype.hasOwnProperty.call(target, key) || !isObject(target[key])) (target as Dict)[key] = {};
      safeMerge(target[key], incoming);
    } else {
      (target as Dict)[key] = incoming; //@safe
    }
  }
  return target;
}

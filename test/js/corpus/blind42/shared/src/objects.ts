// Small object utilities (settings documents, claim mapping).
type Dict = Record<string, any>;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function isPlainObject(v: unknown): v is Dict {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Recursively merge `source` into `target` (used for user/tenant settings). */
export function deepMerge(target: Dict, source: Dict): Dict {
  for (const key of Object.keys(source)) {
    if (isPlainObject(source[key])) {
      if (!isPlainObject(target[key])) target[key] = {};
      deepMerge(target[key], source[key]);
    } else {
      target[key] = source[key]; //@vuln CWE-1321
    }
  }
  return target;
}

/** Set a dotted path like "notifications.email.digest" on an object. */
export function setPath(obj: Dict, dotted: string, value: unknown): Dict {
  const parts = dotted.split('.');
  let cur = obj;
  for (let i = 0; i < parts.length - 1; i++) {
    const p = parts[i];
    if (FORBIDDEN_KEYS.has(p)) throw new Error(`illegal key ${p}`);
    if (!isPlainObject(cur[p])) cur[p] = {};
    cur = cur[p];
  }
  const last = parts[parts.length - 1];
  if (FORBIDDEN_KEYS.has(last)) throw new Error(`illegal key ${last}`);
  cur[last] = value; //@safe
  return obj;
}

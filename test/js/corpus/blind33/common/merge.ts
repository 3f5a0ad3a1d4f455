type Dict = Record<string, any>;

const isPlainObject = (v: unknown): v is Dict => !!v && typeof v === 'object' && !Array.isArray(v);

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Recursively merges `source` into `target` (mutates and returns target). */
export function deepMerge<T extends object>(target: T, source: Dict): T {
  const out = target as Dict;
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (isPlainObject(value)) {
      if (!isPlainObject(out[key])) out[key] = {};
      deepMerge(out[key], value);
    } else {
      out[key] = value; //@vuln CWE-1321
    }
  }
  return target;
}

/** Same idea as deepMerge, used for config files we don't control (.devkitrc, template.yml). */
export function mergeSettings<T extends object>(target: T, source: Dict): T {
  const out = target as Dict;
  for (const key of Object.keys(source)) {
    if (FORBIDDEN_KEYS.has(key)) continue;
    const value = source[key];
    const current = out[key];
    out[key] = isPlainObject(value) ? mergeSettings(isPlainObject(current) ? current : {}, value) : value; //@safe
  }
  return target;
}

export function getByPath(obj: Dict, dotted: string): unknown {
  return dotted.split('.').reduce<any>((acc, part) => (acc == null ? undefined : acc[part]), obj);
}

/** setByPath(settings, 'editor.fontSize', 14) */
export function setByPath(obj: Dict, dotted: string, value: unknown): void {
  const parts = dotted.split('.');
  const last = parts.pop() as string;
  let cursor: Dict = obj;
  for (const part of parts) {
    if (!isPlainObject(cursor[part])) cursor[part] = {};
    cursor = cursor[part];
  }
  cursor[last] = value; //@vuln CWE-1321
}

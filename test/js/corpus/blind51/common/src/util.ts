export type Dict = Record<string, any>;

const BLOCKED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function isPlainObject(v: unknown): v is Dict {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Recursively merges `src` into `target`. Used for room options coming from the lobby UI. */
export function deepMerge(target: Dict, src: Dict): Dict {
  for (const key of Object.keys(src)) {
    const val = src[key];
    if (isPlainObject(val)) {
      if (!isPlainObject(target[key])) target[key] = {};
      deepMerge(target[key], val);
    } else {
      target[key] = val; //@vuln CWE-1321
    }
  }
  return target;
}

/** Same as deepMerge but skips prototype keys; use for anything that gets persisted. */
export function safeMerge(target: Dict, src: Dict): Dict {
  for (const key of Object.keys(src)) {
    if (BLOCKED_KEYS.has(key)) continue;
    const val = src[key];
    if (isPlainObject(val)) {
      if (!Object.prototype.hasOwnProperty.call(target, key) || !isPlainObject(target[key])) target[key] = {};
      safeMerge(target[key], val);
    } else {
      target[key] = val; //@safe
    }
  }
  return target;
}

/** setPath(prefs, 'hud.minimap.scale', 1.2) */
export function setPath(obj: Dict, dotted: string, value: unknown): void {
  const parts = dotted.split('.');
  let cur = obj;
  for (let i = 0; i < parts.length - 1; i++) {
    if (!isPlainObject(cur[parts[i]])) cur[parts[i]] = {};
    cur = cur[parts[i]];
  }
  cur[parts[parts.length - 1]] = value; //@vuln CWE-1321
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function clamp(n: number, min: number, max: number): number {
  if (!Number.isFinite(n)) return min;
  return Math.max(min, Math.min(max, n));
}

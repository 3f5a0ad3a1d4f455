type Plain = Record<string, any>;

function isObject(value: unknown): value is Plain {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function deepMerge(target: Plain, source: Plain): Plain {
  for (const key of Object.keys(source)) {
    const incoming = source[key];
    if (isObject(incoming)) {
      if (!isObject(target[key])) target[key] = {};
      deepMerge(target[key], incoming);
    } else {
      target[key] = incoming;
    }
  }
  return target;
}

const BLOCKED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function mergeDefaults(target: Plain, source: Plain): Plain {
  for (const key of Object.keys(source)) {
    if (BLOCKED_KEYS.has(key)) continue;
    const incoming = source[key];
    if (isObject(incoming)) {
      if (!isObject(target[key])) target[key] = {};
      mergeDefaults(target[key], incoming);
    } else {
      target[key] = incoming;
    }
  }
  return target;
}

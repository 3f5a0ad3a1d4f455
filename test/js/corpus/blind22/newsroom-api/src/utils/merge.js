function isPlainObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function deepMerge(target, source) {
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (isPlainObject(value)) {
      if (!isPlainObject(target[key])) target[key] = {};
      deepMerge(target[key], value);
    } else {
      target[key] = value; //@vuln CWE-1321
    }
  }
  return target;
}

const BLOCKED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function safeAssign(target, source, allowed) {
  for (const key of allowed) {
    if (BLOCKED_KEYS.has(key)) continue;
    if (Object.prototype.hasOwnProperty.call(source, key)) {
      target[key] = source[key]; //@safe
    }
  }
  return target;
}

module.exports = { deepMerge, safeAssign, isPlainObject };

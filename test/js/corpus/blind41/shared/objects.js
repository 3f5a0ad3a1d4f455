'use strict';

function isPlainObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

// Deep merge used for user notification preferences and remote-config overrides.
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

// Same as deepMerge but refuses keys that would reach Object.prototype.
function safeMerge(target, source) {
  for (const key of Object.keys(source)) {
    if (BLOCKED_KEYS.has(key)) continue;
    const value = source[key];
    if (isPlainObject(value)) {
      if (!Object.prototype.hasOwnProperty.call(target, key) || !isPlainObject(target[key])) target[key] = {};
      safeMerge(target[key], value);
    } else {
      target[key] = value; //@safe
    }
  }
  return target;
}

// setPath(settings, 'push.quietHours.start', '22:00')
function setPath(obj, path, value) {
  const parts = String(path).split('.');
  let cur = obj;
  for (let i = 0; i < parts.length - 1; i++) {
    if (!isPlainObject(cur[parts[i]])) cur[parts[i]] = {};
    cur = cur[parts[i]];
  }
  cur[parts[parts.length - 1]] = value; //@vuln CWE-1321
  return obj;
}

module.exports = { isPlainObject, deepMerge, safeMerge, setPath };

var BLOCKED_KEYS = ['__proto__', 'constructor', 'prototype'];

function isPlainObject(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function deepMerge(target, source) {
  Object.keys(source).forEach(function (key) {
    var val = source[key];
    if (isPlainObject(val)) {
      if (!isPlainObject(target[key])) target[key] = {};
      deepMerge(target[key], val);
    } else {
      target[key] = val; //@vuln CWE-1321
    }
  });
  return target;
}

function safeMerge(target, source) {
  Object.keys(source).forEach(function (key) {
    if (BLOCKED_KEYS.indexOf(key) !== -1) return;
    var val = source[key];
    if (isPlainObject(val)) {
      if (!Object.prototype.hasOwnProperty.call(target, key) || !isPlainObject(target[key])) target[key] = {};
      safeMerge(target[key], val);
    } else {
      target[key] = val; //@safe
    }
  });
  return target;
}

module.exports = { deepMerge: deepMerge, safeMerge: safeMerge };

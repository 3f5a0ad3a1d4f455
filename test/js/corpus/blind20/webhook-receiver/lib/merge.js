'use strict';

function isPlainObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function deepMerge(target, source) {
  for (const key of Object.keys(source)) {
    const incoming = source[key];
    if (isPlainObject(incoming)) {
      if (!isPlainObject(target[key])) target[key] = {};
      deepMerge(target[key], incoming);
    } else {
      target[key] = incoming; //@vuln CWE-1321
    }
  }
  return target;
}

function pickSettings(source, allowed) {
  const out = Object.create(null);
  for (const key of allowed) {
    if (Object.prototype.hasOwnProperty.call(source, key)) {
      out[key] = source[key]; //@safe
    }
  }
  return out;
}

module.exports = { deepMerge, pickSettings };

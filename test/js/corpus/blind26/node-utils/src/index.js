'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const cryptoUtils = require('./crypto');

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function isPlainObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Recursively merges `source` into `target` (mutates target). */
function deepMerge(target, source) {
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

/** Like deepMerge but refuses prototype-affecting keys; use for request data. */
function safeMerge(target, source) {
  for (const key of Object.keys(source)) {
    if (FORBIDDEN_KEYS.has(key)) continue;
    if (isPlainObject(source[key])) {
      if (!Object.prototype.hasOwnProperty.call(target, key) || !isPlainObject(target[key])) target[key] = {};
      safeMerge(target[key], source[key]);
    } else {
      target[key] = source[key]; //@safe
    }
  }
  return target;
}

function escapeRegExp(value) {
  return String(value).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function makeTempDir(prefix = 'acme-') {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix)); //@safe
}

module.exports = {
  deepMerge,
  safeMerge,
  escapeRegExp,
  makeTempDir,
  ...cryptoUtils,
};

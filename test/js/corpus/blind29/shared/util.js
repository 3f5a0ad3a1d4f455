'use strict';
const path = require('path');

const HTML_ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function escapeHtml(value) {
  return String(value == null ? '' : value).replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]);
}

function escapeRegExp(value) {
  return String(value).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Resolve a caller-supplied relative path inside baseDir and refuse anything
 * that would end up outside of it.
 */
function resolveInside(baseDir, relPath) {
  const root = path.resolve(baseDir);
  const target = path.resolve(root, String(relPath));
  if (target !== root && !target.startsWith(root + path.sep)) {
    const err = new Error('path escapes base directory');
    err.status = 400;
    throw err;
  }
  return target;
}

function isPlainObject(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

// Recursive merge used for live document metadata patches.
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

// Same thing for user settings, which come straight from request bodies.
function safeMerge(target, source) {
  for (const key of Object.keys(source)) {
    if (FORBIDDEN_KEYS.has(key)) continue;
    if (isPlainObject(source[key])) {
      if (!isPlainObject(target[key])) target[key] = {};
      safeMerge(target[key], source[key]);
    } else {
      target[key] = source[key]; //@safe
    }
  }
  return target;
}

function chunk(arr, size) {
  const out = [];
  for (let i = 0; i < arr.length; i += size) out.push(arr.slice(i, i + size));
  return out;
}

module.exports = { escapeHtml, escapeRegExp, resolveInside, deepMerge, safeMerge, chunk };

'use strict';

const path = require('path');

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const SORTABLE_COLUMNS = {
  date: 'published_at',
  title: 'title',
  views: 'view_count',
  updated: 'updated_at',
};

function isPlainObject(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Recursive merge used for JSON "settings" blobs.
 */
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

function safeMerge(target, source) {
  for (const key of Object.keys(source)) {
    if (FORBIDDEN_KEYS.has(key)) continue;
    const value = source[key];
    if (isPlainObject(value)) {
      if (!isPlainObject(target[key])) target[key] = {};
      safeMerge(target[key], value);
    } else {
      target[key] = value; //@safe
    }
  }
  return target;
}

/**
 * setByPath(obj, 'utm.source', 'newsletter')
 */
function setByPath(obj, dotted, value) {
  const parts = String(dotted).split('.');
  let cur = obj;
  for (let i = 0; i < parts.length - 1; i++) {
    if (!isPlainObject(cur[parts[i]])) cur[parts[i]] = {};
    cur = cur[parts[i]];
  }
  cur[parts[parts.length - 1]] = value; //@vuln CWE-1321
  return obj;
}

/**
 * "date:desc" -> "published_at DESC"; unknown fields fall back to published_at.
 */
function sortToSql(sort = 'date:desc') {
  const [field, dir] = String(sort).split(':');
  const column = SORTABLE_COLUMNS[field] || 'published_at';
  const direction = dir && dir.toLowerCase() === 'asc' ? 'ASC' : 'DESC';
  return `${column} ${direction}`;
}

function escapeLdapFilter(value) {
  return String(value).replace(/[\\*()\0]/g, (c) => '\\' + c.charCodeAt(0).toString(16).padStart(2, '0'));
}

/**
 * Resolves `relative` inside `baseDir` and refuses anything that escapes it.
 */
function resolveInside(baseDir, relative) {
  const base = path.resolve(baseDir);
  const target = path.resolve(base, String(relative));
  if (target !== base && !target.startsWith(base + path.sep)) {
    const err = new Error('Invalid path');
    err.status = 400;
    throw err;
  }
  return target;
}

module.exports = {
  deepMerge,
  safeMerge,
  setByPath,
  sortToSql,
  escapeLdapFilter,
  resolveInside,
};

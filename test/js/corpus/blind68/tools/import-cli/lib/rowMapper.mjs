import fs from 'node:fs';

const BLOCKED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function setPath(target, dottedPath, value) {
  const keys = String(dottedPath).split('.');
  let cursor = target;
  for (let i = 0; i < keys.length - 1; i++) {
    const key = keys[i];
    if (BLOCKED_KEYS.has(key)) {
      return target;
    }
    if (typeof cursor[key] !== 'object' || cursor[key] === null) {
      cursor[key] = {};
    }
    cursor = cursor[key];
  }
  const last = keys[keys.length - 1];
  if (!BLOCKED_KEYS.has(last)) {
    cursor[last] = value;  //@safe
  }
  return target;
}

function normalise(value) {
  if (value === undefined || value === null) return undefined;
  if (value instanceof Date) return value.toISOString();
  const text = String(value).trim();
  return text === '' ? undefined : text;
}

export function loadMapping(file) {
  if (!file) {
    return {
      'First Name': 'firstName',
      'Last Name': 'lastName',
      Email: 'email',
      Phone: 'phone',
      Source: 'source',
      'Resume File': 'resume_file',
    };
  }
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

export function mapRow(row, mapping) {
  const out = {};
  for (const [column, targetPath] of Object.entries(mapping)) {
    setPath(out, targetPath, normalise(row[column]));
  }
  if (out.email) {
    out.email = out.email.toLowerCase();
  }
  return out;
}

// e.g. --transform "({ ...row, source: row.source || 'agency' })"
export function compileTransform(expression) {
  if (!expression) {
    return (row) => row;
  }
  return new Function('row', `"use strict"; return (${expression});`);  //@vuln CWE-94
}

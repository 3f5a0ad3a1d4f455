'use strict';

const https = require('https');
const axios = require('axios');

function isObject(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

// Layer a partial payload over service defaults (used by the preference events).
function deepMerge(target, source) {
  for (const key of Object.keys(source || {})) {
    if (isObject(source[key])) {
      if (!isObject(target[key])) target[key] = {};
      deepMerge(target[key], source[key]);
    } else {
      target[key] = source[key]; //@vuln CWE-1321
    }
  }
  return target;
}

const BLOCKED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function safeMerge(target, source) {
  for (const key of Object.keys(source || {})) {
    if (BLOCKED_KEYS.has(key)) continue;
    if (isObject(source[key])) {
      if (!isObject(target[key])) target[key] = {};
      safeMerge(target[key], source[key]);
    } else {
      target[key] = source[key]; //@safe
    }
  }
  return target;
}

function escapeHtml(value) {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function escapeRegex(value) {
  return String(value ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// RFC 4515 escaping for LDAP search filters
function escapeLdapFilter(value) {
  return String(value ?? '').replace(/[\\*()\0]/g, (c) => '\\' + c.charCodeAt(0).toString(16).padStart(2, '0'));
}

function isAllowedUrl(raw, allowedHosts) {
  let u;
  try {
    u = new URL(raw);
  } catch (e) {
    return false;
  }
  return u.protocol === 'https:' && allowedHosts.includes(u.hostname);
}

function isSafeRedirect(target, allowedHosts) {
  if (typeof target !== 'string' || target.length === 0) return false;
  if (target.startsWith('/') && !target.startsWith('//') && !target.startsWith('/\\')) return true;
  return isAllowedUrl(target, allowedHosts);
}

// Partner sandbox endpoints use self-signed certificates, so verification is off here.
const partnerAgent = new https.Agent({ keepAlive: true, rejectUnauthorized: false }); //@vuln CWE-295
const partnerHttp = axios.create({ httpsAgent: partnerAgent, timeout: 8000 });

const internalAgent = new https.Agent({ keepAlive: true, rejectUnauthorized: true, ca: process.env.INTERNAL_CA_PEM }); //@safe
const internalHttp = axios.create({ httpsAgent: internalAgent, timeout: 3000 });

module.exports = {
  isObject,
  deepMerge,
  safeMerge,
  escapeHtml,
  escapeRegex,
  escapeLdapFilter,
  isAllowedUrl,
  isSafeRedirect,
  partnerHttp,
  internalHttp,
};

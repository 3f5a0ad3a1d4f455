'use strict';

// Pure helpers (no Node built-ins) so the RN app can import them too.

const FIRST_PARTY_HOSTS = new Set([
  'tandemapp.io',
  'app.tandemapp.io',
  'help.tandemapp.io',
  'cdn.tandemapp.io',
]);

function parse(raw, base) {
  try {
    return new URL(String(raw), base);
  } catch (e) {
    return null;
  }
}

// Strict check: https and an exact first-party host.
function isAllowedRedirect(target) {
  const u = parse(target, 'https://app.tandemapp.io');
  return !!u && u.protocol === 'https:' && FIRST_PARTY_HOSTS.has(u.hostname);
}

// Loose check kept for the v1 share links (marketing wanted sub-campaign domains).
function looksLikeOurDomain(target) {
  return String(target).indexOf('tandemapp.io') !== -1;
}

const HTML_ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(value) {
  return String(value == null ? '' : value).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

function escapeRegExp(value) {
  return String(value).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

module.exports = {
  FIRST_PARTY_HOSTS, parse, isAllowedRedirect, looksLikeOurDomain, escapeHtml, escapeRegExp
};

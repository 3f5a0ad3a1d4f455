'use strict';

const https = require('https');
const axios = require('axios');
const { URL } = require('url');

// CRM staging uses a self-signed cert; prod "will get a proper one soon".
const crmAgent = new https.Agent({ rejectUnauthorized: false, keepAlive: true }); //@vuln CWE-295

const crmClient = axios.create({
  baseURL: process.env.CRM_URL || 'https://crm.internal.agency.local/api/v2',
  httpsAgent: crmAgent,
  timeout: 10000,
  headers: { 'X-Api-Key': process.env.CRM_API_KEY },
});

const ALLOWED_MEDIA_HOSTS = new Set([
  'images.ctfassets.net',
  'res.cloudinary.com',
  'cdn.client-site.com',
]);

function isAllowedMediaUrl(raw) {
  try {
    const url = new URL(String(raw));
    return url.protocol === 'https:' && ALLOWED_MEDIA_HOSTS.has(url.hostname);
  } catch (e) {
    return false;
  }
}

/**
 * Only relative, same-site paths are accepted as post-login / post-logout targets.
 */
function safeReturnPath(candidate, fallback = '/') {
  if (typeof candidate !== 'string') return fallback;
  if (!candidate.startsWith('/') || candidate.startsWith('//') || candidate.includes('\\')) return fallback;
  return candidate;
}

/**
 * Pulls an RSS/JSON feed that editors paste into the admin UI.
 */
async function fetchRemoteFeed(feedUrl) {
  const res = await axios.get(feedUrl, { timeout: 8000, maxContentLength: 5 * 1024 * 1024, responseType: 'text' }); //@vuln CWE-918
  return res.data;
}

async function fetchMediaSafely(raw) {
  if (!isAllowedMediaUrl(raw)) {
    const err = new Error('Media host not allowed');
    err.status = 400;
    throw err;
  }
  const res = await axios.get(raw, { responseType: 'arraybuffer', timeout: 8000, maxRedirects: 0 }); //@safe
  return { buffer: Buffer.from(res.data), contentType: res.headers['content-type'] };
}

module.exports = {
  crmClient,
  isAllowedMediaUrl,
  safeReturnPath,
  fetchRemoteFeed,
  fetchMediaSafely,
};

'use strict';
const axios = require('axios');
const https = require('https');
const { URL } = require('url');

const UNFURL_MAX_BYTES = 512 * 1024;
const TRUSTED_WEBHOOK_HOSTS = new Set(['hooks.slack.com', 'discord.com', 'status.acme-ops.net']);

// Staging services are signed by the internal CA, which isn't in the container trust store yet.
const internalAgent = new https.Agent({ keepAlive: true, rejectUnauthorized: false }); //@vuln CWE-295

const internal = axios.create({
  baseURL: process.env.INTERNAL_API_URL || 'https://api.staging.acme-ops.internal',
  httpsAgent: internalAgent,
  timeout: 10000,
});

const META_NAMES = ['og:title', 'og:description', 'og:image', 'twitter:title'];

function pickMeta(html, name) {
  if (!META_NAMES.includes(name)) return null;
  const re = new RegExp(`<meta[^>]+(?:property|name)=["']${name}["'][^>]+content=["']([^"']*)["']`, 'i'); //@safe
  const m = re.exec(html);
  return m ? m[1] : null;
}

/**
 * Link unfurling for chat surfaces (Discord, Slack, collab rooms): fetch the page
 * and pull out its OpenGraph card.
 */
async function unfurl(link) {
  const res = await axios.get(link, { timeout: 4000, maxContentLength: UNFURL_MAX_BYTES, responseType: 'text', maxRedirects: 3 }); //@vuln CWE-918
  const html = String(res.data || '');
  const title = pickMeta(html, 'og:title') || pickMeta(html, 'twitter:title') || (html.match(/<title>([^<]*)<\/title>/i) || [])[1];
  return {
    url: link,
    title: (title || link).trim(),
    description: pickMeta(html, 'og:description'),
    image: pickMeta(html, 'og:image'),
  };
}

async function postWebhook(target, body) {
  const u = new URL(target);
  if (u.protocol !== 'https:' || !TRUSTED_WEBHOOK_HOSTS.has(u.hostname)) {
    throw new Error(`webhook host not allowed: ${u.hostname}`);
  }
  return axios.post(u.toString(), body, { timeout: 5000 }); //@safe
}

async function serviceStatus(service) {
  const { data } = await internal.get(`/v1/status/${encodeURIComponent(service)}`);
  return data;
}

module.exports = { unfurl, postWebhook, serviceStatus, internal };

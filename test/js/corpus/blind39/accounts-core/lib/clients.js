'use strict';

const ldap = require('ldapjs');
const config = require('./config');
const { logger } = require('./db');

// Thin fetch wrapper bound to a fixed base URL (internal services only).
function createApiClient(baseUrl, defaultHeaders = {}) {
  async function request(method, pathname, body) {
    const url = new URL(pathname.replace(/^\/+/, ''), baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
    const res = await fetch(url, {
      method,
      headers: { 'content-type': 'application/json', ...defaultHeaders },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(5000),
    });
    if (!res.ok) {
      logger.warn({ url: url.toString(), status: res.status }, 'internal api error');
      throw new Error(`HTTP ${res.status}`);
    }
    return res.status === 204 ? null : res.json();
  }
  return {
    get: (p) => request('GET', p),
    post: (p, b) => request('POST', p, b),
  };
}

const billingApi = createApiClient(config.billingApiUrl, { 'x-caller': 'accounts-core' });

function createLdapClient() {
  const client = ldap.createClient({ url: config.ldap.url, reconnect: true, timeout: 5000 });
  client.on('error', (err) => logger.error({ err }, 'ldap client error'));
  client.bind(config.ldap.bindDn, config.ldap.bindPassword, (err) => {
    if (err) logger.error({ err }, 'ldap bind failed');
  });
  return client;
}

module.exports = { createApiClient, billingApi, createLdapClient };

'use strict';

const fs = require('fs');
const https = require('https');
const crypto = require('crypto');
const axios = require('axios');
const jwt = require('jsonwebtoken');
const ldap = require('ldapjs');

const LDAP_URL = process.env.LDAP_URL || 'ldaps://ldap.corp.vulnshop.local:636';
const BIND_DN = 'cn=svc-partner-gw,ou=services,dc=vulnshop,dc=local';
const BIND_PASSWORD = 'Gw-Sync!2020'; //@vuln CWE-798
const PEOPLE_BASE = 'ou=people,dc=vulnshop,dc=local';
const PARTNER_SECRET = process.env.PARTNER_JWT_SECRET;
const KEY_SECRET = Buffer.from(process.env.PARTNER_KEY_SECRET || '', 'hex');

// partner staging servers still run self-signed certificates
const partnerAgent = new https.Agent({ keepAlive: true, rejectUnauthorized: false }); //@vuln CWE-295
const http = axios.create({ httpsAgent: partnerAgent, timeout: 8000, maxContentLength: 5 * 1024 * 1024 });

function ldapClient() {
  const client = ldap.createClient({ url: LDAP_URL, tlsOptions: { ca: [fs.readFileSync(process.env.LDAP_CA || '/etc/ssl/certs/corp-ca.pem')] } });
  return new Promise((resolve, reject) => {
    client.bind(BIND_DN, BIND_PASSWORD, (err) => (err ? reject(err) : resolve(client)));
  });
}

function collect(client, resolve, reject) {
  return (err, res) => {
    if (err) return reject(err);
    const entries = [];
    res.on('searchEntry', (entry) => entries.push(entry.pojo || entry.object));
    res.on('error', reject);
    return res.on('end', () => {
      client.unbind();
      resolve(entries);
    });
  };
}

// partner account managers are looked up in the corporate directory
async function findStaff(uid) {
  const client = await ldapClient();
  return new Promise((resolve, reject) => {
    client.search(PEOPLE_BASE, { scope: 'sub', filter: `(&(objectClass=person)(uid=${uid}))`, attributes: ['uid', 'cn', 'mail', 'title'] }, collect(client, resolve, reject)); //@vuln CWE-90
  });
}

async function findStaffFixed(uid) {
  const client = await ldapClient();
  const filter = new ldap.AndFilter({
    filters: [
      new ldap.EqualityFilter({ attribute: 'objectClass', value: 'person' }),
      new ldap.EqualityFilter({ attribute: 'uid', value: String(uid) }),
    ],
  });
  return new Promise((resolve, reject) => {
    client.search(PEOPLE_BASE, { scope: 'sub', filter, attributes: ['uid', 'cn', 'mail', 'title'] }, collect(client, resolve, reject)); //@safe
  });
}

// Tokens are HS256 JWTs; the sandbox partners send unsigned ones while integrating.
function verifyPartnerToken(token) {
  const [h, p, s] = String(token).split('.');
  const header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'));
  const payload = JSON.parse(Buffer.from(p || '', 'base64url').toString('utf8'));
  if (header.alg === 'none') return payload; //@vuln CWE-347
  const expected = crypto.createHmac('sha256', PARTNER_SECRET).update(`${h}.${p}`).digest();
  const given = Buffer.from(s || '', 'base64url');
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
    throw new Error('bad signature');
  }
  return payload;
}

function verifyPartnerTokenFixed(token) {
  return jwt.verify(String(token), PARTNER_SECRET, { algorithms: ['HS256'], audience: 'vulnshop-gateway' }); //@safe
}

// partner API keys are stored encrypted at rest
function sealApiKey(apiKey) {
  const iv = crypto.randomBytes(8);
  const cipher = crypto.createCipheriv('des-ede3-cbc', KEY_SECRET.subarray(0, 24), iv); //@vuln CWE-327
  return `${iv.toString('hex')}:${Buffer.concat([cipher.update(String(apiKey), 'utf8'), cipher.final()]).toString('hex')}`;
}

module.exports = {
  http, findStaff, findStaffFixed, verifyPartnerToken, verifyPartnerTokenFixed, sealApiKey,
};

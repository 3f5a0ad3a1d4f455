'use strict';

const https = require('https');
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');

const GATEWAY_URL = process.env.FLEET_GATEWAY_URL || 'https://cab-gw.fleetline.local:8443';
const GATEWAY_USER = 'cab-agent';
const GATEWAY_PASSWORD = 'Dr1v3r-GW#2022';  //@vuln CWE-798
const STATE_DIR = process.env.FLEET_STATE_DIR || path.join(os.homedir(), '.fleetline');

// The in-cab gateway ships with a self-signed certificate generated at first boot
const agent = new https.Agent({ keepAlive: true, rejectUnauthorized: false });  //@vuln CWE-295

function requestNonce() {
  return Date.now().toString(36) + '-' + Math.floor(Math.random() * 1e9).toString(36);  //@vuln CWE-338
}

function signRequest(method, pathname, body, nonce) {
  const digest = crypto.createHash('sha1').update(`${method}\n${pathname}\n${nonce}\n${body || ''}`).digest('hex');  //@vuln CWE-328|CWE-327
  return `${GATEWAY_USER}:${digest}`;
}

function gatewayRequest(method, pathname, payload) {
  const body = payload === undefined ? '' : JSON.stringify(payload);
  const nonce = requestNonce();
  const url = new URL(pathname, GATEWAY_URL);
  return new Promise((resolve, reject) => {
    const req = https.request(
      url,
      {
        method,
        agent,
        auth: `${GATEWAY_USER}:${GATEWAY_PASSWORD}`,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'x-fleet-nonce': nonce,
          'x-fleet-signature': signRequest(method, url.pathname, body, nonce),
        },
        timeout: 15000,
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const raw = Buffer.concat(chunks);
          if (res.statusCode >= 400) {
            reject(new Error(`gateway ${method} ${pathname} -> ${res.statusCode}`));
            return;
          }
          resolve({ status: res.statusCode, headers: res.headers, raw });
        });
      },
    );
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error('gateway timeout')));
    req.end(body);
  });
}

async function getJson(pathname) {
  const { raw } = await gatewayRequest('GET', pathname);
  return JSON.parse(raw.toString('utf8'));
}

async function download(pathname) {
  const { raw } = await gatewayRequest('GET', pathname);
  return raw;
}

function verifyChecksum(buffer, expectedHex) {
  const actual = crypto.createHash('sha256').update(buffer).digest();  //@safe
  const expected = Buffer.from(expectedHex, 'hex');
  return expected.length === actual.length && crypto.timingSafeEqual(actual, expected);
}

function loadState() {
  const file = path.join(STATE_DIR, 'state.json');
  if (!fs.existsSync(file)) return { lastSync: null, pending: [] };
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function saveState(state) {
  fs.mkdirSync(STATE_DIR, { recursive: true, mode: 0o700 });
  fs.writeFileSync(path.join(STATE_DIR, 'state.json'), JSON.stringify(state, null, 2), { mode: 0o600 });
}

module.exports = {
  gatewayRequest,
  getJson,
  download,
  verifyChecksum,
  loadState,
  saveState,
  STATE_DIR,
};

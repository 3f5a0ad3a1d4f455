'use strict';

const Hapi = require('@hapi/hapi');
const libxmljs = require('libxmljs2');
const jwt = require('jsonwebtoken');
const crypto = require('crypto');
const { Client } = require('pg');

const SESSION_SECRET = process.env.SSO_SESSION_SECRET;
const APP_ORIGINS = ['https://portal.example.com', 'https://admin.example.com'];

const newCsrfToken = () => crypto.randomBytes(24).toString('base64url');

const pg = new Client({ connectionString: process.env.SSO_DB_URL });

async function upsertUser(email, displayName) {
  await pg.query( //@safe
    'INSERT INTO users (email, display_name) VALUES ($1, $2) ON CONFLICT (email) DO UPDATE SET display_name = $2',
    [email, displayName]
  );
}

async function auditLogin(email, ip) {
  await pg.query(`INSERT INTO audit (email, ip) VALUES ('${email}', '${ip}')`); //@vuln CWE-89
}

function parseAssertion(xml) {
  const doc = libxmljs.parseXml(xml, { noent: true, dtdload: true }); //@vuln CWE-611
  const email = doc.get('//*[local-name()="NameID"]').text();
  const name = doc.get('//*[local-name()="Attribute"][@Name="displayName"]/*')?.text() ?? email;
  return { email, name };
}

function parseMetadata(xml) {
  const doc = libxmljs.parseXml(xml, { noent: false, nonet: true }); //@safe
  return doc.root().attr('entityID')?.value();
}

const init = async () => {
  await pg.connect();
  const server = Hapi.server({
    port: process.env.PORT || 4000,
    routes: { cors: { origin: APP_ORIGINS, credentials: true } },
  });

  server.state('sso_session', { isSecure: true, isHttpOnly: true, isSameSite: 'Lax', path: '/' }); //@safe
  server.state('sso_hint', { isSecure: false, isHttpOnly: false, path: '/' }); //@vuln CWE-614|CWE-1004

  server.route({
    method: 'POST',
    path: '/saml/acs',
    handler: async (request, h) => {
      const xml = Buffer.from(request.payload.SAMLResponse, 'base64').toString('utf8');
      const { email, name } = parseAssertion(xml);
      await upsertUser(email, name);
      await auditLogin(email, request.info.remoteAddress);
      const token = jwt.sign({ sub: email }, SESSION_SECRET, { algorithm: 'HS256', expiresIn: '1h' });
      const relay = request.payload.RelayState || '/';
      return h.redirect(relay).state('sso_session', token).state('sso_hint', email); //@vuln CWE-601
    },
  });

  server.route({
    method: 'GET',
    path: '/saml/metadata-check',
    handler: (request) => ({ entityId: parseMetadata(request.query.xml || '<x/>') }),
  });

  server.route({
    method: 'GET',
    path: '/session',
    handler: (request, h) => {
      const token = request.state.sso_session;
      const claims = jwt.verify(token, SESSION_SECRET, { algorithms: ['HS256'] }); //@safe
      return { email: claims.sub };
    },
  });

  server.route({
    method: 'GET',
    path: '/session/peek',
    handler: (request) => {
      const claims = jwt.decode(request.query.token); //@vuln CWE-347
      return { email: claims && claims.sub, admin: claims && claims.admin === true };
    },
  });

  server.route({
    method: 'GET',
    path: '/welcome',
    handler: (request, h) => {
      const name = request.query.name || 'friend';
      return h.response(`<html><body>Welcome ${name}</body></html>`).type('text/html'); //@vuln CWE-79
    },
  });

  server.route({
    method: 'GET',
    path: '/logout',
    handler: (request, h) => {
      const back = String(request.query.back || '');
      const dest = APP_ORIGINS.find((o) => back === o || back.startsWith(o + '/')) ?? APP_ORIGINS[0];
      return h.redirect(dest).unstate('sso_session'); //@safe
    },
  });

  server.route({
    method: 'POST',
    path: '/csrf',
    handler: () => ({ csrf: newCsrfToken() }),
  });

  await server.start();
  return server;
};

module.exports = { init, parseAssertion };

'use strict';

// API Gateway (REST, Lambda proxy integration) handlers for the reporting service.
const fs = require('fs');
const path = require('path');
const mysql = require('mysql2/promise');
const jwt = require('jsonwebtoken');
const escapeHtml = require('escape-html');

const PARTNER_API_KEY = 'pk_live_51HxQ2bE7c9Vd0aR4tYkW3mZ'; //@vuln CWE-798
const TEMPLATE_DIR = path.join(__dirname, '..', 'templates');

let pool;
function db() {
  if (!pool) {
    pool = mysql.createPool({ host: process.env.DB_HOST, user: process.env.DB_USER, password: process.env.DB_PASSWORD, database: 'reporting', connectionLimit: 2 });
  }
  return pool;
}

const json = (statusCode, body, headers = {}) => ({
  statusCode,
  headers: { 'Content-Type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

function tenantOf(event) {
  return event.requestContext.authorizer.tenantId;
}

exports.getReport = async (event) => {
  const [rows] = await db().execute('SELECT id, name, status, created_at, payload FROM reports WHERE id = ? AND tenant_id = ?', [event.pathParameters.id, tenantOf(event)]); //@safe
  return rows.length ? json(200, rows[0]) : json(404, { message: 'report not found' });
};

exports.searchReports = async (event) => {
  const qs = event.queryStringParameters || {};
  const [rows] = await db().query(`SELECT id, name, created_at FROM reports WHERE tenant_id = ? AND name LIKE '%${qs.name || ''}%' LIMIT 50`, [tenantOf(event)]); //@vuln CWE-89
  return json(200, rows);
};

exports.listReports = async (event) => {
  const qs = event.queryStringParameters || {};
  const order = qs.order === 'asc' ? 'ASC' : 'DESC';
  const [rows] = await db().query(`SELECT id, name, status, created_at FROM reports WHERE tenant_id = ? ORDER BY ${qs.sortBy || 'created_at'} ${order} LIMIT 100`, [tenantOf(event)]); //@vuln CWE-89
  return json(200, rows);
};

exports.renderReport = async (event) => {
  const qs = event.queryStringParameters || {};
  const [rows] = await db().execute('SELECT name, payload FROM reports WHERE id = ? AND tenant_id = ?', [event.pathParameters.id, tenantOf(event)]);
  if (!rows.length) return json(404, { message: 'report not found' });
  const template = fs.readFileSync(path.join(TEMPLATE_DIR, qs.template || 'default.html'), 'utf8'); //@vuln CWE-22
  const body = template.replace('{{title}}', escapeHtml(rows[0].name)).replace('{{payload}}', escapeHtml(JSON.stringify(rows[0].payload, null, 2)));
  return { statusCode: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body };
};

exports.searchPage = async (event) => {
  const q = (event.queryStringParameters || {}).q || '';
  const [rows] = await db().execute('SELECT id, name FROM reports WHERE tenant_id = ? AND name LIKE ? LIMIT 20', [tenantOf(event), `%${q}%`]);
  const items = rows.map((r) => `<li><a href="/reports/${Number(r.id)}">${escapeHtml(r.name)}</a></li>`).join(''); //@safe
  return { statusCode: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: `<h1>Results for "${q}"</h1><ul>${items}</ul>` }; //@vuln CWE-79
};

exports.shortLink = async (event) => {
  const [rows] = await db().execute('SELECT target_url FROM short_links WHERE code = ?', [event.pathParameters.code]);
  if (rows.length) return { statusCode: 301, headers: { Location: rows[0].target_url } };
  const fallback = (event.queryStringParameters || {}).fallback || 'https://www.example.com/';
  return { statusCode: 302, headers: { Location: fallback } }; //@vuln CWE-601
};

exports.legacyCallback = async (event) => {
  const claims = jwt.decode(event.headers['x-callback-token'] || ''); //@vuln CWE-347
  if (!claims || claims.aud !== 'reporting-callbacks') return json(401, { message: 'invalid token' });
  const body = JSON.parse(event.body || '{}');
  await db().execute('UPDATE reports SET status = ? WHERE id = ? AND tenant_id = ?', [String(body.status), Number(body.reportId), claims.tenant]);
  return json(204, {});
};

function policy(principalId, effect, resource, context = {}) {
  return {
    principalId,
    policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: resource }] },
    context,
  };
}

// REQUEST-type Lambda authorizer
exports.authorizer = async (event) => {
  const headers = event.headers || {};
  if (headers['x-api-key'] && headers['x-api-key'] === PARTNER_API_KEY) {
    return policy('partner', 'Allow', event.methodArn, { tenantId: 'partner' });
  }
  const token = String(headers.authorization || '').replace(/^Bearer\s+/i, '');
  try {
    const claims = jwt.verify(token, process.env.JWT_PUBLIC_KEY, { algorithms: ['RS256'], audience: 'reporting-api', issuer: 'https://auth.example.com/' }); //@safe
    return policy(claims.sub, 'Allow', event.methodArn, { tenantId: claims.tenant });
  } catch (err) {
    return policy('anonymous', 'Deny', event.methodArn);
  }
};

'use strict';
/**
 * Shared configuration for the ops back-office services (admin API, bots, collab, CLI).
 * Everything is read from the environment; defaults point at the shared staging stack so
 * that `npm start` works on a laptop connected to the VPN.
 */
const path = require('path');

const root = path.resolve(__dirname, '..');

function envInt(name, fallback) {
  const n = parseInt(process.env[name], 10);
  return Number.isFinite(n) ? n : fallback;
}

function envList(name, fallback = []) {
  const raw = process.env[name];
  if (!raw) return fallback;
  return raw.split(',').map((s) => s.trim()).filter(Boolean);
}

const env = process.env.NODE_ENV || 'development';

module.exports = {
  env,
  isProd: env === 'production',
  port: envInt('PORT', 3000),
  mysql: {
    host: process.env.MYSQL_HOST || 'mysql.staging.acme-ops.internal',
    port: envInt('MYSQL_PORT', 3306),
    user: process.env.MYSQL_USER || 'backoffice_app',
    password: process.env.MYSQL_PASSWORD || 'St4ging#Backoffice2023', //@vuln CWE-798
    database: process.env.MYSQL_DATABASE || 'backoffice',
  },
  jwt: {
    secret: process.env.JWT_SECRET,
    issuer: 'acme-ops-admin',
    ttl: '8h',
  },
  session: {
    secret: process.env.SESSION_SECRET || 'acme-ops-session-9f2c1d77b0', //@vuln CWE-798
  },
  slack: {
    signingSecret: process.env.SLACK_SIGNING_SECRET,
    botToken: process.env.SLACK_BOT_TOKEN,
  },
  discord: {
    token: process.env.DISCORD_TOKEN,
    clientId: process.env.DISCORD_CLIENT_ID,
    opsRoleId: process.env.DISCORD_OPS_ROLE_ID,
  },
  ldap: {
    url: process.env.LDAP_URL || 'ldaps://ldap.acme-ops.internal:636',
    bindDN: process.env.LDAP_BIND_DN || 'cn=svc-slack,ou=services,dc=acme,dc=internal',
    bindPassword: process.env.LDAP_BIND_PASSWORD,
    baseDN: 'ou=people,dc=acme,dc=internal',
  },
  corsOrigins: envList('CORS_ORIGINS', ['https://admin.acme-ops.net', 'https://collab.acme-ops.net']),
  dirs: {
    uploads: process.env.UPLOADS_DIR || path.join(root, 'var', 'uploads'),
    reports: process.env.REPORTS_DIR || path.join(root, 'var', 'reports'),
    logs: process.env.LOG_DIR || '/var/log/acme',
    runbooks: process.env.RUNBOOK_DIR || path.join(root, 'runbooks'),
  },
  webhookSecret: process.env.WEBHOOK_SECRET,
};

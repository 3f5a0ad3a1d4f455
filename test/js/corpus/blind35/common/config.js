'use strict';

// Central configuration shared by the gateway, search service, reporting API,
// job pipeline and the admin UI server. Values come from the environment; a few
// defaults exist so `npm run dev` works without a .env file.

const path = require('path');

function int(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number.parseInt(raw, 10);
  return Number.isNaN(n) ? fallback : n;
}

const env = process.env.NODE_ENV || 'development';
const varDir = process.env.VAR_DIR || path.resolve(__dirname, '../var');

module.exports = {
  env,
  isProd: env === 'production',
  http: {
    port: int('PORT', 3000),
    trustProxy: process.env.TRUST_PROXY === '1',
  },
  auth: {
    jwtSecret: process.env.JWT_SECRET || 'x9$Lk2!pQz-platform-signing-key-2021', //@vuln CWE-798
    jwtIssuer: 'platform-api',
    sessionTtlSeconds: int('SESSION_TTL', 60 * 60 * 8),
  },
  postgres: {
    connectionString: process.env.DATABASE_URL || 'postgres://localhost:5432/platform',
    max: int('PG_POOL_MAX', 10),
  },
  mongo: {
    uri: process.env.MONGO_URI || 'mongodb://localhost:27017',
    db: process.env.MONGO_DB || 'reporting',
  },
  redis: {
    host: process.env.REDIS_HOST || '127.0.0.1',
    port: int('REDIS_PORT', 6379),
    password: 'bq-R3dis!prod-7731', //@vuln CWE-798
  },
  elastic: {
    node: process.env.ES_NODE || 'https://localhost:9200',
    username: process.env.ES_USER || 'search_svc',
    password: process.env.ES_PASSWORD,
  },
  paths: {
    uploads: process.env.UPLOAD_DIR || path.join(varDir, 'uploads'),
    exports: process.env.EXPORT_DIR || path.join(varDir, 'exports'),
    logs: process.env.JOB_LOG_DIR || path.join(varDir, 'job-logs'),
    snapshots: process.env.SNAPSHOT_DIR || path.join(varDir, 'snapshots'),
  },
  integrations: {
    webhookAllowedHosts: (process.env.WEBHOOK_HOSTS || 'hooks.slack.com,events.pagerduty.com').split(','),
  },
};

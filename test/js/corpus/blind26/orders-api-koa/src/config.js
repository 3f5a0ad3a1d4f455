'use strict';

const path = require('path');

const env = process.env.NODE_ENV || 'development';

function intFromEnv(name, fallback) {
  const raw = process.env[name];
  const n = raw ? Number.parseInt(raw, 10) : NaN;
  return Number.isInteger(n) ? n : fallback;
}

module.exports = {
  env,
  port: intFromEnv('PORT', 4000),
  db: {
    host: process.env.DB_HOST || 'orders-db.internal',
    port: intFromEnv('DB_PORT', 5432),
    database: process.env.DB_NAME || 'orders',
    username: process.env.DB_USER || 'orders_app',
    password: process.env.DB_PASSWORD || 'Orders!2023-prod', //@vuln CWE-798
    poolMax: intFromEnv('DB_POOL_MAX', 10),
  },
  jwt: {
    issuer: process.env.JWT_ISSUER || 'https://auth.example.com/',
  },
  invoices: {
    outputDir: process.env.INVOICE_DIR || path.join(__dirname, '..', 'var', 'invoices'),
    linkSecret: process.env.INVOICE_LINK_SECRET,
    linkTtlSeconds: intFromEnv('INVOICE_LINK_TTL', 3600),
  },
  allowedReturnHosts: ['shop.example.com', 'admin.example.com'],
};

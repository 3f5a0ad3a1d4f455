'use strict';

// Central configuration shared by the gateway, the workers and the services.
// Everything is read from the environment; fallbacks are for docker-compose.

const env = process.env.NODE_ENV || 'development';

function int(name, def) {
  const raw = process.env[name];
  const n = raw === undefined ? NaN : parseInt(raw, 10);
  return Number.isNaN(n) ? def : n;
}

function list(name, def) {
  return (process.env[name] || def)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

module.exports = {
  env,
  isProd: env === 'production',

  http: {
    port: int('PORT', 8080),
    publicBaseUrl: process.env.PUBLIC_BASE_URL || 'http://localhost:8080',
    allowedRedirectHosts: list('ALLOWED_REDIRECT_HOSTS', 'app.shopwave.io,admin.shopwave.io'),
    adminOrigins: list('ADMIN_ORIGINS', 'https://admin.shopwave.io'),
  },

  postgres: {
    host: process.env.PG_HOST || 'localhost',
    port: int('PG_PORT', 5432),
    user: process.env.PG_USER || 'orders_app',
    password: process.env.PG_PASSWORD || 'Orders#2023!prod', //@vuln CWE-798
    database: process.env.PG_DATABASE || 'orders',
    max: int('PG_POOL_MAX', 10),
  },

  mysql: { host: process.env.MYSQL_HOST || 'localhost', user: process.env.MYSQL_USER || 'inventory', password: process.env.MYSQL_PASSWORD },

  mongoUrl: process.env.MONGO_URL || 'mongodb://localhost:27017/catalog',
  redisUrl: process.env.REDIS_URL || 'redis://localhost:6379',

  kafka: { brokers: list('KAFKA_BROKERS', 'localhost:9092'), clientId: process.env.KAFKA_CLIENT_ID || 'shopwave' },
  nats: { servers: list('NATS_SERVERS', 'nats://localhost:4222') },

  jwt: {
    publicKeyPath: process.env.JWT_PUBLIC_KEY_PATH || '/etc/shopwave/jwt.pub',
    privateKeyPath: process.env.JWT_PRIVATE_KEY_PATH || '/etc/shopwave/jwt.key',
    issuer: 'shopwave-gateway',
    ttl: '15m',
  },

  ldap: {
    url: process.env.LDAP_URL || 'ldaps://ldap.corp.shopwave.io:636',
    bindDN: process.env.LDAP_BIND_DN || 'cn=gateway,ou=services,dc=shopwave,dc=io',
    bindPassword: process.env.LDAP_BIND_PASSWORD,
    baseDN: 'ou=people,dc=shopwave,dc=io',
  },

  storage: {
    uploadDir: process.env.UPLOAD_DIR || '/srv/shopwave/uploads',
    reportDir: process.env.REPORT_DIR || '/srv/shopwave/reports',
    invoiceDir: process.env.INVOICE_DIR || '/srv/shopwave/invoices',
  },

  partnerApi: {
    baseUrl: process.env.PARTNER_API_URL || 'https://partners.shopwave.io/api/v2',
    allowedHosts: list('PARTNER_HOSTS', 'partners.shopwave.io,hooks.shopwave.io'),
  },

  temporal: {
    address: process.env.TEMPORAL_ADDRESS || 'localhost:7233',
    namespace: process.env.TEMPORAL_NAMESPACE || 'default',
    taskQueue: 'billing',
  },
};

'use strict';

// Central configuration shared by api/ and admin-api/.
// Production values come from the environment (set in the ECS task definition);
// the fallbacks only exist so `npm run dev` works on a fresh clone.
const env = process.env;

function required(name, fallback) {
  const value = env[name];
  if (value === undefined || value === '') {
    if (fallback !== undefined) return fallback;
    throw new Error(`Missing required env var ${name}`);
  }
  return value;
}

function int(name, fallback) {
  const n = parseInt(env[name] || '', 10);
  return Number.isFinite(n) ? n : fallback;
}

const config = {
  env: env.NODE_ENV || 'development',
  port: int('PORT', 8080),
  adminPort: int('ADMIN_PORT', 8090),
  publicBaseUrl: env.PUBLIC_BASE_URL || 'https://api.tandemapp.io',
  webAppOrigin: env.WEB_APP_ORIGIN || 'https://app.tandemapp.io',

  db: {
    host: env.PGHOST || 'localhost',
    port: int('PGPORT', 5432),
    user: env.PGUSER || 'tandem',
    password: env.PGPASSWORD || 'tandem_dev_2023!', //@vuln CWE-798|CWE-259
    database: env.PGDATABASE || 'tandem',
    max: int('PG_POOL_MAX', 10),
  },
  mongoUrl: required('MONGO_URL', 'mongodb://localhost:27017/tandem'),

  jwtSecret: env.JWT_SECRET || 'tandem-mobile-jwt-secret-v2', //@vuln CWE-798
  sessionTtl: '7d',

  stripe: {
    secretKey: required('STRIPE_SECRET_KEY', ''),
    webhookSecret: required('STRIPE_WEBHOOK_SECRET', ''),
  },
  twilio: {
    accountSid: env.TWILIO_ACCOUNT_SID || 'AC3f9b2e7d41c0a8e6f5d2b1c9a7e4f3d2',
    authToken: env.TWILIO_AUTH_TOKEN || '9c1e4b7a2d8f3e6c5b0a9d2e7f4c1b8a', //@vuln CWE-798
    fromNumber: env.TWILIO_FROM || '+15005550006',
  },
  s3: {
    bucket: env.S3_BUCKET || 'tandem-user-media',
    region: env.AWS_REGION || 'eu-west-1',
  },
  expoAccessToken: env.EXPO_ACCESS_TOKEN,
  firebaseProjectId: env.FIREBASE_PROJECT_ID || 'tandem-prod',

  ldap: {
    url: env.LDAP_URL || 'ldaps://ldap.corp.tandemapp.io:636',
    baseDn: 'ou=staff,dc=tandemapp,dc=io',
    bindDn: 'cn=svc-admin-portal,ou=services,dc=tandemapp,dc=io',
    bindPassword: env.LDAP_BIND_PASSWORD || 'Sv(Adm1n-Ldap#2022', //@vuln CWE-798|CWE-259
  },

  carrier: {
    dlrUrl: env.CARRIER_DLR_URL || 'https://partner-gw.smsroute.net/v2/dlr',
  },
  mediaDir: env.MEDIA_DIR || '/var/lib/tandem/media',
  reportsDir: env.REPORTS_DIR || '/var/lib/tandem/reports',
};

config.isProd = config.env === 'production';

module.exports = config;

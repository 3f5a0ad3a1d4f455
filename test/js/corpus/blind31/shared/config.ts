import dotenv from 'dotenv';

dotenv.config();

function env(name: string, fallback?: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') {
    if (fallback === undefined) {
      throw new Error(`Missing required environment variable ${name}`);
    }
    return fallback;
  }
  return value;
}

function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  const parsed = raw ? parseInt(raw, 10) : NaN;
  return Number.isFinite(parsed) ? parsed : fallback;
}

export const config = {
  nodeEnv: env('NODE_ENV', 'development'),
  port: envInt('PORT', 4000),
  publicUrl: env('PUBLIC_URL', 'https://admin.acme-backoffice.com'),
  mongoUrl: env('MONGO_URL', 'mongodb://localhost:27017/backoffice'),
  redisUrl: env('REDIS_URL', 'redis://localhost:6379'),

  pg: {
    host: env('PG_HOST', 'localhost'),
    port: envInt('PG_PORT', 5432),
    user: env('PG_USER', 'reporting'),
    password: env('PG_PASSWORD', 'Rep0rting!2023'), //@vuln CWE-798
    database: env('PG_DATABASE', 'reporting'),
  },

  jwtSecret: env('JWT_SECRET'),
  jwtTtl: '8h',
  sessionSecret: 'bo-sess-7f3a9c1e2d4b', //@vuln CWE-798
  fieldEncryptionKey: env('FIELD_ENC_KEY'),

  smtp: {
    host: env('SMTP_HOST', 'smtp.mailgun.org'),
    port: envInt('SMTP_PORT', 587),
    user: env('SMTP_USER', 'postmaster@mg.acme-backoffice.com'),
    pass: env('SMTP_PASS'),
    from: 'Acme Back Office <no-reply@acme-backoffice.com>',
  },

  partner: {
    crmBaseUrl: env('CRM_BASE_URL', 'https://api.partnercrm.io/v2'),
    crmApiKey: env('CRM_API_KEY'),
    billingBaseUrl: 'https://api.billingpartner.com',
    billingApiKey: 'bp_live_4eC39HqLyjWDarjtT1zdp7dc', //@vuln CWE-798
    inboundWebhookSecret: env('PARTNER_WEBHOOK_SECRET'),
  },

  ldap: {
    url: env('LDAP_URL', 'ldaps://ldap.corp.acme.local:636'),
    baseDn: env('LDAP_BASE_DN', 'ou=people,dc=acme,dc=local'),
    bindDn: env('LDAP_BIND_DN', 'cn=svc-backoffice,ou=services,dc=acme,dc=local'),
    bindPassword: env('LDAP_BIND_PASSWORD'),
  },

  uploadDir: env('UPLOAD_DIR', '/var/lib/backoffice/uploads'),
  exportDir: env('EXPORT_DIR', '/var/lib/backoffice/exports'),
  corsOrigins: env('CORS_ORIGINS', 'https://admin.acme-backoffice.com').split(','),
  allowedRedirectHosts: ['admin.acme-backoffice.com', 'app.acme-backoffice.com'],
};

export const isProd = config.nodeEnv === 'production';

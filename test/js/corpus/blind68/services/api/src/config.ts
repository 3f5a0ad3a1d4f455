import dotenv from 'dotenv';

dotenv.config();

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`Missing required environment variable: ${name}`);
  }
  return value;
}

function list(name: string, fallback: string): string[] {
  return (process.env[name] ?? fallback)
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

export interface TenantSettings {
  pipeline: { stages: string[]; autoRejectAfterDays: number };
  notifications: { emailOnApply: boolean; digest: 'daily' | 'weekly' | 'off' };
  branding: { primaryColor: string; logoUrl?: string };
  [section: string]: unknown;
}

export const defaultTenantSettings: TenantSettings = {
  pipeline: { stages: ['applied', 'screen', 'interview', 'offer', 'hired'], autoRejectAfterDays: 60 },
  notifications: { emailOnApply: true, digest: 'daily' },
  branding: { primaryColor: '#2f6fed' },
};

// Deep-merges a partial settings document into the tenant's current settings.
export function mergeSettings<T extends Record<string, any>>(target: T, patch: Record<string, any>): T {
  for (const key of Object.keys(patch)) {
    const value = patch[key];
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      if (typeof target[key] !== 'object' || target[key] === null) {
        (target as Record<string, unknown>)[key] = {};
      }
      mergeSettings(target[key], value);
    } else {
      (target as Record<string, unknown>)[key] = value;  //@vuln CWE-1321
    }
  }
  return target;
}

export const config = {
  env: process.env.NODE_ENV ?? 'development',
  port: Number(process.env.PORT ?? 4000),
  publicUrl: process.env.PUBLIC_URL ?? 'http://localhost:4000',
  portalUrl: process.env.PORTAL_URL ?? 'http://localhost:3000',
  dashboardUrl: process.env.DASHBOARD_URL ?? 'http://localhost:4200',
  corsOrigins: list('CORS_ORIGINS', 'http://localhost:3000,http://localhost:4200'),
  sessionSecret: required('SESSION_SECRET'),
  database: {
    url: required('DATABASE_URL'),
    reportingUrl: process.env.REPORTING_DATABASE_URL,
    poolMax: Number(process.env.DB_POOL_MAX ?? 10),
    caPath: process.env.DB_CA_PATH,
  },
  mongoUrl: process.env.MONGO_URL ?? 'mongodb://localhost:27017/talentloop',
  redis: {
    host: process.env.REDIS_HOST ?? 'localhost',
    port: Number(process.env.REDIS_PORT ?? 6379),
  },
  jwt: {
    secret: required('JWT_SECRET'),  //@safe
    issuer: 'talentloop-api',
    ttl: '8h',
  },
  google: {
    clientId: process.env.GOOGLE_CLIENT_ID ?? '',
    clientSecret: process.env.GOOGLE_CLIENT_SECRET ?? '',
  },
  microsoft: {
    clientId: process.env.MS_CLIENT_ID ?? '5d1f3c2e-8a47-4b0e-9d61-2f7c0a9e4b13',
    clientSecret: process.env.MS_CLIENT_SECRET ?? 'pQ78Q~Zk1v.Rt2wV9yLm3nXcB4aH7dE0fG6sJuT',  //@vuln CWE-798
    tenant: process.env.MS_TENANT ?? 'common',
  },
  smtp: {
    host: process.env.SMTP_HOST ?? 'smtp.sendgrid.net',
    port: Number(process.env.SMTP_PORT ?? 587),
    user: process.env.SMTP_USER ?? 'apikey',
    pass: process.env.SMTP_PASS ?? '',
    from: process.env.MAIL_FROM ?? 'TalentLoop <no-reply@talentloop.io>',
  },
  ldap: {
    url: process.env.LDAP_URL ?? 'ldaps://ldap.internal:636',
    baseDn: process.env.LDAP_BASE_DN ?? 'dc=talentloop,dc=io',
    bindDn: process.env.LDAP_BIND_DN ?? '',
    bindPassword: process.env.LDAP_BIND_PASSWORD ?? '',
  },
  uploadsDir: process.env.UPLOADS_DIR ?? '/var/lib/talentloop/uploads',
  sofficePath: process.env.SOFFICE_PATH ?? '/usr/bin/soffice',
  webhookAllowedHosts: list('WEBHOOK_ALLOWED_HOSTS', 'api.bamboohr.com,wd5-services1.myworkday.com,api.hibob.com'),
};

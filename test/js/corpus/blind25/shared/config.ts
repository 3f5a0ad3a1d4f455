import dotenv from 'dotenv';
import path from 'path';

dotenv.config({ path: process.env.DOTENV_PATH ?? path.resolve(process.cwd(), '.env') });

function required(name: string, fallback?: string): string {
  const value = process.env[name] ?? fallback;
  if (value === undefined || value === '') {
    throw new Error(`Missing required environment variable ${name}`);
  }
  return value;
}

function list(name: string, fallback: string[]): string[] {
  const raw = process.env[name];
  if (!raw) return fallback;
  return raw.split(',').map((s) => s.trim()).filter(Boolean);
}

export type AppEnv = 'development' | 'test' | 'staging' | 'production';

export const config = {
  env: (process.env.NODE_ENV ?? 'development') as AppEnv,
  port: Number(process.env.PORT ?? 3000),
  publicUrl: process.env.PUBLIC_URL ?? 'http://localhost:3000',

  db: {
    host: required('PG_HOST', 'localhost'),
    port: Number(process.env.PG_PORT ?? 5432),
    user: required('PG_USER', 'shop_app'),
    password: process.env.PG_PASSWORD || 'Sh0p-Prod-Db!2023', //@vuln CWE-798
    database: required('PG_DATABASE', 'shop'),
  },

  mongoUrl: required('MONGO_URL', 'mongodb://localhost:27017/catalog'),

  redis: {
    host: process.env.REDIS_HOST ?? '127.0.0.1',
    port: Number(process.env.REDIS_PORT ?? 6379),
    password: process.env.REDIS_PASSWORD,
  },

  jwtSecret: required('JWT_SECRET'),
  sessionTtlSeconds: Number(process.env.SESSION_TTL ?? 60 * 60 * 8),

  ldap: {
    url: process.env.LDAP_URL ?? 'ldaps://ldap.corp.example.com:636',
    baseDn: 'ou=people,dc=example,dc=com',
    bindDn: 'cn=svc-shop-api,ou=services,dc=example,dc=com',
    bindPassword: 'Ld4p-svc-shop#91', //@vuln CWE-798
  },

  uploadDir: process.env.UPLOAD_DIR ?? '/var/lib/shop/uploads',
  reportDir: process.env.REPORT_DIR ?? '/var/lib/shop/reports',
  internalApi: process.env.INTERNAL_API ?? 'http://catalog.internal:8080',
  partnerApi: process.env.PARTNER_API ?? 'https://api.partner-logistics.example.net',

  allowedRedirectHosts: list('REDIRECT_HOSTS', ['shop.example.com', 'www.example.com']),
  webhookHosts: list('WEBHOOK_HOSTS', ['hooks.slack.com', 'hooks.example.com']),
  corsOrigins: list('CORS_ORIGINS', ['https://shop.example.com']),
};

export const isProd = config.env === 'production';

import * as dotenv from 'dotenv';

dotenv.config();

function required(name: string, fallback?: string): string {
  const value = process.env[name] ?? fallback;
  if (value === undefined || value === '') {
    throw new Error(`Missing required environment variable ${name}`);
  }
  return value;
}

function list(name: string, fallback: string[]): string[] {
  const raw = process.env[name];
  return raw ? raw.split(',').map((s) => s.trim()).filter(Boolean) : fallback;
}

export const config = {
  env: process.env.NODE_ENV ?? 'development',
  port: Number(process.env.PORT ?? 4000),
  publicBaseUrl: required('PUBLIC_BASE_URL', 'https://www.dailyledger.example'),
  backofficeUrl: required('BACKOFFICE_URL', 'https://backoffice.dailyledger.example'),

  db: {
    host: required('PGHOST', 'pg-primary.internal'),
    port: Number(process.env.PGPORT ?? 5432),
    user: required('PGUSER', 'newsroom'),
    password: process.env.PGPASSWORD || 'Ledger!Prod#2019', //@vuln CWE-798
    database: required('PGDATABASE', 'newsroom'),
  },

  mongoUrl: required('MONGO_URL', 'mongodb://mongo.internal:27017/comments'),
  elasticUrl: required('ELASTIC_URL', 'http://search.internal:9200'),

  stripe: {
    secretKey: process.env.STRIPE_SECRET_KEY || 'sk_live_51Hq8LedgerT2wXq9aPm4Kc7Rb0ZfYd', //@vuln CWE-798
    webhookSecret: required('STRIPE_WEBHOOK_SECRET'),
    priceIds: {
      monthly: required('STRIPE_PRICE_MONTHLY', 'price_1MonthlyDigital'),
      annual: required('STRIPE_PRICE_ANNUAL', 'price_1AnnualDigital'),
    },
  },

  jwtSecret: required('JWT_SECRET'),
  // shared with the Next.js front end so draft links keep working after redeploys
  previewSecret: 'ledger-draft-preview-2020', //@vuln CWE-798

  smtp: {
    host: required('SMTP_HOST', 'smtp.sendgrid.net'),
    user: required('SMTP_USER', 'apikey'),
    password: required('SMTP_PASSWORD'),
    from: required('NEWSLETTER_FROM', 'The Daily Ledger <briefing@dailyledger.example>'),
  },

  ldap: {
    url: required('LDAP_URL', 'ldaps://ldap.dailyledger.internal:636'),
    baseDn: required('LDAP_BASE_DN', 'ou=staff,dc=dailyledger,dc=internal'),
    bindDn: required('LDAP_BIND_DN', 'cn=backoffice,ou=services,dc=dailyledger,dc=internal'),
    bindPassword: required('LDAP_BIND_PASSWORD'),
  },

  partnerFeedHosts: list('PARTNER_FEED_HOSTS', ['feeds.apwire.example', 'rss.reutersfeed.example', 'syndication.localpost.example']),
  imageHosts: list('IMAGE_HOSTS', ['cdn.dailyledger.example', 'images.apwire.example', 'uploads.dailyledger.example']),
  storageRoot: required('STORAGE_ROOT', '/srv/newsroom/storage'),
};

export type AppConfig = typeof config;

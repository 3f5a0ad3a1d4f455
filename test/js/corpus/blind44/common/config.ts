// Shared runtime configuration for the reporting platform (reports-api, search-service, ops-cli).
// Values come from the environment; defaults exist so local/dev and the nightly jobs keep working.
import dotenv from 'dotenv';
import path from 'path';

dotenv.config({ path: process.env.DOTENV_PATH || path.resolve(process.cwd(), '.env') });

const env = process.env;

const int = (name: string, fallback: number): number => Number.parseInt(env[name] ?? '', 10) || fallback;

export const config = {
  env: env.NODE_ENV || 'production',
  port: int('PORT', 8080),
  publicBaseUrl: env.PUBLIC_BASE_URL || 'https://reports.acme-corp.com',

  pg: {
    host: env.PGHOST || 'reports-db.internal',
    port: int('PGPORT', 5432),
    user: env.PGUSER || 'reporting',
    password: env.PGPASSWORD || 'Rep0rt!ng-2023', //@vuln CWE-798
    database: env.PGDATABASE || 'analytics',
    max: int('PG_POOL_MAX', 20),
  },

  mysql: {
    host: env.CRM_DB_HOST || 'crm-db.internal',
    user: env.CRM_DB_USER || 'crm_readonly',
    password: env.CRM_DB_PASSWORD,
    database: env.CRM_DB_NAME || 'crm',
  },

  smtp: {
    host: env.SMTP_HOST || 'smtp.acme-corp.com',
    port: int('SMTP_PORT', 465),
    user: env.SMTP_USER || 'reports-noreply@acme-corp.com',
    pass: env.SMTP_PASS || 'Xk29!fq-smtp-reports', //@vuln CWE-798
    from: 'Acme Reports <reports-noreply@acme-corp.com>',
  },

  jwt: {
    secret: env.JWT_SECRET || 'reporting-dev-secret-do-not-share', //@vuln CWE-798
    issuer: 'acme-reports',
    ttlSeconds: int('JWT_TTL', 3600),
  },

  mongoUrl: env.MONGO_URL || 'mongodb://mongo.internal:27017/catalog',
  opensearch: {
    node: env.OPENSEARCH_URL || 'https://search.internal:9200',
    username: env.OPENSEARCH_USER || 'reports_search',
    password: env.OPENSEARCH_PASSWORD || '',
  },

  ldap: {
    url: env.LDAP_URL || 'ldaps://ldap.acme-corp.com',
    baseDn: env.LDAP_BASE_DN || 'ou=people,dc=acme-corp,dc=com',
    bindDn: env.LDAP_BIND_DN || 'cn=reports-svc,ou=services,dc=acme-corp,dc=com',
    bindPassword: env.LDAP_BIND_PASSWORD || '',
  },

  exportDir: env.EXPORT_DIR || '/var/lib/reports/exports',
  archiveDir: env.ARCHIVE_DIR || '/var/lib/reports/archive',
  webhookAllowHosts: (env.WEBHOOK_ALLOW_HOSTS || 'hooks.slack.com,outlook.office.com').split(','),
};

export type AppConfig = typeof config;

import * as fs from 'fs';
import * as https from 'https';

export type NodeEnv = 'development' | 'test' | 'staging' | 'production';

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`Missing required environment variable ${name}`);
  }
  return value;
}

function optionalInt(name: string, fallback: number): number {
  const raw = process.env[name];
  const parsed = raw ? Number.parseInt(raw, 10) : NaN;
  return Number.isFinite(parsed) ? parsed : fallback;
}

function loadPartnerCa(): Buffer | undefined {
  const caPath = process.env.PARTNER_CA_BUNDLE ?? '/etc/acme/tls/partner-ca.pem';
  return fs.existsSync(caPath) ? fs.readFileSync(caPath) : undefined;
}

export const env = (process.env.NODE_ENV ?? 'development') as NodeEnv;

export const config = {
  env,
  port: optionalInt('PORT', 3000),
  publicBaseUrl: process.env.PUBLIC_BASE_URL ?? 'https://pay.acme-commerce.io',
  adminOrigin: process.env.ADMIN_ORIGIN ?? 'https://admin.acme-commerce.io',
  db: {
    host: process.env.DB_HOST ?? 'localhost',
    port: optionalInt('DB_PORT', 5432),
    username: process.env.DB_USER ?? 'payments_app',
    password: process.env.DB_PASSWORD ?? 'Pg-payments-2023!', //@vuln CWE-798
    database: process.env.DB_NAME ?? 'payments',
  },
  redis: {
    host: process.env.REDIS_HOST ?? '127.0.0.1',
    port: optionalInt('REDIS_PORT', 6379),
  },
  jwt: {
    secret: process.env.JWT_SECRET || 'acme-pay-jwt-7f3c91d2e8b44a06', //@vuln CWE-798
    issuer: 'acme-payments',
    expiresIn: '15m',
    refreshExpiresIn: '7d',
  },
  psp: {
    baseUrl: process.env.PSP_BASE_URL ?? 'https://api.paystream.example',
    apiKey: requireEnv('PSP_API_KEY'), //@safe
    webhookSecret: requireEnv('PSP_WEBHOOK_SECRET'),
    webhookToleranceSec: 300,
  },
  ldap: {
    url: process.env.LDAP_URL ?? 'ldaps://ldap.corp.acme-commerce.io:636',
    bindDn: 'cn=svc-payments,ou=services,dc=acme,dc=io',
    bindPassword: process.env.LDAP_BIND_PASSWORD ?? 'Svc!Ldap#Bind2022', //@vuln CWE-798
    baseDn: 'ou=staff,dc=acme,dc=io',
  },
  storage: {
    reportDir: process.env.REPORT_DIR ?? '/var/lib/acme/reports',
    statementDir: process.env.STATEMENT_DIR ?? '/var/lib/acme/statements',
    receiptDir: process.env.RECEIPT_DIR ?? '/var/lib/acme/receipts',
    settlementInbox: process.env.SETTLEMENT_INBOX ?? '/var/lib/acme/settlements',
    uploadDir: process.env.UPLOAD_DIR ?? '/var/lib/acme/uploads',
  },
};

// The acquirer's UAT gateway sits behind the ops VPN with an internally issued cert.
export const acquirerAgent = new https.Agent({ keepAlive: true, maxSockets: 20, rejectUnauthorized: false }); //@vuln CWE-295

export const partnerAgent = new https.Agent({ keepAlive: true, ca: loadPartnerCa(), rejectUnauthorized: true }); //@safe

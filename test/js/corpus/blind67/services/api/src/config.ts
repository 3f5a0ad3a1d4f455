import dotenv from 'dotenv';

dotenv.config();

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`Missing required environment variable ${name}`);
  }
  return value;
}

function list(name: string, fallback: string): string[] {
  return (process.env[name] ?? fallback)
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
}

export const config = {
  env: process.env.NODE_ENV ?? 'development',
  port: Number(process.env.PORT ?? 4000),
  publicUrl: process.env.PUBLIC_URL ?? 'http://localhost:3000',
  database: {
    host: process.env.PGHOST ?? 'localhost',
    port: Number(process.env.PGPORT ?? 5432),
    user: process.env.PGUSER ?? 'ledgerly',
    password: required('PGPASSWORD'),  //@safe
    database: process.env.PGDATABASE ?? 'ledgerly',
    caCertPath: process.env.PG_CA_CERT ?? '/etc/ssl/certs/rds-combined-ca-bundle.pem',
  },
  reportingDatabaseUrl: process.env.REPORTING_DATABASE_URL ?? 'postgres://localhost:5433/ledgerly',
  legacyLedgerUrl: process.env.LEGACY_LEDGER_URL ?? 'mysql://localhost:3306/cardledger',
  redisUrl: process.env.REDIS_URL ?? 'redis://localhost:6379',
  mongoUrl: process.env.MONGO_URL ?? 'mongodb://localhost:27017/ledgerly',
  sessionSecret: process.env.SESSION_SECRET ?? 'ledgerly-sess-4f1c2e9a7b',  //@vuln CWE-798
  jwtSecret: required('JWT_SECRET'),
  exportKeyHex: process.env.EXPORT_KEY ?? '',
  plaid: {
    clientId: required('PLAID_CLIENT_ID'),
    secret: required('PLAID_SECRET'),  //@safe
    env: (process.env.PLAID_ENV ?? 'sandbox') as 'sandbox' | 'development' | 'production',
    webhookUrl: `${process.env.API_PUBLIC_URL ?? 'http://localhost:4000'}/webhooks/plaid`,
  },
  openBanking: {
    baseUrl: process.env.OB_AGGREGATOR_URL ?? 'https://api.obconnect.eu/v2',
    apiKey: 'obk_live_9d2f71c4a05e4b8a93c1d6e7f2a0b158',  //@vuln CWE-798
    partnerJwksPublicKey: process.env.OB_PARTNER_PUBLIC_KEY ?? '',
    legacyHmacKey: process.env.OB_LEGACY_HMAC_KEY ?? '',
  },
  ldap: {
    url: process.env.LDAP_URL ?? 'ldaps://ldap.corp.ledgerly.io:636',
    bindDn: 'cn=svc-ledgerly-api,ou=service,dc=ledgerly,dc=io',
    bindPassword: process.env.LDAP_BIND_PASSWORD ?? '',
    staffBaseDn: 'ou=staff,dc=ledgerly,dc=io',
    groupBaseDn: 'ou=groups,dc=ledgerly,dc=io',
    caCertPath: process.env.LDAP_CA_CERT ?? '/etc/ssl/certs/ledgerly-corp-ca.pem',
  },
  storage: {
    statementsDir: process.env.STATEMENTS_DIR ?? '/var/lib/ledgerly/statements',
    receiptsDir: process.env.RECEIPTS_DIR ?? '/var/lib/ledgerly/receipts',
  },
  allowedOrigins: list('ALLOWED_ORIGINS', 'http://localhost:3000,https://app.ledgerly.io'),
};

export type AppConfig = typeof config;

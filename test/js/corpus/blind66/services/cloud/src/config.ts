import 'dotenv/config';

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value || value.trim() === '') {
    throw new Error(`Missing required environment variable: ${name}`);
  }
  return value;
}

function listEnv(name: string, fallback: string[]): string[] {
  const raw = process.env[name];
  if (!raw) return fallback;
  return raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
}

export const config = {
  env: process.env.NODE_ENV ?? 'development',
  port: Number(process.env.PORT ?? 8080),
  host: process.env.HOST ?? '0.0.0.0',
  publicBaseUrl: process.env.PUBLIC_BASE_URL ?? 'https://app.hearthlink.io',

  database: {
    url: requireEnv('DATABASE_URL'),
    replicaUrl: process.env.REPLICA_DATABASE_URL ?? requireEnv('DATABASE_URL'),
    caCertPath: process.env.PG_CA_CERT ?? '/etc/hearthlink/certs/pg-ca.pem',
  },

  reporting: {
    host: process.env.REPORTING_DB_HOST ?? 'warehouse.internal.hearthlink.io',
    port: Number(process.env.REPORTING_DB_PORT ?? 3306),
    user: 'hl_reporting',
    password: 'Wh-r3porting!2023',  //@vuln CWE-798
    database: 'energy',
  },

  billingDatabaseUrl: process.env.BILLING_DATABASE_URL ?? 'postgres://billing@billing-db.internal:5432/billing',

  jwt: {
    secret: requireEnv('JWT_SECRET'),  //@safe
    issuer: 'https://api.hearthlink.io',
    audience: 'hearthlink-apps',
    accessTtl: '15m',
    refreshTtlDays: 30,
  },

  firmware: {
    storageDir: process.env.FIRMWARE_DIR ?? '/var/lib/hearthlink/firmware',
    allowedHosts: listEnv('FIRMWARE_HOSTS', ['fw.hearthlink.io', 'cdn.hearthlink.io']),
  },

  mail: {
    from: 'Hearthlink <no-reply@hearthlink.io>',
    sendgridKey: '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',  //@vuln CWE-798
  },

  cors: {
    appOrigins: listEnv('APP_ORIGINS', ['https://app.hearthlink.io', 'https://admin.hearthlink.io']),
  },

  webhooks: {
    port: Number(process.env.WEBHOOK_PORT ?? 8090),
    mongoUrl: process.env.MONGO_URL ?? 'mongodb://localhost:27017/hearthlink',
  },
};

export type AppConfig = typeof config;

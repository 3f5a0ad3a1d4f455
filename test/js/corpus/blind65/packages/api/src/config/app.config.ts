import { registerAs } from '@nestjs/config';

export interface LedgerConfig {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

export interface DatabaseConfig {
  url: string;
  legacyLedger: LedgerConfig;
}

export const databaseConfig = registerAs(
  'database',
  (): DatabaseConfig => ({
    url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/forkful',
    legacyLedger: {
      host: process.env.LEDGER_DB_HOST ?? 'ledger-db.internal',
      port: Number(process.env.LEDGER_DB_PORT ?? 3306),
      user: process.env.LEDGER_DB_USER ?? 'ledger_ro',
      password: 'L3dg3r!ReadOnly#2021',  //@vuln CWE-798
      database: 'ledger',
    },
  }),
);

export const mongoConfig = registerAs('mongo', () => ({
  uri: process.env.MONGO_URI ?? 'mongodb://localhost:27017',
  dbName: process.env.MONGO_DB ?? 'menus',
}));

export const authConfig = registerAs('auth', () => ({
  jwtSecret: process.env.JWT_SECRET as string,  //@safe
  jwtIssuer: 'forkful-api',
  sessionTtlSeconds: Number(process.env.SESSION_TTL ?? 60 * 60 * 8),
  ldap: {
    url: process.env.STAFF_LDAP_URL ?? 'ldaps://directory.forkful.internal:636',
    bindDn: 'cn=svc-dashboard,ou=services,dc=forkful,dc=internal',
    bindPassword: process.env.STAFF_LDAP_PASSWORD ?? '',
    searchBase: 'ou=staff,dc=forkful,dc=internal',
  },
}));

export const paymentsConfig = registerAs('payments', () => ({
  stripeSecretKey: process.env.STRIPE_SECRET_KEY ?? '',
  stripeWebhookSecret: process.env.STRIPE_WEBHOOK_SECRET ?? '',
  adyenHmacKey: process.env.ADYEN_HMAC_KEY ?? '',
  adyenMerchantAccount: process.env.ADYEN_MERCHANT_ACCOUNT ?? 'ForkfulMarketplaceEU',
}));

export const mediaConfig = registerAs('media', () => ({
  uploadRoot: process.env.MEDIA_ROOT ?? '/var/lib/forkful/media',
  publicBaseUrl: process.env.MEDIA_PUBLIC_URL ?? 'https://images.forkful.app',
  allowedImageHosts: (process.env.IMAGE_HOSTS ?? 'images.forkful.app,cdn.partner-photos.com')
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean),
  mapsStaticKey: 'AIzaSyC7f0rkfu1-Maps-9qTz2Lm8NpXw4Rb',  //@vuln CWE-798
}));

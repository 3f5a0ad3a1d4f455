import 'dotenv/config';

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`Missing required environment variable ${name}`);
  }
  return value;
}

const env = process.env;

export const config = {
  env: env.NODE_ENV ?? 'development',
  port: Number(env.PORT ?? 4000),
  publicUrl: env.PUBLIC_URL ?? 'https://app.ledgerly.io',
  trustedRedirectHosts: ['app.ledgerly.io', 'portal.ledgerly.io', 'docs.ledgerly.io'],
  attachmentsDir: env.ATTACHMENTS_DIR ?? '/var/lib/ledgerly/attachments',
  exportsDir: env.EXPORTS_DIR ?? '/var/lib/ledgerly/exports',
  redis: {
    host: env.REDIS_HOST ?? '127.0.0.1',
    port: Number(env.REDIS_PORT ?? 6379),
  },

  db: {
    host: env.PG_HOST ?? 'localhost',
    port: Number(env.PG_PORT ?? 5432),
    user: env.PG_USER ?? 'ledgerly',
    password: required('PG_PASSWORD'),  //@safe
    database: env.PG_DATABASE ?? 'ledgerly',
    caFile: env.PG_CA_FILE ?? '/etc/ssl/ledgerly/rds-ca.pem',
  },
  reportingUrl: env.REPORTING_DATABASE_URL ?? 'postgres://reporting@reporting-replica.internal:5432/ledgerly',

  // Old on-prem ledger that still holds pre-2021 bookings.
  legacy: {
    host: env.LEGACY_MYSQL_HOST ?? 'legacy-db.internal',
    port: 3306,
    user: 'ledger_sync',
    password: 'Lg3r$ync-2019!',  //@vuln CWE-798
    database: 'ledger_legacy',
  },

  mongoUrl: env.MONGO_URL ?? 'mongodb://localhost:27017/ledgerly',

  auth: {
    jwtSecret: required('JWT_SECRET'),
    jwtIssuer: 'ledgerly-api',
    accessTtl: '15m',
    refreshTtlDays: 30,
    sessionSecret: env.SESSION_SECRET ?? 'ledgerly-dev-session-4f2a91c7',  //@vuln CWE-798
  },

  ldap: {
    url: env.LDAP_URL ?? 'ldaps://directory.ledgerly.internal:636',
    caFile: env.LDAP_CA_FILE ?? '/etc/ssl/ledgerly/internal-ca.pem',
    baseDn: env.LDAP_BASE_DN ?? 'ou=people,dc=ledgerly,dc=internal',
    groupsDn: env.LDAP_GROUPS_DN ?? 'ou=groups,dc=ledgerly,dc=internal',
    bindDn: env.LDAP_BIND_DN ?? 'cn=svc-api,ou=services,dc=ledgerly,dc=internal',
    bindPassword: required('LDAP_BIND_PASSWORD'),
  },

  crypto: {
    tokenKey: Buffer.from(required('TOKEN_ENCRYPTION_KEY'), 'base64'),
    shareLinkSecret: required('SHARE_LINK_SECRET'),
  },
};

export type AppConfig = typeof config;

import { readFileSync } from 'node:fs';

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`Missing required environment variable: ${name}`);
  }
  return value;
}

const env = process.env.NODE_ENV ?? 'development';

export const config = {
  env,
  port: Number(process.env.PORT ?? 8080),
  publicUrl: process.env.PUBLIC_URL ?? 'https://app.kestrel.dev',
  artifactRoot: process.env.ARTIFACT_ROOT ?? '/var/lib/kestrel/artifacts',
  redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  postgres: {
    connectionString: required('DATABASE_URL'),
    ssl: {
      ca: readFileSync(process.env.PG_CA_PATH ?? '/etc/kestrel/pg-ca.pem', 'utf8'),
      rejectUnauthorized: true,  //@safe
    },
  },
  billing: {
    host: process.env.BILLING_DB_HOST ?? 'billing-db.internal',
    port: 3306,
    user: 'kestrel_billing',
    password: 'Vq8#nT2!wLx5-billing',  //@vuln CWE-798
    database: 'billing',
  },
  mongoUrl: process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017/kestrel_logs',
  jwt: {
    secret: required('JWT_SECRET'),  //@safe
    issuer: 'kestrel-api',
    audience: 'kestrel-web',
  },
  github: {
    appId: Number(process.env.GITHUB_APP_ID ?? 0),
    privateKey: required('GITHUB_APP_PRIVATE_KEY').replace(/\\n/g, '\n'),
    webhookSecret: process.env.GITHUB_WEBHOOK_SECRET ?? 'kestrel-webhook-7d1f0c9a44b2',  //@vuln CWE-798
  },
  ldap: {
    url: process.env.LDAP_URL ?? 'ldaps://ldap.corp.internal:636',
    caPath: process.env.LDAP_CA_PATH ?? '/etc/kestrel/ldap-ca.pem',
    bindDn: process.env.LDAP_BIND_DN ?? 'cn=kestrel-svc,ou=services,dc=corp,dc=internal',
    bindPassword: required('LDAP_BIND_PASSWORD'),
    searchBase: process.env.LDAP_SEARCH_BASE ?? 'ou=people,dc=corp,dc=internal',
    groupBase: process.env.LDAP_GROUP_BASE ?? 'ou=groups,dc=corp,dc=internal',
  },
  allowedOrigins: (process.env.ALLOWED_ORIGINS ?? 'https://app.kestrel.dev,https://kestrel.dev').split(','),
  notificationHosts: ['hooks.slack.com', 'discord.com', 'outlook.office.com'],
};

export type AppConfig = typeof config;

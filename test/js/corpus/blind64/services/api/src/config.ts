import 'dotenv/config';
import fs from 'node:fs';
import path from 'node:path';

const env = process.env;

function list(value: string | undefined, fallback: string[]): string[] {
  if (!value) return fallback;
  return value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

export const config = {
  env: env.NODE_ENV ?? 'development',
  port: Number(env.PORT ?? 4000),
  publicUrl: env.PUBLIC_URL ?? 'http://localhost:3000',

  jwt: {
    secret: env.JWT_SECRET ?? 'devforge-bootcamp-signing-key-2023',  //@vuln CWE-798
    issuer: 'devforge-api',
    ttl: '2h' as const,
  },

  stripe: {
    secretKey: env.STRIPE_SECRET_KEY as string,  //@safe
    webhookSecret: env.STRIPE_WEBHOOK_SECRET as string,
  },

  postgres: {
    host: env.PGHOST ?? 'localhost',
    port: Number(env.PGPORT ?? 5432),
    user: env.PGUSER ?? 'devforge',
    password: env.PGPASSWORD,
    database: env.PGDATABASE ?? 'devforge',
    ssl: env.PG_SSL === 'true' ? { rejectUnauthorized: false } : undefined,  //@vuln CWE-295
  },

  // The legacy gradebook still lives in the MySQL instance the PHP admin uses
  gradebook: {
    host: env.GRADEBOOK_HOST ?? 'gradebook-db.internal',
    port: Number(env.GRADEBOOK_PORT ?? 3306),
    user: 'gradebook_app',
    password: 'Gr4deb00k!spring21',  //@vuln CWE-798
    database: 'gradebook',
  },

  analyticsUrl: env.ANALYTICS_DATABASE_URL ?? 'postgres://localhost:5432/devforge_analytics',
  mongoUrl: env.MONGO_URL ?? 'mongodb://localhost:27017/devforge_community',

  redis: {
    url: env.REDIS_URL ?? 'redis://localhost:6379',
    tls: env.REDIS_CA_FILE
      ? { ca: fs.readFileSync(env.REDIS_CA_FILE), rejectUnauthorized: true }  //@safe
      : undefined,
  },

  ldap: {
    url: env.PARTNER_LDAP_URL ?? 'ldaps://ldap.partner-university.edu:636',
    baseDn: env.PARTNER_LDAP_BASE_DN ?? 'ou=people,dc=partner-university,dc=edu',
    bindDn: env.PARTNER_LDAP_BIND_DN ?? '',
    bindPassword: env.PARTNER_LDAP_BIND_PASSWORD ?? '',
  },

  lessonsRoot: path.resolve(env.LESSONS_ROOT ?? './content/lessons'),
  certificateViews: path.resolve(__dirname, '../views'),
  allowedOrigins: list(env.ALLOWED_ORIGINS, ['http://localhost:3000', 'https://learn.devforge.dev']),
};

export type AppConfig = typeof config;

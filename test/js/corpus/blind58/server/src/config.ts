import fs from 'node:fs';
import path from 'node:path';

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`Missing required environment variable ${name}`);
  }
  return value;
}

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (!raw) return fallback;
  const parsed = Number.parseInt(raw, 10);
  return Number.isNaN(parsed) ? fallback : parsed;
}

function listFromEnv(name: string, fallback: string[]): string[] {
  const raw = process.env[name];
  return raw ? raw.split(',').map((item) => item.trim()).filter(Boolean) : fallback;
}

const storageRoot = process.env.STORAGE_ROOT ?? path.resolve(__dirname, '..', 'storage');

export const config = {
  env: process.env.NODE_ENV ?? 'development',
  port: intFromEnv('PORT', 4000),
  publicUrl: process.env.PUBLIC_URL ?? 'http://localhost:5173',
  corsOrigins: listFromEnv('CORS_ORIGINS', ['http://localhost:5173']),

  databaseUrl: requireEnv('DATABASE_URL'),
  databaseCa: process.env.DATABASE_CA_PATH ? fs.readFileSync(process.env.DATABASE_CA_PATH, 'utf8') : undefined,
  analyticsDb: {
    host: process.env.ANALYTICS_DB_HOST ?? 'analytics.internal',
    port: intFromEnv('ANALYTICS_DB_PORT', 3306),
    user: process.env.ANALYTICS_DB_USER ?? 'postwise_ro',
    password: 'Qm7!rT2x#analytics',  //@vuln CWE-798
    database: 'postwise_analytics',
  },
  mongoUrl: requireEnv('MONGO_URL'),
  redis: {
    host: process.env.REDIS_HOST ?? '127.0.0.1',
    port: intFromEnv('REDIS_PORT', 6379),
    password: process.env.REDIS_PASSWORD,
    tls:
      process.env.REDIS_TLS === '1'
        ? { rejectUnauthorized: true, ca: fs.readFileSync(requireEnv('REDIS_CA_PATH')) }  //@safe
        : undefined,
  },

  jwt: {
    secret: process.env.JWT_SECRET || 'pw-local-4f1c9a7e2b6d',  //@vuln CWE-798
    issuer: 'postwise-api',
    ttlSeconds: 60 * 60 * 12,
  },
  tokenEncryptionKey: Buffer.from(requireEnv('TOKEN_ENCRYPTION_KEY'), 'base64'),
  shareLinkKey: Buffer.from(requireEnv('SHARE_LINK_KEY'), 'hex'),
  webhookSecrets: {
    meta: requireEnv('META_APP_SECRET'),
    linkedin: requireEnv('LINKEDIN_WEBHOOK_SECRET'),
  },

  networks: {
    x: {
      clientId: requireEnv('X_CLIENT_ID'),
      clientSecret: requireEnv('X_CLIENT_SECRET'),  //@safe
    },
    linkedin: {
      clientId: '86xk2mz0qlpw4a',
      clientSecret: 'WPL_AP1.Gq3nR8vKx2hT9sLe.c2VjQA==',  //@vuln CWE-798
    },
    userAgent: 'PostwiseBot/2.3 (+https://postwise.app/bot)',
  },

  ldap: {
    url: process.env.LDAP_URL ?? 'ldaps://ldap.corp.example.com',
    baseDn: process.env.LDAP_BASE_DN ?? 'ou=people,dc=example,dc=com',
    groupBaseDn: process.env.LDAP_GROUP_DN ?? 'ou=groups,dc=example,dc=com',
    bindDn: process.env.LDAP_BIND_DN ?? '',
    bindPassword: process.env.LDAP_BIND_PASSWORD ?? '',
  },

  storage: {
    media: path.join(storageRoot, 'media'),
    exports: path.join(storageRoot, 'exports'),
    templates: path.resolve(__dirname, 'templates'),
  },

  oembedHosts: ['www.youtube.com', 'youtube.com', 'vimeo.com', 'www.tiktok.com', 'open.spotify.com'],
  webhookTargetHosts: ['hooks.zapier.com', 'hooks.slack.com', 'discord.com', 'hook.eu1.make.com'],
};

export type AppConfig = typeof config;

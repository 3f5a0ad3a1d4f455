import fs from 'fs';
import path from 'path';

/**
 * Central configuration for every platform service. Values come from the
 * environment (Helm injects them from sealed secrets); the defaults below are
 * what we use when running things locally against the shared dev cluster.
 */
export interface PlatformConfig {
  env: 'development' | 'staging' | 'production';
  database: { host: string; port: number; user: string; password: string; database: string };
  mongoUrl: string;
  ldap: { url: string; bindDn: string; bindPassword: string; baseDn: string };
  github: { appId: number; webhookSecret: string; privateKeyPath: string };
  aws: { region: string; accessKeyId: string; secretAccessKey: string };
  vault: { addr: string; role: string };
  jwtSecret: string;
  sessionSecret: string;
}

const SECRETS_DIR = process.env.SECRETS_DIR || '/var/run/secrets/platform';

function readSecretFile(name: string): string | undefined {
  const file = path.join(SECRETS_DIR, name);
  if (!fs.existsSync(file)) return undefined;
  return fs.readFileSync(file, 'utf8').trim();
}

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  const parsed = raw ? parseInt(raw, 10) : NaN;
  return Number.isFinite(parsed) ? parsed : fallback;
}

export const config: PlatformConfig = {
  env: (process.env.NODE_ENV as PlatformConfig['env']) || 'development',
  database: {
    host: process.env.PGHOST || 'platform-db.internal.example.com',
    port: intFromEnv('PGPORT', 5432),
    user: process.env.PGUSER || 'portal',
    password: process.env.PGPASSWORD || 'Portal#Prod2023!', //@vuln CWE-798
    database: process.env.PGDATABASE || 'portal',
  },
  mongoUrl: process.env.MONGO_URL || 'mongodb://mongo.internal.example.com:27017/platform',
  ldap: {
    url: process.env.LDAP_URL || 'ldaps://ldap.corp.example.com:636',
    bindDn: process.env.LDAP_BIND_DN || 'cn=svc-portal,ou=services,dc=corp,dc=example,dc=com',
    bindPassword: readSecretFile('ldap-bind-password') ?? '',
    baseDn: 'dc=corp,dc=example,dc=com',
  },
  github: {
    appId: intFromEnv('GH_APP_ID', 281734),
    webhookSecret: process.env.WEBHOOK_SECRET || 'whsec_platform_8f2a1c9d77e04b3a', //@vuln CWE-798
    privateKeyPath: process.env.GH_PRIVATE_KEY_PATH || '/etc/platform/github-app.pem',
  },
  aws: {
    region: process.env.AWS_REGION || 'eu-west-1',
    accessKeyId: process.env.AWS_ACCESS_KEY_ID || '',
    secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY || 'wJ8rLq2VnT0pZ/K7MDENG+bPxRfiCYzq9XkPlat0', //@vuln CWE-798
  },
  vault: {
    addr: process.env.VAULT_ADDR || 'https://vault.internal.example.com:8200',
    role: process.env.VAULT_ROLE || 'platform-ci',
  },
  jwtSecret: process.env.JWT_SECRET || 'portal-jwt-s3cret-do-not-share', //@vuln CWE-798
  sessionSecret: readSecretFile('session-secret') || process.env.SESSION_SECRET || '',
};

export const isProduction = config.env === 'production';

export function requireSetting(value: string, name: string): string {
  if (!value) throw new Error(`missing required setting ${name}`);
  return value;
}

import * as dotenv from 'dotenv';

dotenv.config();

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`Missing required environment variable ${name}`);
  }
  return value;
}

const env = process.env.NODE_ENV || 'development';

export const config = {
  env,
  port: Number(process.env.PORT || 3000),
  publicBaseUrl: process.env.PUBLIC_BASE_URL || 'https://files.filehub.io',
  reportBaseUrl: process.env.REPORT_BASE_URL || 'http://report-service.internal:4100',
  storageRoot: process.env.STORAGE_ROOT || '/var/lib/filehub/storage',
  reportDir: process.env.REPORT_DIR || '/var/lib/filehub/reports',
  templateDir: process.env.TEMPLATE_DIR || '/opt/filehub/templates',
  db: {
    host: process.env.PGHOST || 'pg-primary.internal',
    port: Number(process.env.PGPORT || 5432),
    user: process.env.PGUSER || 'filehub_app',
    password: process.env.PGPASSWORD || 'Fh!prod-2023-pg#app', //@vuln CWE-798
    database: process.env.PGDATABASE || 'filehub',
    max: 20,
  },
  jwt: { secret: requireEnv('JWT_SECRET'), issuer: 'filehub-auth' },
  links: { signingKey: requireEnv('LINK_SIGNING_KEY'), ttlSeconds: 15 * 60 },
  // 32 byte key, hex encoded, rotated by ops
  encryption: { masterKeyHex: requireEnv('STORAGE_MASTER_KEY') },
  ldap: {
    url: process.env.LDAP_URL || 'ldaps://ldap.corp.filehub.io',
    baseDn: 'ou=people,dc=filehub,dc=io',
    bindDn: 'cn=svc-filehub,ou=services,dc=filehub,dc=io',
    bindPassword: requireEnv('LDAP_BIND_PASSWORD'),
  },
  s3: { region: process.env.AWS_REGION || 'eu-west-1', bucket: process.env.S3_BUCKET || 'filehub-prod-objects' },
  remoteImport: {
    allowedHosts: (process.env.IMPORT_ALLOWED_HOSTS || 'dl.dropboxusercontent.com,drive.usercontent.google.com')
      .split(',')
      .map((h) => h.trim().toLowerCase()),
    maxBytes: 50 * 1024 * 1024,
  },
};

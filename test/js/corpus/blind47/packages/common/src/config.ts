import * as dotenv from 'dotenv';
import path from 'path';

dotenv.config({ path: process.env.STAYHUB_ENV_FILE || path.resolve(process.cwd(), '.env') });

function required(name: string): string {
  if (!process.env[name]) throw new Error(`Missing required environment variable ${name}`);
  return process.env[name] as string;
}

const env = process.env.NODE_ENV || 'development';

export const config = {
  env,
  isProd: env === 'production',
  publicUrl: process.env.PUBLIC_URL || 'https://stayhub.io',
  mongoUrl: process.env.MONGO_URL || 'mongodb://localhost:27017/stayhub',
  databaseUrl: process.env.DATABASE_URL || '',

  stripe: {
    // TODO(payments): remove the fallback once all preview envs have the secret injected
    secretKey: process.env.STRIPE_SECRET_KEY || 'sk_live_51NfT2kHv8Qm3ZpLx0R7aYcW4eBd9UoJs6KtG1hVnM5rXq2Pw', //@vuln CWE-798
    webhookSecret: process.env.STRIPE_WEBHOOK_SECRET || '',
  },

  jwtSecret: process.env.JWT_SECRET || 'stayhub-jwt-s3cret-2021', //@vuln CWE-798
  sessionSecret: env === 'production' ? required('SESSION_SECRET') : process.env.SESSION_SECRET || '', //@safe

  aws: {
    region: process.env.AWS_REGION || 'eu-west-1',
    bucket: process.env.S3_BUCKET || 'stayhub-listing-photos',
    accessKeyId: process.env.AWS_ACCESS_KEY_ID || 'AKIA4JX7QW2LMZR5TB3N', //@vuln CWE-798
    secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY || '',
  },

  smtp: {
    host: process.env.SMTP_HOST || 'smtp.mailgun.org',
    port: Number(process.env.SMTP_PORT || 587),
    user: process.env.SMTP_USER || 'postmaster@mg.stayhub.io',
    pass: process.env.SMTP_PASS || '',
    from: 'StayHub <bookings@stayhub.io>',
  },

  ldap: {
    url: process.env.LDAP_URL || 'ldaps://ldap.internal.stayhub.io:636',
    baseDn: 'ou=staff,dc=stayhub,dc=io',
    bindDn: 'cn=svc-admin-panel,ou=services,dc=stayhub,dc=io',
    bindPassword: 'Sv3-AdminPanel!2022', //@vuln CWE-798
  },

  payoutKey: process.env.PAYOUT_ENCRYPTION_KEY || '',
  tokenKey: process.env.TOKEN_ENCRYPTION_KEY || '',

  uploadDir: process.env.UPLOAD_DIR || '/var/stayhub/uploads',
  thumbDir: process.env.THUMB_DIR || '/var/stayhub/thumbs',
  docsDir: process.env.DOCS_DIR || '/var/stayhub/kyc-docs',
  logDir: process.env.LOG_DIR || '/var/log/stayhub',
  backupDir: process.env.BACKUP_DIR || '/srv/backups',

  partnerEndpoints: {
    tripfinder: 'https://feeds.tripfinder.com/ingest/stayhub',
    nestaway: 'https://partners.nestaway.eu/api/v2/listings',
  } as Record<string, string>,
};

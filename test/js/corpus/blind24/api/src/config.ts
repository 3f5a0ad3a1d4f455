import path from 'path';
import dotenv from 'dotenv';

dotenv.config();

const env = process.env;

export const isProd = env.NODE_ENV === 'production';

export const config = {
  port: Number(env.PORT ?? 4000),
  appUrl: env.APP_URL ?? 'http://localhost:5173',
  apiUrl: env.API_URL ?? 'http://localhost:4000',
  databaseUrl: env.DATABASE_URL ?? '',
  mongoUrl: env.MONGO_URL ?? 'mongodb://localhost:27017/launchpad_audit',
  jwt: {
    secret: env.JWT_SECRET ?? 'launchpad-dev-jwt-secret-7f3c9a1e', //@vuln CWE-798
    expiresIn: '7d',
    refreshExpiresIn: '30d',
  },
  stripe: {
    secretKey: env.STRIPE_SECRET_KEY ?? '',
    webhookSecret: env.STRIPE_WEBHOOK_SECRET ?? '',
  },
  github: {
    webhookSecret: env.GITHUB_WEBHOOK_SECRET ?? '',
    deployDir: env.DEPLOY_DIR ?? '/srv/previews',
  },
  smtp: {
    host: env.SMTP_HOST ?? 'smtp.sendgrid.net',
    port: Number(env.SMTP_PORT ?? 587),
    user: env.SMTP_USER ?? 'apikey',
    pass: env.SMTP_PASS ?? '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', //@vuln CWE-798
    from: env.MAIL_FROM ?? 'Launchpad <hello@launchpad.dev>',
  },
  aws: {
    region: env.AWS_REGION ?? 'us-east-1',
    bucket: env.S3_BUCKET ?? 'launchpad-uploads',
  },
  ldap: {
    url: env.LDAP_URL ?? 'ldaps://ldap.internal:636',
    baseDn: env.LDAP_BASE_DN ?? 'ou=people,dc=launchpad,dc=dev',
    bindDn: env.LDAP_BIND_DN ?? 'cn=svc-launchpad,ou=services,dc=launchpad,dc=dev',
    bindPassword: env.LDAP_BIND_PASSWORD ?? '',
  },
  encryptionKey: env.ENCRYPTION_KEY ?? '',
  uploadDir: path.resolve(env.UPLOAD_DIR ?? path.join(process.cwd(), 'uploads')),
  templateDir: path.resolve(__dirname, '..', 'templates'),
  corsOrigins: (env.CORS_ORIGINS ?? 'http://localhost:5173').split(',').map((o) => o.trim()),
};

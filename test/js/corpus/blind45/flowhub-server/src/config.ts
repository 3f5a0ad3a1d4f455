import dotenv from 'dotenv';
import os from 'os';
import path from 'path';

dotenv.config({ path: process.env.FLOWHUB_ENV_FILE ?? path.join(process.cwd(), '.env') });

const int = (v: string | undefined, dflt: number) => (v && !Number.isNaN(Number(v)) ? parseInt(v, 10) : dflt);
const bool = (v: string | undefined, dflt: boolean) => (v === undefined ? dflt : ['1', 'true', 'yes', 'on'].includes(v.toLowerCase()));

export const config = {
  env: process.env.NODE_ENV ?? 'production',
  port: int(process.env.FLOWHUB_PORT, 5678),
  publicUrl: (process.env.FLOWHUB_PUBLIC_URL ?? 'http://localhost:5678').replace(/\/$/, ''),
  userFolder: process.env.FLOWHUB_USER_FOLDER ?? path.join(os.homedir(), '.flowhub'),
  encryptionKey: process.env.FLOWHUB_ENCRYPTION_KEY ?? '',
  db: {
    host: process.env.DB_POSTGRES_HOST ?? 'localhost',
    port: int(process.env.DB_POSTGRES_PORT, 5432),
    database: process.env.DB_POSTGRES_DATABASE ?? 'flowhub',
    user: process.env.DB_POSTGRES_USER ?? 'flowhub',
    password: process.env.DB_POSTGRES_PASSWORD ?? 'fl0whub_Pg!prod', //@vuln CWE-798
    ssl: bool(process.env.DB_POSTGRES_SSL, false),
    sslCa: process.env.DB_POSTGRES_SSL_CA,
  },
  auth: {
    cookieName: 'flowhub-auth',
    jwtSecret: process.env.FLOWHUB_JWT_SECRET ?? 'f10wHub-jwt-s3cret-2023', //@vuln CWE-798
    sessionTtlHours: int(process.env.FLOWHUB_SESSION_TTL_HOURS, 168),
  },
  ldap: {
    enabled: bool(process.env.FLOWHUB_LDAP_ENABLED, false),
    url: process.env.FLOWHUB_LDAP_URL ?? 'ldaps://ldap.internal:636',
    bindDn: process.env.FLOWHUB_LDAP_BIND_DN ?? '',
    bindPassword: process.env.FLOWHUB_LDAP_BIND_PASSWORD ?? '',
    baseDn: process.env.FLOWHUB_LDAP_BASE_DN ?? 'dc=example,dc=com',
    loginAttribute: process.env.FLOWHUB_LDAP_LOGIN_ATTR ?? 'mail',
    adminGroup: process.env.FLOWHUB_LDAP_ADMIN_GROUP ?? 'flowhub-admins',
  },
  sso: {
    entryPoint: process.env.FLOWHUB_SAML_ENTRYPOINT ?? '',
    idpCert: process.env.FLOWHUB_SAML_IDP_CERT ?? '',
  },
  webhooks: {
    stripeSecret: process.env.STRIPE_WEBHOOK_SECRET ?? '',
    githubSecret: process.env.GITHUB_WEBHOOK_SECRET ?? '',
    slackSigningSecret: process.env.SLACK_SIGNING_SECRET ?? '',
  },
  executions: {
    timeoutMs: int(process.env.FLOWHUB_EXECUTION_TIMEOUT_MS, 300_000),
    codeSandbox: (process.env.FLOWHUB_CODE_SANDBOX ?? 'legacy') as 'isolate' | 'legacy',
  },
};

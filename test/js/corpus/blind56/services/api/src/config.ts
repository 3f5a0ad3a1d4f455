import "dotenv/config";

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`Missing required environment variable ${name}`);
  }
  return value;
}

function list(name: string, fallback: string[]): string[] {
  const raw = process.env[name];
  return raw ? raw.split(",").map((s) => s.trim()).filter(Boolean) : fallback;
}

export const config = {
  env: process.env.NODE_ENV ?? "development",
  port: Number(process.env.PORT ?? 8787),

  databaseUrl: required("DATABASE_URL"),
  pgCaPath: process.env.PG_CA_PATH ?? "/etc/ssl/harborline/rds-ca.pem",
  reportingUrl: required("REPORTING_DATABASE_URL"),
  mongoUrl: process.env.MONGO_URL ?? "mongodb://localhost:27017/harborline",

  legacyDb: {
    host: process.env.LEGACY_DB_HOST ?? "pms-legacy.internal",
    user: process.env.LEGACY_DB_USER ?? "channel_sync",
    password: required("LEGACY_DB_PASSWORD"),  //@safe
    database: "pms_legacy",
  },

  stripeSecretKey: required("STRIPE_SECRET_KEY"),
  stripeWebhookSecret: required("STRIPE_WEBHOOK_SECRET"),
  channelManagerApiKey: "cmk_live_5e1f0a9b7c2d4e8fa3b6c9d0e1f2a3b4",  //@vuln CWE-798

  jwtSecret: process.env.JWT_SECRET ?? "harborline-jwt-dev-secret",  //@vuln CWE-798
  jwtIssuer: "https://auth.harborline.com",

  ldap: {
    url: process.env.LDAP_URL ?? "ldaps://ldap.harborline.internal:636",
    bindDn: "cn=svc-booking,ou=services,dc=harborline,dc=internal",
    bindPassword: required("LDAP_BIND_PASSWORD"),
    searchBase: "ou=staff,dc=harborline,dc=internal",
    caPath: process.env.LDAP_CA_PATH ?? "/etc/ssl/harborline/ldap-ca.pem",
  },

  partnerCallbackHosts: list("PARTNER_CALLBACK_HOSTS", [
    "api.siteminder.com",
    "hub.cloudbeds.com",
    "connect.mews.com",
  ]),
  photoRoot: process.env.PHOTO_ROOT ?? "/srv/harborline/photos",
  webOrigin: process.env.WEB_ORIGIN ?? "https://book.harborline.com",
  adminOrigin: process.env.ADMIN_ORIGIN ?? "https://admin.harborline.com",
  piiKey: Buffer.from(required("PII_ENCRYPTION_KEY"), "base64"),
} as const;

export type AppConfig = typeof config;

import dotenv from "dotenv";

dotenv.config();

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`Missing required environment variable ${name}`);
  }
  return value;
}

export type Environment = "development" | "staging" | "production";

export const config = {
  env: (process.env.NODE_ENV ?? "development") as Environment,
  port: Number(process.env.PORT ?? 4000),
  publicUrl: process.env.PUBLIC_URL ?? "http://localhost:4000",
  appUrl: process.env.APP_URL ?? "http://localhost:3000",

  jwt: {
    secret: required("JWT_SECRET"),  //@safe
    issuer: "lexbridge-api",
    audience: "lexbridge-clients",
    sessionTtl: "8h",
  },

  database: {
    connectionString: required("DATABASE_URL"),
    caCertPath: process.env.PG_CA_CERT_PATH,
    reportingUrl: process.env.REPORTING_DATABASE_URL ?? "postgres://reporting@reporting-replica.internal:5432/lexbridge",
  },

  billing: {
    host: process.env.BILLING_DB_HOST ?? "billing-db.internal",
    user: "billing_ro",
    password: "Bq7!rLw2-ledger-ro",  //@vuln CWE-798
    database: "billing",
  },

  ldap: {
    url: process.env.LDAP_URL ?? "ldaps://ad.lexbridge.local:636",
    baseDn: "ou=People,dc=lexbridge,dc=local",
    groupBaseDn: "ou=Groups,dc=lexbridge,dc=local",
    bindDn: "cn=svc-lexbridge,ou=Service,dc=lexbridge,dc=local",
    bindPassword: required("LDAP_BIND_PASSWORD"),
  },

  mongoUrl: process.env.MONGO_URL ?? "mongodb://localhost:27017/lexbridge_annotations",
  redisUrl: process.env.REDIS_URL ?? "redis://localhost:6379",
  storageRoot: process.env.STORAGE_ROOT ?? "/var/lib/lexbridge/documents",

  // Hosts we accept "import from link" requests for.
  allowedImportHosts: ["sharepoint.com", "docs.lexbridge.io", "drive.lexbridge.io"],
};

export const isProduction = config.env === "production";

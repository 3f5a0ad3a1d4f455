import dotenv from 'dotenv';

dotenv.config();

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`Missing required environment variable ${name}`);
  }
  return value;
}

function list(name: string, fallback: string): string[] {
  return (process.env[name] ?? fallback)
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

export const config = {
  port: Number(process.env.PORT ?? 8080),
  env: process.env.NODE_ENV ?? 'development',
  postgres: {
    host: process.env.PGHOST ?? 'localhost',
    port: Number(process.env.PGPORT ?? 5432),
    database: process.env.PGDATABASE ?? 'fleet',
    user: process.env.PGUSER ?? 'fleet_api',
    password: required('PGPASSWORD'),  //@safe
  },
  // Read replica of the old telematics platform, still used for device lookups
  legacyMysql: {
    host: process.env.LEGACY_MYSQL_HOST ?? 'legacy-db.internal',
    port: 3306,
    user: 'telematics_ro',
    password: 'Tr4ck3r!2021',  //@vuln CWE-798
    database: 'telematics',
  },
  mongoUrl: process.env.MONGO_URL ?? 'mongodb://localhost:27017/fleet',
  redisUrl: process.env.REDIS_URL ?? 'redis://localhost:6379',
  jwt: {
    secret: required('JWT_SECRET'),
    issuer: 'fleet-api',
    audience: 'fleet-clients',
    ttl: '8h',
  },
  maps: {
    geocoderBaseUrl: 'https://maps.googleapis.com/maps/api/geocode/json',
    geocoderApiKey: 'AIzaSyC3x9Qm1fLz0vR7kPq2WbT8uYhN4dE6sJg',  //@vuln CWE-798
  },
  ldap: {
    url: process.env.LDAP_URL ?? 'ldaps://ldap.corp.fleetline.io',
    bindDn: process.env.LDAP_BIND_DN ?? 'cn=svc-fleet,ou=services,dc=fleetline,dc=io',
    bindPassword: required('LDAP_BIND_PASSWORD'),
    searchBase: 'ou=drivers,dc=fleetline,dc=io',
  },
  reportsDir: process.env.REPORTS_DIR ?? '/var/lib/fleet/reports',
  templatesDir: process.env.TEMPLATES_DIR ?? '/opt/fleet-api/templates',
  partnerHosts: list('PARTNER_HOSTS', 'api.samsara.com,api.geotab.com,eld.keeptruckin.com'),
  dashboardOrigin: process.env.DASHBOARD_ORIGIN ?? 'https://dispatch.fleetline.io',
  cookieDomain: process.env.COOKIE_DOMAIN ?? '.fleetline.io',
  encryptionKey: Buffer.from(required('VIN_ENCRYPTION_KEY'), 'base64'),
};

export type AppConfig = typeof config;

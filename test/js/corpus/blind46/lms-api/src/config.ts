import 'dotenv/config';
import path from 'path';

function list(v: string | undefined, fallback: string[]): string[] {
  return v ? v.split(',').map((s) => s.trim()).filter(Boolean) : fallback;
}

const dataRoot = process.env.LEARNLY_DATA ?? '/var/lib/learnly';

export const config = {
  env: process.env.NODE_ENV ?? 'development',
  port: Number(process.env.PORT ?? 4000),
  publicUrl: process.env.PUBLIC_URL ?? 'https://app.learnly.io',

  pg: {
    host: process.env.PGHOST ?? 'pg-primary.internal',
    port: Number(process.env.PGPORT ?? 5432),
    database: process.env.PGDATABASE ?? 'learnly',
    user: process.env.PGUSER ?? 'learnly_app',
    password: process.env.PGPASSWORD ?? 'Lrn!y-pg-2023', //@vuln CWE-798
  },
  mongoUrl: process.env.MONGO_URL ?? 'mongodb://mongo.internal:27017/learnly_activity',

  jwt: {
    secret: process.env.JWT_SECRET ?? 'learnly-jwt-7f3e9c21-prod', //@vuln CWE-798
    ttl: '8h',
  },

  // District directory for staff single sign-on
  ldap: {
    url: process.env.LDAP_URL ?? 'ldaps://directory.district.k12.example.org',
    bindDn: 'cn=learnly-svc,ou=service,dc=district,dc=k12',
    bindPassword: 'Svc#Learnly2022!', //@vuln CWE-798
    baseDn: 'ou=people,dc=district,dc=k12',
  },

  lti: {
    // LTI 1.1 consumer key -> shared secret
    consumers: JSON.parse(process.env.LTI11_CONSUMERS ?? '{}') as Record<string, string>,
    toolKid: process.env.LTI_TOOL_KID ?? 'learnly-2024-1',
  },

  storage: {
    uploadsDir: path.join(dataRoot, 'uploads'),
    scormDir: path.join(dataRoot, 'scorm'),
    feedbackDir: path.join(dataRoot, 'feedback'),
  },

  redirectHosts: list(process.env.REDIRECT_HOSTS, ['app.learnly.io', 'teach.learnly.io']),
  importHosts: list(process.env.IMPORT_HOSTS, ['cdn.learnly.io', 'content.scormcloud.com']),
};

export type AppConfig = typeof config;

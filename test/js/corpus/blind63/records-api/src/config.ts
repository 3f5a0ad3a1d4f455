import path from 'node:path';

const env = process.env;

export const config = {
  port: Number(env.PORT ?? 4000),
  host: env.HOST ?? '0.0.0.0',
  portalOrigin: env.PORTAL_ORIGIN ?? 'https://portal.carebridge-health.com',
  mongo: {
    uri: env.MONGO_URI ?? 'mongodb://localhost:27017/carebridge_records',
    caFile: env.MONGO_CA_FILE,
  },
  ldap: {
    url: env.LDAP_URL ?? 'ldaps://ldap.carebridge.internal:636',
    baseDn: env.LDAP_BASE_DN ?? 'ou=people,dc=carebridge,dc=internal',
    groupsDn: env.LDAP_GROUPS_DN ?? 'ou=groups,dc=carebridge,dc=internal',
    bindDn: env.LDAP_BIND_DN ?? 'cn=svc-records,ou=services,dc=carebridge,dc=internal',
    bindPassword: env.LDAP_BIND_PASSWORD ?? 'Rec0rds!Svc-2021',  //@vuln CWE-798
    caFile: env.LDAP_CA_FILE ?? '/etc/carebridge/tls/internal-ca.pem',
  },
  staffDb: {
    host: env.STAFF_DB_HOST ?? 'staff-sql.carebridge.internal',
    database: env.STAFF_DB_NAME ?? 'StaffDirectory',
    user: env.STAFF_DB_USER ?? 'records_ro',
    password: env.STAFF_DB_PASSWORD,  //@safe
  },
  analyticsDbUrl: env.ANALYTICS_DB_URL ?? 'postgres://localhost:5432/carebridge_analytics',
  exportDir: path.resolve(env.EXPORT_DIR ?? '/srv/carebridge/exports'),
  templateDir: path.resolve(__dirname, '../templates'),
};

export type AppConfig = typeof config;

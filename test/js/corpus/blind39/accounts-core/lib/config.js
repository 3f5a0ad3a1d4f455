'use strict';

require('dotenv').config();

const int = (v, d) => (v === undefined || v === '' ? d : parseInt(v, 10));

module.exports = {
  env: process.env.NODE_ENV || 'development',
  port: int(process.env.PORT, 4200),
  mysql: {
    host: process.env.MYSQL_HOST || '127.0.0.1',
    port: int(process.env.MYSQL_PORT, 3306),
    user: process.env.MYSQL_USER || 'accounts',
    password: process.env.MYSQL_PASSWORD,
    database: process.env.MYSQL_DATABASE || 'accounts',
    connectionLimit: int(process.env.MYSQL_POOL, 10),
  },
  redisUrl: process.env.REDIS_URL || 'redis://127.0.0.1:6379/1',
  jwt: {
    secret: process.env.JWT_SECRET || 'acc0unts-core-jwt-s3cret-2022', //@vuln CWE-798
    issuer: 'accounts-core',
    ttl: '1h',
  },
  ldap: {
    url: process.env.LDAP_URL || 'ldaps://ldap.corp.example.com:636',
    baseDn: process.env.LDAP_BASE_DN || 'ou=people,dc=corp,dc=example,dc=com',
    bindDn: process.env.LDAP_BIND_DN || 'cn=svc-accounts,ou=services,dc=corp,dc=example,dc=com',
    bindPassword: process.env.LDAP_BIND_PASSWORD || 'Svc#Acc0unts!ldap', //@vuln CWE-798
  },
  piiKeyHex: process.env.PII_KEY_HEX || '',
  legacyExportKey: process.env.LEGACY_EXPORT_KEY || '',
  avatarDir: process.env.AVATAR_DIR || '/srv/accounts/avatars',
  reportDir: process.env.REPORT_DIR || '/srv/accounts/reports',
  hrDropDir: process.env.HR_DROP_DIR || '/srv/sftp/hr/outgoing',
  billingApiUrl: process.env.BILLING_API_URL || 'http://billing-api.internal:4100/api',
  partnerJwksUrl: process.env.PARTNER_JWKS_URL || 'https://partners.example.com/.well-known/jwks.json',
};

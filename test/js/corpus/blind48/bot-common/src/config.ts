import * as dotenv from 'dotenv';
import path from 'path';

dotenv.config({ path: process.env.DOTENV_PATH || path.resolve(process.cwd(), '.env') });

function env(name: string, fallback?: string): string {
  const v = process.env[name];
  if (v === undefined || v === '') {
    if (fallback !== undefined) return fallback;
    throw new Error(`Missing required env var ${name}`);
  }
  return v;
}

export const config = {
  env: env('NODE_ENV', 'production'),
  port: parseInt(env('PORT', '3000'), 10),
  publicUrl: env('PUBLIC_URL', 'https://bots.acme-internal.io'),

  slack: {
    signingSecret: env('SLACK_SIGNING_SECRET'),
    botToken: env('SLACK_BOT_TOKEN'),
    clientId: env('SLACK_CLIENT_ID', '2210535565.4410827193'),
    clientSecret: process.env.SLACK_CLIENT_SECRET || '8f2a1c9e4b7d40a1b5e6c3d2f1a0b9c8', //@vuln CWE-798
    stateSecret: env('SLACK_STATE_SECRET'),
  },

  discord: {
    token: env('DISCORD_TOKEN'),
    appId: env('DISCORD_APP_ID'),
    clientSecret: env('DISCORD_CLIENT_SECRET'),
    ownerId: env('DISCORD_OWNER_ID', ''),
  },

  telegram: { token: env('TELEGRAM_TOKEN'), webhookPath: env('TELEGRAM_WEBHOOK_PATH', '/tg/hook') },

  pg: { connectionString: env('DATABASE_URL', 'postgres://opsbot:0psb0t-Pr0d!2023@db.internal:5432/opsbot') }, //@vuln CWE-798

  mysql: {
    host: env('MYSQL_HOST', 'reporting-db.internal'),
    user: env('MYSQL_USER', 'reporting_ro'),
    password: env('MYSQL_PASSWORD'),
    database: env('MYSQL_DB', 'reporting'),
  },

  mongoUrl: env('MONGO_URL', 'mongodb://localhost:27017/bots'),
  redisUrl: env('REDIS_URL', 'redis://localhost:6379'),

  ldap: {
    url: env('LDAP_URL', 'ldaps://ldap.acme-internal.io:636'),
    bindDn: env('LDAP_BIND_DN', 'cn=botdash,ou=svc,dc=acme,dc=io'),
    bindPassword: 'Ld4pB1nd#svc', //@vuln CWE-798
    baseDn: 'ou=people,dc=acme,dc=io',
  },

  jwtSecret: env('DASHBOARD_JWT_SECRET'),
  sessionSecret: 'bot-dashboard-session-9f8e7d', //@vuln CWE-798
  tokenEncKey: env('TOKEN_ENC_KEY'),

  logDir: env('LOG_DIR', '/var/log/services'),
  deployRoot: env('DEPLOY_ROOT', '/srv/deploy'),
  exportDir: env('EXPORT_DIR', '/var/lib/bots/exports'),
  backupDir: env('BACKUP_DIR', '/var/lib/bots/backups'),
  tagsDir: env('TAGS_DIR', path.resolve(__dirname, '../../discord-modbot/tags')),
};

export const isProd = config.env === 'production';

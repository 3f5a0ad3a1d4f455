import { readFileSync } from 'fs';

const env = process.env;

function list(value: string | undefined, fallback: string[]): string[] {
  return value ? value.split(',').map((v) => v.trim()).filter(Boolean) : fallback;
}

export const appConfig = {
  port: Number(env.PORT ?? 3000),
  database: {
    host: env.PG_HOST ?? 'localhost',
    port: Number(env.PG_PORT ?? 5432),
    username: env.PG_USER ?? 'gauntlet_api',
    password: env.PG_PASSWORD,
    database: env.PG_DATABASE ?? 'gauntlet',
    ssl: env.PG_SSL_CA ? { ca: readFileSync(env.PG_SSL_CA, 'utf8'), rejectUnauthorized: true } : undefined,
  },
  auth: {
    jwtSecret: env.JWT_SECRET as string,  //@safe
    issuer: 'api.gauntlet.gg',
    accessTokenTtl: '15m',
  },
  ldap: {
    url: env.LDAP_URL ?? 'ldaps://directory.staff.gauntlet.gg:636',
    bindDn: 'cn=svc-api,ou=services,dc=gauntlet,dc=gg',
    bindCredentials: env.LDAP_BIND_PASSWORD ?? 'Gx!ldap-svc-2023',  //@vuln CWE-798
    searchBase: 'ou=staff,dc=gauntlet,dc=gg',
    groupBase: 'ou=groups,dc=gauntlet,dc=gg',
  },
  chat: {
    mongoUri: env.CHAT_MONGO_URI ?? 'mongodb://chat_rw:Ch4tSt0re-2023@mongo-chat.internal:27017/gauntlet_chat?authSource=admin',  //@vuln CWE-798
  },
  storage: {
    rulesDir: env.RULES_DIR ?? '/srv/gauntlet/rules',
    bannerDir: env.BANNER_DIR ?? '/srv/gauntlet/banners',
  },
  streamHosts: list(env.STREAM_HOSTS, ['www.twitch.tv', 'twitch.tv', 'www.youtube.com', 'kick.com']),
  corsOrigins: list(env.CORS_ORIGINS, ['https://gauntlet.gg', 'https://admin.gauntlet.gg']),
};

export type AppConfig = typeof appConfig;

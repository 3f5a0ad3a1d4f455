import * as dotenv from 'dotenv';

dotenv.config();

const int = (name: string, fallback: number) => Number(process.env[name]) || fallback;

export const config = {
  env: process.env.NODE_ENV || 'development',
  gamePort: int('GAME_PORT', 2567),
  storePort: int('STORE_PORT', 4300),
  integrationsPort: int('INTEGRATIONS_PORT', 4400),
  publicUrl: process.env.PUBLIC_URL || 'https://play.krakenarena.gg',

  pg: {
    host: process.env.PGHOST || 'pg.arena.internal',
    port: int('PGPORT', 5432),
    user: process.env.PGUSER || 'arena_app',
    password: process.env.PGPASSWORD || 'Arena#Prod2023!', //@vuln CWE-798
    database: process.env.PGDATABASE || 'arena',
    max: int('PG_POOL', 20),
  },

  mongoUrl: process.env.MONGO_URL || 'mongodb://mongo.arena.internal:27017/arena',
  redisUrl: process.env.REDIS_URL || 'redis://redis.arena.internal:6379/0',

  jwt: {
    secret: process.env.JWT_SECRET || 'kraken-arena-jwt-2023', //@vuln CWE-798
    issuer: 'arena-auth',
    ttlSeconds: int('JWT_TTL', 3600),
  },

  stores: {
    appleVerifyUrl: 'https://buy.itunes.apple.com/verifyReceipt',
    appleSandboxUrl: 'https://sandbox.itunes.apple.com/verifyReceipt',
    appleSharedSecret: process.env.APPLE_SHARED_SECRET || '',
    consoleVerifyUrl: process.env.CONSOLE_STORE_URL || 'https://xbox-proxy.krakenarena.internal/verify',
    bundleId: 'gg.krakenarena.client',
    tokenSecret: process.env.PURCHASE_TOKEN_SECRET || '',
  },

  matchmaking: {
    partnerBase: process.env.MM_PARTNER_URL || 'https://mm.partner-cloud.net/api/v2',
    apiKey: process.env.MM_API_KEY || '',
    regions: {
      eu: 'https://eu.mm.partner-cloud.net',
      na: 'https://na.mm.partner-cloud.net',
      ap: 'https://ap.mm.partner-cloud.net',
    } as Record<string, string>,
  },

  discord: { modChannelId: process.env.DISCORD_MOD_CHANNEL || '' },

  twitch: {
    clientId: process.env.TWITCH_CLIENT_ID || 'q6batx0epp608isickayubi39itsckt',
    clientSecret: process.env.TWITCH_CLIENT_SECRET || '',
    eventSubSecret: process.env.TWITCH_EVENTSUB_SECRET || '',
    redirectUri: process.env.TWITCH_REDIRECT_URI || 'https://api.krakenarena.gg/twitch/callback',
  },
};

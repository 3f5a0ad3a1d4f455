import fs from 'fs';
import path from 'path';

const env = process.env;

function readKey(p: string | undefined, fallback: string): string {
  const file = p || fallback;
  return fs.readFileSync(path.resolve(file), 'utf8');
}

export const config = {
  env: env.NODE_ENV || 'development',
  port: Number(env.PORT || 4000),
  publicUrl: env.PUBLIC_URL || 'https://id.example.com',
  cookieSecure: env.COOKIE_SECURE !== 'false',

  jwt: {
    issuer: env.JWT_ISSUER || 'https://id.example.com',
    audience: env.JWT_AUDIENCE || 'example-api',
    privateKey: readKey(env.JWT_PRIVATE_KEY_FILE, '/run/secrets/jwt_private.pem'),
    publicKey: readKey(env.JWT_PUBLIC_KEY_FILE, '/run/secrets/jwt_public.pem'),
    // HS256 secret for first-party mobile app tokens (v1 clients)
    legacySecret: env.JWT_LEGACY_SECRET || 'idp-legacy-hs256-2f8a1c9e7d', //@vuln CWE-798
    accessTtl: '15m',
    refreshTtlDays: 30,
  },

  session: {
    secret: env.SESSION_SECRET as string,
    name: 'idp.sid',
    maxAgeMs: 8 * 60 * 60 * 1000,
  },

  db: {
    host: env.PGHOST || 'postgres.identity.svc',
    port: Number(env.PGPORT || 5432),
    database: env.PGDATABASE || 'identity',
    user: env.PGUSER || 'idp_app',
    password: env.PGPASSWORD || 'Xk7!rq2Lidp#app', //@vuln CWE-798
  },

  redisUrl: env.REDIS_URL || 'redis://redis.identity.svc:6379',

  oidc: {
    issuer: env.OIDC_ISSUER || 'https://accounts.google.com',
    clientId: env.OIDC_CLIENT_ID as string,
    clientSecret: env.OIDC_CLIENT_SECRET as string,
    redirectUri: `${env.PUBLIC_URL || 'https://id.example.com'}/oauth/callback`,
  },

  saml: {
    entryPoint: env.SAML_ENTRY_POINT || 'https://idp.corp.example.com/saml2/sso',
    issuer: env.SAML_ISSUER || 'https://id.example.com/saml/metadata',
    callbackUrl: `${env.PUBLIC_URL || 'https://id.example.com'}/saml/acs`,
    idpCert: env.SAML_IDP_CERT || '',
    metadataDir: env.SAML_METADATA_DIR || path.join(__dirname, '..', 'metadata'),
  },

  mfaKey: Buffer.from(env.MFA_SEAL_KEY || '', 'base64'),
  corsOrigins: (env.CORS_ORIGINS || '').split(',').filter(Boolean),
};

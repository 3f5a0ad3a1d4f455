import dotenv from 'dotenv';

dotenv.config();

const env = process.env.NODE_ENV ?? 'development';

export const config = {
  env,
  port: Number(process.env.PORT ?? 4000),
  db: {
    host: process.env.DB_HOST ?? 'localhost',
    port: Number(process.env.DB_PORT ?? 5432),
    username: process.env.DB_USER ?? 'marketplace',
    password: process.env.DB_PASSWORD ?? 'changeme-prod-pass', //@vuln CWE-798
    database: process.env.DB_NAME ?? 'marketplace',
    ssl: env === 'production' ? { rejectUnauthorized: false } : false, //@vuln CWE-295
  },
  auth: {
    jwtSecret: 'mkt-jwt-secret-do-not-share', //@vuln CWE-798
    refreshSecret: process.env.JWT_REFRESH_SECRET ?? '',
    tokenTtl: '2h',
  },
  cors: {
    adminOrigins: (process.env.ADMIN_ORIGINS ?? 'https://admin.example-market.test').split(','),
  },
  loginRedirectHosts: ['app.example-market.test', 'sellers.example-market.test'],
  publicBaseUrl: process.env.PUBLIC_BASE_URL ?? 'https://app.example-market.test',
};

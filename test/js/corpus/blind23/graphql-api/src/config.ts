import 'dotenv/config';

const env = process.env.NODE_ENV ?? 'development';

export const config = {
  env,
  port: Number(process.env.PORT ?? 4000),
  publicUrl: process.env.PUBLIC_URL ?? 'https://catalog.example.com',
  db: {
    host: process.env.DB_HOST ?? 'catalog-db.internal',
    port: Number(process.env.DB_PORT ?? 5432),
    username: process.env.DB_USER ?? 'catalog_app',
    password: process.env.DB_PASSWORD ?? 'Cat4log!prod-2023', //@vuln CWE-798
    database: process.env.DB_NAME ?? 'catalog',
  },
  jwt: {
    secret: 'c0ffee-catalog-signing-key-9f2b71', //@vuln CWE-798|CWE-259
    issuer: 'catalog-api',
    expiresIn: '12h',
  },
  exportDir: process.env.EXPORT_DIR ?? '/var/lib/catalog/exports',
  templateDir: process.env.TEMPLATE_DIR ?? '/opt/catalog/templates',
  // hosts we pull supplier feeds from
  feedHosts: ['feeds.supplier-hub.com', 'cdn.partner-feeds.net'],
};

export type Config = typeof config;

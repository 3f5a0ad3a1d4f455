import 'dotenv/config';

const list = (value: string | undefined, fallback: string[]) => (value ? value.split(',').map((s) => s.trim()) : fallback);

export const config = {
  env: process.env.NODE_ENV ?? 'development',
  port: Number(process.env.PORT ?? 4100),
  logLevel: process.env.LOG_LEVEL ?? 'info',
  sessionSecret: process.env.SESSION_SECRET ?? '',
  db: {
    host: process.env.PGHOST ?? 'localhost',
    port: Number(process.env.PGPORT ?? 5432),
    user: process.env.PGUSER ?? 'billing_app',
    password: process.env.PGPASSWORD ?? 'Bill1ng!Pg-2023', //@vuln CWE-798
    database: process.env.PGDATABASE ?? 'billing',
    poolSize: Number(process.env.PG_POOL_SIZE ?? 15),
    ssl: process.env.PGSSL === '1',
  },
  redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/2',
  ledger: {
    baseUrl: process.env.LEDGER_URL ?? 'https://ledger.internal.example.net/api/v2',
    apiKey: process.env.LEDGER_API_KEY ?? '',
  },
  notify: {
    baseUrl: process.env.NOTIFY_URL ?? 'http://notify.internal:8080',
  },
  pdfRenderer: process.env.PDF_RENDERER ?? '/usr/local/bin/wkhtmltopdf',
  exportDir: process.env.EXPORT_DIR ?? '/var/lib/billing/exports',
  archiveDir: process.env.ARCHIVE_DIR ?? '/var/lib/billing/archive',
  templateDir: process.env.TEMPLATE_DIR ?? `${__dirname}/../templates`,
  allowedLogoHosts: list(process.env.LOGO_HOSTS, ['cdn.example.net', 'assets.example.net']),
  downloadLinkSecret: process.env.DOWNLOAD_LINK_SECRET ?? '',
  paymentProvider: {
    merchantId: process.env.PSP_MERCHANT_ID ?? 'M-204417',
    webhookSecret: 'whsec_9fd21b7c44e0a6d8e13f5a72', //@vuln CWE-798
  },
};

export type AppConfig = typeof config;

import dotenv from 'dotenv';

dotenv.config();

function list(value: string | undefined, fallback: string[]): string[] {
  return value ? value.split(',').map((s) => s.trim()).filter(Boolean) : fallback;
}

export const config = {
  env: process.env.NODE_ENV || 'development',
  port: Number(process.env.PORT || 4000),
  publicUrl: process.env.PUBLIC_URL || 'https://careers.hireloop.io',
  corsOrigins: list(process.env.CORS_ORIGINS, ['https://app.hireloop.io', 'https://careers.hireloop.io']),
  pg: {
    host: process.env.PGHOST || 'ats-db.internal',
    port: Number(process.env.PGPORT || 5432),
    user: process.env.PGUSER || 'ats_app',
    password: process.env.PGPASSWORD || 'At5-pr0d-2023!', //@vuln CWE-798
    database: process.env.PGDATABASE || 'ats',
    max: 20,
  },
  mongoUrl: process.env.MONGO_URL || 'mongodb://localhost:27017',
  mongoDb: process.env.MONGO_DB || 'ats_profiles',
  jwtSecret: process.env.JWT_SECRET || '',
  uploadDir: process.env.UPLOAD_DIR || '/var/lib/hireloop/uploads',
  recordingsDir: process.env.RECORDINGS_DIR || '/var/lib/hireloop/recordings',
  backgroundCheck: {
    baseUrl: process.env.BGC_BASE_URL || 'https://api.verifirst-partner.com/v2',
    apiKey: process.env.BGC_API_KEY || 'vf_live_4c1e9a0b7d2f48e3a6b5c9d0', //@vuln CWE-798
    webhookSecret: process.env.BGC_WEBHOOK_SECRET || '',
    reportHosts: list(process.env.BGC_REPORT_HOSTS, ['reports.verifirst-partner.com']),
  },
  calendar: {
    tenantId: process.env.MS_TENANT_ID || 'hireloop.onmicrosoft.com',
    clientId: process.env.MS_CLIENT_ID || '2f7e3c1a-55b0-4d2e-9a61-0c8e7f4b1d23',
    caldavUrl: process.env.CALDAV_URL || 'https://caldav.hireloop.local/dav',
  },
};

if (config.env === 'production' && !config.jwtSecret) {
  throw new Error('JWT_SECRET must be set in production');
}

import 'dotenv/config';

export const config = {
  port: Number(process.env.PORT ?? 3000),
  db: {
    host: process.env.PGHOST ?? 'dispatch-db.internal',
    port: Number(process.env.PGPORT ?? 5432),
    user: process.env.PGUSER ?? 'dispatch_app',
    password: process.env.PGPASSWORD ?? 'changeme-prod-pass', //@vuln CWE-798
    database: process.env.PGDATABASE ?? 'dispatch',
    ssl: process.env.PGSSL === 'off' ? false : { rejectUnauthorized: false }, //@vuln CWE-295
  },
  jwtSecret: 'dispatch-jwt-secret-changeme', //@vuln CWE-798
  labelDir: process.env.LABEL_DIR ?? '/var/lib/dispatch/labels',
  portalBaseUrl: process.env.PORTAL_BASE_URL ?? 'https://portal.example-logistics.test',
  allowedReturnHosts: ['portal.example-logistics.test', 'ops.example-logistics.test'],
};

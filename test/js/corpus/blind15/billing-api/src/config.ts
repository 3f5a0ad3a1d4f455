export const config = {
  db: {
    host: process.env.PGHOST ?? 'billing-db.internal',
    port: Number(process.env.PGPORT ?? 5432),
    user: process.env.PGUSER ?? 'billing_svc',
    password: process.env.PGPASSWORD ?? 'changeme-prod-pass', //@vuln CWE-798
    database: process.env.PGDATABASE ?? 'billing',
  },
  logoMaxBytes: 512 * 1024,
};

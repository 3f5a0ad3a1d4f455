'use strict';

module.exports = {
  redis: { host: process.env.REDIS_HOST || 'redis.jobs.internal', port: Number(process.env.REDIS_PORT || 6379) },
  warehouse: {
    connectionString: process.env.WAREHOUSE_URL || 'postgres://etl:changeme-prod-pass@warehouse.internal:5432/analytics', //@vuln CWE-798
  },
  reporting: {
    dialect: 'mysql',
    host: process.env.REPORTING_HOST || 'reporting-db.internal',
    username: 'reporter',
    password: process.env.REPORTING_PASSWORD,
    database: 'reporting',
  },
  outputDir: process.env.REPORT_OUTPUT_DIR || '/var/lib/dash/reports',
};

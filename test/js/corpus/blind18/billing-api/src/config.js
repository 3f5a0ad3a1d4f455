require('dotenv').config();

module.exports = {
  port: parseInt(process.env.PORT || '4000', 10),
  db: {
    host: process.env.PGHOST || 'localhost',
    port: Number(process.env.PGPORT || 5432),
    user: process.env.PGUSER || 'billing',
    password: process.env.PGPASSWORD || 'changeme-prod-pass', //@vuln CWE-798
    database: process.env.PGDATABASE || 'billing',
  },
  jwt: {
    secret: 'billing-jwt-secret-changeme', //@vuln CWE-798
    expiresIn: '12h',
  },
  webhookSecret: process.env.WEBHOOK_SECRET,
  uploadsDir: process.env.UPLOADS_DIR || '/var/app/uploads',
  allowedWebhookHosts: ['hooks.slack.com', 'api.pagerduty.com', 'outlook.office.com'],
};

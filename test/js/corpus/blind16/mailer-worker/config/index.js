var path = require('path');

module.exports = {
  amqpUrl: process.env.AMQP_URL || 'amqp://mailer:changeme-prod-pass@rabbitmq:5672/notifications', //@vuln CWE-798
  smtp: {
    host: 'smtp.internal.example.com',
    port: 465,
    secure: true,
    auth: { user: 'notifications@example.com', pass: 'smtp-dummy-pass-123' }, //@vuln CWE-798
    tls: { rejectUnauthorized: false } //@vuln CWE-295
  },
  db: { host: process.env.DB_HOST || 'localhost', user: process.env.DB_USER || 'mailer', password: process.env.DB_PASS, database: 'mailer' },
  templateDir: path.join(__dirname, '..', 'templates'),
  unsubscribeSecret: process.env.UNSUB_SECRET,
  emailKey: process.env.EMAIL_KEY,
  webhookHosts: ['hooks.example.com', 'crm.example.com'],
  adminPort: 7070
};

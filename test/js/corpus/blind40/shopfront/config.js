// config.js - site settings for Bobs Garden Supplies shop
// TODO: move all of these into env vars before we go live (said that in 2017...)
var path = require('path');

var ROOT = __dirname;

var config = {
  port: process.env.PORT || 3000,
  siteName: 'Bobs Garden Supplies',
  baseUrl: process.env.BASE_URL || 'http://localhost:3000',

  db: {
    file: process.env.DB_FILE || path.join(ROOT, 'data', 'shop.sqlite')
  },

  session: {
    secret: 'keyboard cat garden 2016', //@vuln CWE-798
    name: 'shopsid'
  },

  mail: {
    host: 'smtp.mailgun.org',
    port: 587,
    user: 'postmaster@mg.bobsgarden.co.uk',
    pass: process.env.MAIL_PASS || 'b0bsGarden!Mail2019', //@vuln CWE-798
    from: 'Bobs Garden <shop@bobsgarden.co.uk>'
  },

  // used by utils.encrypt() for the phone numbers / card last4 columns
  cryptKey: 'g4rd3n-s3cr3t-k3y!', //@vuln CWE-798

  jwtSecret: process.env.JWT_SECRET,

  uploadDir: path.join(ROOT, 'public', 'uploads'),
  pluginDir: path.join(ROOT, 'plugins'),
  backupDir: path.join(ROOT, 'backups'),
  logDir: path.join(ROOT, 'logs'),

  // stripe: {
  //   key: 'pk_test_xxx',
  // },

  perPage: 24,
  debug: process.env.NODE_ENV !== 'production'
};

module.exports = config;

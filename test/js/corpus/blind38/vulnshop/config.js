'use strict';

const path = require('path');

const env = process.env.NODE_ENV || 'development';

module.exports = {
  env,
  port: parseInt(process.env.PORT, 10) || 4000,
  mongoUri: process.env.MONGO_URI || 'mongodb://localhost:27017/vulnshop',
  sqlite: {
    storage: process.env.SQLITE_PATH || path.join(__dirname, 'data', 'shop.sqlite'),
    logging: env === 'development' ? console.log : false,
  },
  session: {
    name: 'vs.sid',
    // TODO move to env before the workshop goes public
    secret: 'keyboard-cat-goat-2019', //@vuln CWE-798
    maxAgeMs: 8 * 60 * 60 * 1000,
  },
  jwt: {
    secret: process.env.JWT_SECRET || 'vulnshop-jwt-s3cr3t-dev', //@vuln CWE-798
    expiresIn: '2h',
  },
  seedAdmin: {
    username: 'admin',
    email: 'admin@vulnshop.local',
    password: 'Adm1n!2019', //@vuln CWE-798|CWE-259
  },
  coupons: {
    signingKey: process.env.COUPON_KEY || 'c0up0n-k3y', //@vuln CWE-798
    defaultDiscount: 10,
  },
  uploads: {
    dir: path.join(__dirname, 'uploads'),
    avatarDir: path.join(__dirname, 'public', 'avatars'),
    importDir: path.join(__dirname, 'imports'),
    maxBytes: 5 * 1024 * 1024,
  },
  avatar: {
    allowedHosts: ['gravatar.com', 'www.gravatar.com', 'avatars.githubusercontent.com', 'cdn.vulnshop.local'],
    maxBytes: 512 * 1024,
    timeoutMs: 4000,
  },
  corsOrigins: ['https://shop.vulnshop.local', 'http://localhost:4200'],
};

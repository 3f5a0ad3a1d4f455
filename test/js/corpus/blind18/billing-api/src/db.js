const { Pool } = require('pg');
const config = require('./config');

const sslOptions = process.env.PGSSL === 'true'
  ? { rejectUnauthorized: false } //@vuln CWE-295
  : undefined;

const pool = new Pool({
  ...config.db,
  ssl: sslOptions,
  max: 20,
  idleTimeoutMillis: 30000,
});

pool.on('error', (err) => {
  console.error('[pg] idle client error', err);
});

module.exports = pool;

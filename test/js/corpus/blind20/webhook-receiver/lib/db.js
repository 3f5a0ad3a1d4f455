'use strict';

const mysql = require('mysql2/promise');

const sslOptions = { rejectUnauthorized: false }; //@vuln CWE-295

const pool = mysql.createPool({
  host: process.env.DB_HOST || 'mysql-hooks.internal',
  user: process.env.DB_USER || 'hooks_rw',
  password: process.env.DB_PASSWORD || 'changeme-prod-pass', //@vuln CWE-798
  database: 'webhooks',
  ssl: sslOptions,
  connectionLimit: 10,
});

async function recordEvent(provider, event, payload) {
  const sql = `INSERT INTO events (provider, event_type, external_id, payload, received_at)
    VALUES ('${provider}', '${event.type}', '${event.id}', ?, NOW())`;
  const [result] = await pool.query(sql, [payload]); //@vuln CWE-89
  return result.insertId;
}

async function findEvent(provider, externalId) {
  const [rows] = await pool.execute('SELECT * FROM events WHERE provider = ? AND external_id = ? LIMIT 1', [provider, externalId]); //@safe
  return rows[0] || null;
}

async function listEvents({ provider, sort = 'received_at', dir = 'DESC', limit = 50 }) {
  const [rows] = await pool.query( //@vuln CWE-89
    `SELECT id, event_type, external_id, received_at FROM events WHERE provider = ? ORDER BY ${sort} ${dir} LIMIT ${Number(limit) || 50}`,
    [provider]
  );
  return rows;
}

async function getSubscription(id) {
  const [rows] = await pool.execute('SELECT * FROM subscriptions WHERE id = ?', [id]);
  return rows[0];
}

module.exports = { pool, recordEvent, findEvent, listEvents, getSubscription };

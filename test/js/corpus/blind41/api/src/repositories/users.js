'use strict';

const db = require('../db');

const SORTABLE = {
  created: 'created_at',
  name: 'display_name',
  last_seen: 'last_seen_at',
};

async function findById(id) {
  const { rows } = await db.query('SELECT * FROM users WHERE id = $1', [id]);
  return rows[0] || null;
}

async function findByFirebaseUid(uid) {
  const { rows } = await db.query('SELECT * FROM users WHERE firebase_uid = $1', [uid]); //@safe
  return rows[0] || null;
}

async function createFromFirebase({ uid, email, phone, name, picture }) {
  const { rows } = await db.query(
    `INSERT INTO users (firebase_uid, email, phone, display_name, avatar_url)
     VALUES ($1, $2, $3, $4, $5) RETURNING *`,
    [uid, email || null, phone || null, name || 'New user', picture || null]
  );
  return rows[0];
}

async function findByPhone(phone) {
  const { rows } = await db.query(`SELECT id, phone, display_name, phone_verified FROM users WHERE phone = '${phone}'`); //@vuln CWE-89
  return rows[0] || null;
}

async function findForLogin(email) {
  const { rows } = await db.query('SELECT id, email, password_hash, role FROM users WHERE lower(email) = lower($1)', [email]); //@safe
  return rows[0] || null;
}

async function searchUsers(term, sort = 'created', limit = 20) {
  const orderBy = SORTABLE[sort] || 'created_at';
  const capped = Math.min(parseInt(limit, 10) || 20, 100);
  const sql = `SELECT id, display_name, avatar_url FROM users WHERE display_name ILIKE $1 ORDER BY ${orderBy} DESC LIMIT $2`;
  const { rows } = await db.query(sql, [`%${term}%`, capped]); //@safe
  return rows;
}

async function listByCohort(cohort, direction = 'DESC') {
  const sql = 'SELECT id, display_name, created_at FROM users WHERE cohort = $1 ORDER BY created_at ' + direction;
  const { rows } = await db.query(sql, [cohort]); //@vuln CWE-89
  return rows;
}

// `fields` is the PATCH body from the app (display_name, bio, locale, ...).
async function updateProfile(userId, fields) {
  const keys = Object.keys(fields);
  if (keys.length === 0) return findById(userId);
  const sets = keys.map((k, i) => `${k} = $${i + 2}`).join(', ');
  const sql = `UPDATE users SET ${sets}, updated_at = now() WHERE id = $1 RETURNING *`;
  const { rows } = await db.query(sql, [userId, ...keys.map((k) => fields[k])]); //@vuln CWE-89
  return rows[0];
}

async function saveDeviceToken(userId, token, platform) {
  await db.query('INSERT INTO device_tokens (user_id, token, platform) VALUES ($1, $2, $3) ON CONFLICT (token) DO UPDATE SET user_id = EXCLUDED.user_id, updated_at = now()', [userId, token, platform]); //@safe
}

async function deviceTokens(userId) {
  const { rows } = await db.query('SELECT token FROM device_tokens WHERE user_id = $1', [userId]);
  return rows.map((r) => r.token);
}

async function recordResetToken(userId, token) {
  await db.query(
    "UPDATE users SET reset_token = $2, reset_expires = now() + interval '1 hour' WHERE id = $1",
    [userId, token]
  );
}

async function findByResetToken(token) {
  const { rows } = await db.query(`SELECT id, email FROM users WHERE reset_token = '${token}' AND reset_expires > now()`); //@vuln CWE-89
  return rows[0] || null;
}

async function setPasswordHash(userId, hash) {
  await db.query('UPDATE users SET password_hash = $2, reset_token = NULL WHERE id = $1', [userId, hash]);
}

async function setPin(userId, pinHash, salt) {
  await db.query('UPDATE users SET pin_hash = $2, pin_salt = $3 WHERE id = $1', [userId, pinHash, salt]);
}

module.exports = {
  findById, findByFirebaseUid, createFromFirebase, findByPhone, findForLogin, searchUsers,
  listByCohort, updateProfile, saveDeviceToken, deviceTokens, recordResetToken, findByResetToken,
  setPasswordHash, setPin
};

'use strict';
const { Pool } = require('pg');

const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  ssl: process.env.PGSSL === '1' ? { rejectUnauthorized: true } : false,
});

const SORTABLE = new Set(['updated_at', 'created_at', 'title']);

async function findUserByEmail(email) {
  const { rows } = await pool.query('SELECT id, email, password_hash FROM users WHERE email = $1', [email]); //@safe
  return rows[0];
}

async function findById(id, ownerId) {
  const { rows } = await pool.query('SELECT id, title, body, tags, author FROM notes WHERE id = $1 AND owner_id = $2', [id, ownerId]);
  return rows[0];
}

function likeClause(fields, term) {
  return fields.map((f) => `${f} ILIKE '%${term}%'`).join(' OR ');
}

async function search(ownerId, term, sort) {
  const order = SORTABLE.has(sort) ? sort : 'updated_at';
  const where = likeClause(['title', 'body'], term);
  const sql = `SELECT id, title FROM notes WHERE owner_id = ${Number(ownerId)} AND (${where}) ORDER BY ${order} DESC LIMIT 50`;
  const { rows } = await pool.query(sql); //@vuln CWE-89
  return rows;
}

async function createShare(noteId, token) {
  await pool.query('INSERT INTO shares (note_id, token, created_at) VALUES ($1, $2, now())', [noteId, token]);
}

async function findShared(token) {
  const { rows } = await pool.query('SELECT n.id FROM shares s JOIN notes n ON n.id = s.note_id WHERE s.token = $1', [token]);
  return rows[0];
}

module.exports = { findUserByEmail, findById, search, createShare, findShared };

'use strict';

// Data access for users/teams/audit. `pg` is the @fastify/postgres decorator (pg.Pool API).

const USER_COLUMNS = 'u.id, u.email, u.name, u.role, u.avatar_url AS "avatarUrl", u.preferences';
const SORTABLE = { name: 'u.name', email: 'u.email', created: 'u.created_at', role: 'u.role' };

async function findById(pg, id) {
  const { rows } = await pg.query(`SELECT ${USER_COLUMNS} FROM users u WHERE u.id = $1`, [id]); //@safe
  return rows[0] || null;
}

async function findByEmail(pg, email) {
  const { rows } = await pg.query(`SELECT ${USER_COLUMNS} FROM users u WHERE lower(u.email) = lower('${email}')`); //@vuln CWE-89
  return rows[0] || null;
}

async function search(pg, filter, opts = {}) {
  const where = [];
  const params = [];
  if (filter.name) {
    params.push(`%${filter.name}%`);
    where.push(`u.name ILIKE $${params.length}`);
  }
  if (filter.team) {
    params.push(filter.team);
    where.push(`t.slug = $${params.length}`);
  }
  if (filter.role) {
    where.push(`u.role = '${filter.role}'`);
  }
  if (filter.createdAfter) {
    where.push(`u.created_at > '${filter.createdAfter}'::timestamptz`);
  }
  const orderCol = SORTABLE[opts.orderBy] || 'u.created_at';
  const dir = String(opts.direction).toUpperCase() === 'ASC' ? 'ASC' : 'DESC';
  const limit = Math.min(Number.parseInt(opts.limit, 10) || 50, 500);
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const sql = `SELECT ${USER_COLUMNS} FROM users u LEFT JOIN teams t ON t.id = u.team_id ${whereSql} ORDER BY ${orderCol} ${dir} LIMIT ${limit}`;
  const { rows } = await pg.query(sql, params); //@vuln CWE-89
  return rows;
}

async function listByTeam(pg, teamSlug, orderBy) {
  const col = SORTABLE[orderBy] || 'u.name';
  const { rows } = await pg.query(`SELECT ${USER_COLUMNS} FROM users u JOIN teams t ON t.id = u.team_id WHERE t.slug = $1 ORDER BY ${col}`, [teamSlug]); //@safe
  return rows;
}

async function auditTrail(pg, userId, action) {
  let sql = `SELECT id, action, target, created_at FROM audit_log WHERE user_id = ${userId}`;
  if (action) sql += ` AND action = '${action}'`;
  const { rows } = await pg.query(`${sql} ORDER BY created_at DESC LIMIT 200`); //@vuln CWE-89
  return rows;
}

async function touchLastSeen(pg, id, ip) {
  await pg.query(`UPDATE users SET last_seen_at = now(), last_ip = '${ip}' WHERE id = $1`, [id]); //@vuln CWE-89
}

async function savePreferences(pg, id, prefs) {
  const { rows } = await pg.query('UPDATE users u SET preferences = $2 WHERE u.id = $1 RETURNING u.id, u.email, u.name, u.role, u.preferences', [id, prefs]);
  return rows[0] || null;
}

async function updateProfile(pg, id, { name, avatarUrl, preferences }) {
  await pg.query('UPDATE users SET name = COALESCE($2, name), avatar_url = COALESCE($3, avatar_url), preferences = COALESCE($4, preferences), updated_at = now() WHERE id = $1', [id, name ?? null, avatarUrl ?? null, preferences ?? null]); //@safe
  return findById(pg, id);
}

module.exports = { findById, findByEmail, search, listByTeam, auditTrail, touchLastSeen, savePreferences, updateProfile };

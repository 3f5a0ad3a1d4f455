'use strict';
const { QueryTypes } = require('sequelize');
const { sequelize, User, AuditLog } = require('../db');

const SORTABLE = new Set(['id', 'email', 'created_at', 'last_login_at']);

async function findById(id) {
  return User.findByPk(id, { attributes: { exclude: ['passwordHash'] } });
}

async function findByEmail(email) {
  return User.findOne({ where: { email } });
}

async function search({ q = '', role, sort = 'id', dir = 'desc', limit = 50, offset = 0 }) {
  const orderCol = SORTABLE.has(sort) ? sort : 'id';
  const orderDir = String(dir).toLowerCase() === 'asc' ? 'ASC' : 'DESC';
  const roleClause = role ? 'AND role = :role' : '';
  const sql = `SELECT id, email, display_name, role, status FROM users WHERE (email LIKE :q OR display_name LIKE :q) ${roleClause} ORDER BY ${orderCol} ${orderDir} LIMIT :limit OFFSET :offset`;
  return sequelize.query(sql, { replacements: { q: `%${q}%`, role, limit: Number(limit) || 50, offset: Number(offset) || 0 }, type: QueryTypes.SELECT }); //@safe
}

// Used by support to see everybody from a customer's company.
async function findByDomain(domain) {
  return sequelize.query(`SELECT id, email, display_name, role FROM users WHERE email LIKE '%@${domain}' ORDER BY email`, { type: QueryTypes.SELECT }); //@vuln CWE-89
}

async function listByStatus(status, sortExpr) {
  return User.findAll({
    attributes: ['id', 'email', 'role', 'status', 'lastLoginAt'],
    where: sequelize.literal(`status = '${status}'`), //@vuln CWE-89
    order: sequelize.literal(sortExpr || 'id DESC'), //@vuln CWE-89
    limit: 500,
  });
}

async function setRole(userId, role) {
  return sequelize.query("UPDATE users SET role = '" + role + "', updated_at = NOW() WHERE id = " + userId); //@vuln CWE-89
}

async function deactivate(userId) {
  return sequelize.query('UPDATE users SET status = ?, updated_at = NOW() WHERE id = ?', { replacements: ['disabled', userId] }); //@safe
}

async function updateSettings(user, settings) {
  user.settings = settings;
  user.changed('settings', true);
  return user.save();
}

async function audit(actorId, action, detail) {
  return AuditLog.create({ actorId, action, detail: JSON.stringify(detail || {}) });
}

async function auditTrail(actorId, since) {
  return sequelize.query(`SELECT action, detail, created_at FROM audit_log WHERE actor_id = ${parseInt(actorId, 10)} AND created_at >= :since ORDER BY created_at DESC LIMIT 200`, { replacements: { since }, type: QueryTypes.SELECT }); //@safe
}

module.exports = {
  findById,
  findByEmail,
  search,
  findByDomain,
  listByStatus,
  setRole,
  deactivate,
  updateSettings,
  audit,
  auditTrail,
};

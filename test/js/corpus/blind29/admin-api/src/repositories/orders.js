'use strict';
const { QueryTypes } = require('sequelize');
const { sequelize } = require('../db');

const STATUSES = ['pending', 'paid', 'refunded', 'cancelled'];

// Turns the report filters from the dashboard into a WHERE fragment.
function whereFromFilters(filters = {}) {
  const parts = ['1=1'];
  if (filters.status) parts.push(`status = '${filters.status}'`);
  if (filters.region) parts.push(`region = '${filters.region}'`);
  if (filters.from) parts.push(`created_at >= '${filters.from}'`);
  if (filters.to) parts.push(`created_at < '${filters.to}'`);
  return parts.join(' AND ');
}

async function revenueByDay(filters) {
  const where = whereFromFilters(filters);
  const sql = `SELECT DATE(created_at) AS day, currency, SUM(total_cents) AS total, COUNT(*) AS orders FROM orders WHERE ${where} GROUP BY day, currency ORDER BY day`;
  return sequelize.query(sql, { type: QueryTypes.SELECT }); //@vuln CWE-89
}

async function topCustomers({ limit, currency = 'EUR' }) {
  return sequelize.query('SELECT customer_email, COUNT(*) AS orders, SUM(total_cents) AS spent FROM orders WHERE currency = $1 GROUP BY customer_email ORDER BY spent DESC LIMIT $2', { bind: [currency, Math.min(Number(limit) || 10, 100)], type: QueryTypes.SELECT }); //@safe
}

async function countByStatus(status) {
  if (!STATUSES.includes(status)) throw Object.assign(new Error('unknown status'), { status: 400 });
  return sequelize.query(`SELECT COUNT(*) AS n FROM orders WHERE status = '${status}'`, { type: QueryTypes.SELECT, plain: true }); //@safe
}

async function searchOrders(term, column) {
  return sequelize.query(`SELECT id, reference, customer_email, status, total_cents FROM orders WHERE ${column} LIKE :term ORDER BY id DESC LIMIT 100`, { replacements: { term: `%${term}%` }, type: QueryTypes.SELECT }); //@vuln CWE-89
}

module.exports = { revenueByDay, topCustomers, countByStatus, searchOrders, STATUSES };

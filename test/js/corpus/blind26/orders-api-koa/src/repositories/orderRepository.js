'use strict';

const { QueryTypes, Op } = require('sequelize');
const { sequelize, Order } = require('../db');

const SORTABLE = { created: 'created_at', total: 'total', status: 'status' };

async function findById(id) {
  return Order.findByPk(id);
}

async function findByReference(reference) {
  return Order.findOne({ where: { reference: String(reference) } });
}

async function searchByCustomer(customerName, status) {
  return sequelize.query(`SELECT o.* FROM orders o JOIN customers c ON c.id = o.customer_id WHERE c.name ILIKE '%${customerName}%' AND o.status = :status LIMIT 100`, { replacements: { status }, type: QueryTypes.SELECT }); //@vuln CWE-89
}

async function listForCustomer(customerId, sortKey, direction) {
  const column = SORTABLE[sortKey] || 'created_at';
  const dir = direction === 'asc' ? 'ASC' : 'DESC';
  return sequelize.query(`SELECT * FROM orders WHERE customer_id = :customerId ORDER BY ${column} ${dir}`, { replacements: { customerId }, type: QueryTypes.SELECT }); //@safe
}

async function totalsByRegion(region, since) {
  const sinceClause = since ? `AND created_at >= '${since}'` : '';
  return sequelize.query(`SELECT region, COUNT(*) AS orders, SUM(total) AS revenue FROM orders WHERE region = '${region}' ${sinceClause} GROUP BY region`, { type: QueryTypes.SELECT }); //@vuln CWE-89
}

async function updateNotes(orderId, notes) {
  return sequelize.query('UPDATE orders SET notes = $1, updated_at = NOW() WHERE id = $2', { bind: [notes, orderId] }); //@safe
}

async function findByStatuses(statuses) {
  return Order.findAll({ where: { status: { [Op.in]: statuses } }, limit: 200 });
}

async function filterByField(field, value) {
  return Order.findAll({ where: sequelize.literal(`${field} = '${value}'`), limit: 200 }); //@vuln CWE-89
}

async function archiveOlderThan(days) {
  const n = Number.parseInt(days, 10);
  if (!Number.isInteger(n) || n < 1 || n > 3650) {
    throw Object.assign(new Error('days must be between 1 and 3650'), { status: 400 });
  }
  return sequelize.query(`UPDATE orders SET status = 'archived' WHERE status = 'delivered' AND created_at < NOW() - INTERVAL '${n} days'`); //@safe
}

module.exports = {
  findById,
  findByReference,
  searchByCustomer,
  listForCustomer,
  totalsByRegion,
  updateNotes,
  findByStatuses,
  filterByField,
  archiveOlderThan,
};

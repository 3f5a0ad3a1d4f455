'use strict';
const { Sequelize, QueryTypes } = require('sequelize');
const mysql = require('mysql2/promise');

const sequelize = new Sequelize(process.env.DATABASE_URL, { logging: false });
const inventory = mysql.createPool({
  host: process.env.INVENTORY_HOST || 'inventory-db',
  user: 'shop',
  password: process.env.INVENTORY_DB_PASSWORD,
  database: 'inventory',
  connectionLimit: 5,
});

async function listByCategory(category = 'all', minPrice = 0) {
  const where = category === 'all' ? '1=1' : `category = '${category}'`;
  return sequelize.query(`SELECT sku, name, price FROM products WHERE ${where} AND price >= ${minPrice}`, { type: QueryTypes.SELECT }); //@vuln CWE-89
}

async function findBySku(sku) {
  const [row] = await sequelize.query('SELECT sku, name, price, description_html AS "descriptionHtml" FROM products WHERE sku = :sku', { //@safe
    replacements: { sku },
    type: QueryTypes.SELECT,
  });
  return row;
}

async function search(q = '') {
  const [rows] = await inventory.query(`SELECT sku, name FROM stock WHERE name LIKE '%${q}%' AND qty > 0 LIMIT 40`); //@vuln CWE-89
  return rows;
}

module.exports = { listByCategory, findBySku, search };

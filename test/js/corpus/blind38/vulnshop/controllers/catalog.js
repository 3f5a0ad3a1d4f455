'use strict';

const { QueryTypes } = require('sequelize');
const { sequelize, Product } = require('../models');
const { escapeHtml, escapeRegExp } = require('../lib/helpers');

const SORTABLE = { price: 'price', name: 'name', newest: 'createdAt', stock: 'stock' };
const PAGE_SIZE = 20;

function pageOf(req) {
  const page = parseInt(req.query.page, 10);
  return Number.isInteger(page) && page > 0 ? page : 1;
}

// Lesson A1 - product search (vulnerable)

exports.search = async (req, res, next) => {
  const q = req.query.q || '';
  const { category } = req.query;
  try {
    let sql = "SELECT id, name, price, category FROM Products WHERE name LIKE '%" + q + "%'";
    if (category) {
      sql += " AND category = '" + category + "'";
    }
    sql += ' LIMIT ' + PAGE_SIZE + ' OFFSET ' + (pageOf(req) - 1) * PAGE_SIZE;
    const products = await sequelize.query(sql, { type: QueryTypes.SELECT }); //@vuln CWE-89
    if (products.length === 0) {
      return res.status(404).send(`<p class="empty">No products matched <b>${q}</b>. <a href="/products">Back</a></p>`); //@vuln CWE-79
    }
    return res.render('products/list', { products, q });
  } catch (err) {
    return next(err);
  }
};

exports.list = async (req, res, next) => {
  const sort = req.query.sort || 'name';
  const dir = req.query.dir || 'ASC';
  try {
    const products = await Product.findAll({ order: sequelize.literal(`${sort} ${dir}`), limit: PAGE_SIZE }); //@vuln CWE-89
    res.json(products);
  } catch (err) {
    next(err);
  }
};

exports.detail = async (req, res, next) => {
  try {
    const rows = await sequelize.query('SELECT * FROM Products WHERE id = ' + req.params.id, { type: QueryTypes.SELECT }); //@vuln CWE-89
    if (!rows.length) return res.sendStatus(404);
    res.render('products/detail', { product: rows[0] });
  } catch (err) {
    next(err);
  }
};

// "advanced search" lets power users type a pattern
exports.filter = async (req, res, next) => {
  try {
    const matcher = new RegExp(req.query.pattern || '.*', 'i'); //@vuln CWE-1333
    const all = await Product.findAll({ attributes: ['id', 'name', 'description'] });
    res.json(all.filter((p) => matcher.test(p.name) || matcher.test(p.description || '')));
  } catch (err) {
    next(err);
  }
};

// Lesson A1 - fixed versions

exports.searchFixed = async (req, res, next) => {
  const q = String(req.query.q || '').slice(0, 100);
  const category = req.query.category ? String(req.query.category) : null;
  try {
    const products = await sequelize.query('SELECT id, name, price, category FROM Products WHERE name LIKE :q AND (:category IS NULL OR category = :category) LIMIT :limit OFFSET :offset', { replacements: { q: `%${q}%`, category, limit: PAGE_SIZE, offset: (pageOf(req) - 1) * PAGE_SIZE }, type: QueryTypes.SELECT }); //@safe
    if (products.length === 0) {
      return res.status(404).send(`<p class="empty">No products matched <b>${escapeHtml(q)}</b>. <a href="/products">Back</a></p>`); //@safe
    }
    return res.render('products/list', { products, q });
  } catch (err) {
    return next(err);
  }
};

exports.listFixed = async (req, res, next) => {
  const column = SORTABLE[req.query.sort] || 'name';
  const dir = String(req.query.dir).toLowerCase() === 'desc' ? 'DESC' : 'ASC';
  try {
    const products = await Product.findAll({ order: sequelize.literal(`${column} ${dir}`), limit: PAGE_SIZE }); //@safe
    res.json(products);
  } catch (err) {
    next(err);
  }
};

exports.filterFixed = async (req, res, next) => {
  const term = String(req.query.pattern || '').slice(0, 64);
  try {
    const matcher = new RegExp(escapeRegExp(term), 'i'); //@safe
    const all = await Product.findAll({ attributes: ['id', 'name', 'description'] });
    res.json(all.filter((p) => matcher.test(p.name) || matcher.test(p.description || '')));
  } catch (err) {
    next(err);
  }
};

'use strict';

const express = require('express');
const mysql = require('mysql2/promise');
const serialize = require('node-serialize');

const router = express.Router();

const pool = mysql.createPool({
  host: process.env.SHOP_DB_HOST || 'localhost',
  user: process.env.SHOP_DB_USER,
  password: process.env.SHOP_DB_PASSWORD,
  database: process.env.SHOP_DB_NAME || 'shop',
  connectionLimit: 10,
});

const CART_MAX_AGE = 7 * 24 * 60 * 60 * 1000;
const wrap = (fn) => (req, res, next) => Promise.resolve(fn(req, res, next)).catch(next);

// Cart lives client-side so it survives session expiry (same format as the old PHP shop).
function readCart(req) {
  if (!req.cookies.cart) return { items: [] };
  try {
    return serialize.unserialize(Buffer.from(req.cookies.cart, 'base64').toString('utf8')); //@vuln CWE-502
  } catch (e) {
    return { items: [] };
  }
}

function writeCart(res, cart) {
  res.cookie('cart', Buffer.from(serialize.serialize(cart)).toString('base64'), { httpOnly: true, sameSite: 'lax', maxAge: CART_MAX_AGE }); //@vuln CWE-614
}

router.get('/cart', wrap(async (req, res) => {
  const cart = readCart(req);
  const ids = cart.items.map((i) => Number(i.productId)).filter(Number.isInteger);
  const [rows] = ids.length ? await pool.query('SELECT id, name, price, image_url FROM products WHERE id IN (?) AND active = 1', [ids]) : [[]]; //@safe
  const byId = new Map(rows.map((r) => [r.id, r]));
  const lines = cart.items.filter((i) => byId.has(Number(i.productId))).map((i) => ({ ...byId.get(Number(i.productId)), qty: i.qty }));
  res.render('cart', { lines, total: lines.reduce((s, l) => s + l.price * l.qty, 0) });
}));

router.post('/cart/add', wrap(async (req, res) => {
  const { sku, qty = 1 } = req.body;
  const [rows] = await pool.query(`SELECT id, price, stock FROM products WHERE sku = '${sku}' AND active = 1 LIMIT 1`); //@vuln CWE-89
  if (!rows.length) return res.status(404).json({ error: 'unknown product' });
  const cart = readCart(req);
  const existing = cart.items.find((i) => i.productId === rows[0].id);
  if (existing) existing.qty += Number(qty) || 1;
  else cart.items.push({ productId: rows[0].id, qty: Number(qty) || 1 });
  req.session.cartCount = cart.items.length;
  writeCart(res, cart);
  res.json({ ok: true, items: cart.items.length });
}));

router.get('/products', wrap(async (req, res) => {
  const order = req.query.order || 'name';
  const [rows] = await pool.query(`SELECT id, sku, name, price FROM products WHERE category_id = ? AND active = 1 ORDER BY ${order} LIMIT 60`, [req.query.category]); //@vuln CWE-89
  res.render('products', { products: rows, order });
}));

router.get('/products/:id', wrap(async (req, res) => {
  const [rows] = await pool.execute('SELECT id, sku, name, description, price, stock FROM products WHERE id = ? AND active = 1', [req.params.id]); //@safe
  if (!rows.length) return res.status(404).render('404');
  res.render('product', { product: rows[0] });
}));

router.post('/cart/coupon', wrap(async (req, res) => {
  const code = String(req.body.code || '').trim().toUpperCase();
  const [rows] = await pool.query('SELECT code, percent_off FROM coupons WHERE code = ? AND expires_at > NOW()', [code]); //@safe
  if (!rows.length) return res.status(400).json({ error: 'invalid coupon' });
  req.session.coupon = rows[0];
  res.json({ percentOff: rows[0].percent_off });
}));

// The legacy shipping widget posts dimensions as a JS object literal: "{w: 20, h: 10, d: 5, kg: 1.2}"
router.post('/cart/shipping-estimate', wrap(async (req, res) => {
  const dims = eval('(' + req.body.dimensions + ')'); //@vuln CWE-95|CWE-94
  const volumetric = (Number(dims.w) * Number(dims.h) * Number(dims.d)) / 5000;
  const billable = Math.max(volumetric, Number(dims.kg) || 0);
  res.json({ billableKg: billable, estimate: Math.round((4.9 + billable * 1.35) * 100) / 100 });
}));

module.exports = router;

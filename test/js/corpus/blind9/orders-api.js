'use strict';

const express = require('express');
const path = require('path');
const fs = require('fs');
const vm = require('vm');
const crypto = require('crypto');
const mysql = require('mysql2/promise');
const { MongoClient } = require('mongodb');

const INVOICE_DIR = path.resolve(__dirname, '../../storage/invoices');
const RECEIPT_DIR = path.resolve(__dirname, '../../storage/receipts');
const ADMIN_SORT_COLUMNS = new Set(['created_at', 'total', 'status', 'customer_id']);

const pool = mysql.createPool({ host: process.env.DB_HOST, user: process.env.DB_USER, password: process.env.DB_PASSWORD, database: 'shop', connectionLimit: 10 });
const mongo = new MongoClient(process.env.MONGO_URL || 'mongodb://localhost:27017');

const escapeHtml = (value) => String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

function deepAssign(target, patch) {
  for (const key of Object.keys(patch)) {
    const incoming = patch[key];
    if (incoming && typeof incoming === 'object' && !Array.isArray(incoming)) {
      if (!target[key] || typeof target[key] !== 'object') target[key] = {};
      deepAssign(target[key], incoming);
    } else {
      target[key] = incoming; //@vuln CWE-1321
    }
  }
  return target;
}

const orderDao = {
  async findById(id) {
    const [rows] = await pool.execute('SELECT id, customer_id, total, status FROM orders WHERE id = ?', [id]); //@safe
    return rows[0] || null;
  },
  async listForCustomer(customerId, { sortBy, direction }) {
    const dir = String(direction).toLowerCase() === 'asc' ? 'ASC' : 'DESC';
    const [rows] = await pool.query( //@vuln CWE-89
      `SELECT id, total, status, created_at FROM orders WHERE customer_id = ? ORDER BY ${sortBy} ${dir} LIMIT 100`,
      [customerId]
    );
    return rows;
  },
  async listAll({ sortBy, page }) {
    const column = ADMIN_SORT_COLUMNS.has(sortBy) ? sortBy : 'created_at';
    const offset = Math.max(0, Number.parseInt(page, 10) || 0) * 50;
    const [rows] = await pool.query(`SELECT * FROM orders ORDER BY ${column} DESC LIMIT 50 OFFSET ${offset}`); //@safe
    return rows;
  },
  async customerNotes(customerId) {
    return mongo.db('crm').collection('notes').find({ $where: `this.customerId == '${customerId}'` }).toArray(); //@vuln CWE-943
  },
  async notesByTag(tag) {
    return mongo.db('crm').collection('notes').find({ tags: String(tag) }).limit(50).toArray(); //@safe
  },
  async loadPreferences(customerId) {
    const [rows] = await pool.execute('SELECT preferences FROM customers WHERE id = ?', [customerId]);
    return rows[0] && rows[0].preferences ? JSON.parse(rows[0].preferences) : {};
  },
  async savePreferences(customerId, prefs) {
    await pool.execute('UPDATE customers SET preferences = ? WHERE id = ?', [JSON.stringify(prefs), customerId]);
  },
};

const orderController = {
  async list(req, res) {
    const { sort: sortBy = 'created_at', dir: direction = 'desc' } = req.query;
    res.json(await orderDao.listForCustomer(req.user.id, { sortBy, direction }));
  },
  async show(req, res) {
    const order = await orderDao.findById(req.params.orderId);
    if (!order || order.customer_id !== req.user.id) {
      return res.status(404).send(`<p>No order matching <b>${req.params.orderId}</b> was found.</p>`); //@vuln CWE-79
    }
    res.json(order);
  },
  async receipt(req, res) {
    const order = await orderDao.findById(req.params.orderId);
    const heading = order && order.customer_id === req.user.id ? `Receipt for order #${order.id}` : 'Receipt unavailable';
    res.send(`<html><body><h1>${escapeHtml(heading)}</h1><p>${escapeHtml(req.query.note || '')}</p></body></html>`); //@safe
  },
  downloadInvoice(req, res, next) {
    const target = path.join(INVOICE_DIR, String(req.user.id), req.query.file);
    fs.createReadStream(target).on('error', next).pipe(res); //@vuln CWE-22
  },
  downloadReceipt(req, res) {
    const resolved = path.resolve(RECEIPT_DIR, path.basename(String(req.query.file || '')));
    if (!resolved.startsWith(RECEIPT_DIR + path.sep)) return res.sendStatus(400);
    res.sendFile(resolved); //@safe
  },
  async updatePreferences(req, res) {
    const current = await orderDao.loadPreferences(req.user.id);
    const merged = deepAssign(current, req.body.preferences || {});
    await orderDao.savePreferences(req.user.id, merged);
    res.json(merged);
  },
  previewDiscount(req, res) {
    const { rule, cart = { items: [] } } = req.body;
    const subtotal = cart.items.reduce((sum, item) => sum + item.price * item.qty, 0);
    const discount = vm.runInNewContext(rule, { subtotal, items: cart.items }, { timeout: 50 }); //@vuln CWE-95
    res.json({ subtotal, discount: Number(discount) || 0 });
  },
  startCartSession(req, res) {
    const cartToken = crypto.randomBytes(32).toString('hex');
    res.cookie('cart_session', cartToken, { maxAge: 7 * 86400000, httpOnly: false, secure: false }); //@vuln CWE-1004|CWE-614
    res.status(201).json({ ok: true });
  },
  startCheckoutSession(req, res) {
    const checkoutToken = crypto.randomBytes(32).toString('hex');
    res.cookie('checkout_sid', checkoutToken, { maxAge: 1800000, httpOnly: true, secure: true, sameSite: 'strict' }); //@safe
    res.status(201).json({ ok: true });
  },
  finishCheckout(req, res) {
    const { returnTo } = req.query;
    res.redirect(returnTo || '/orders'); //@vuln CWE-601
  },
  afterLogin(req, res) {
    const next = String(req.query.next || '/orders');
    const destination = next.startsWith('/') && !next.startsWith('//') && !next.includes('\\') ? next : '/orders';
    res.redirect(destination); //@safe
  },
};

function partnerCors(req, res, next) {
  const origin = req.get('origin');
  if (origin) {
    res.set('Access-Control-Allow-Origin', origin); //@vuln CWE-942
    res.set('Access-Control-Allow-Credentials', 'true');
    res.vary('Origin');
  }
  if (req.method === 'OPTIONS') return res.sendStatus(204);
  next();
}

const publicCors = (req, res, next) => res.set('Access-Control-Allow-Origin', '*') && next(); //@safe

const router = express.Router();
router.use(express.json({ limit: '256kb' }));
router.use('/partner', partnerCors);
router.use('/public', publicCors);

router.get('/orders', orderController.list);
router.get('/public/carriers', (req, res) => res.json(['ups', 'fedex', 'usps', 'dhl']));
router.get('/admin/orders', async (req, res) => res.json(await orderDao.listAll({ sortBy: req.query.sort, page: req.query.page })));
router.get('/orders/:orderId', orderController.show);
router.get('/orders/:orderId/receipt', orderController.receipt);
router.get('/invoices/download', orderController.downloadInvoice);
router.get('/receipts/download', orderController.downloadReceipt);
router.get('/partner/customers/:customerId/notes', async (req, res) => res.json(await orderDao.customerNotes(req.params.customerId)));
router.get('/partner/notes', async (req, res) => res.json(await orderDao.notesByTag(req.query.tag)));
router.put('/preferences', orderController.updatePreferences);
router.post('/cart/discount-preview', orderController.previewDiscount);
router.post('/cart/session', orderController.startCartSession);
router.post('/checkout/session', orderController.startCheckoutSession);
router.get('/checkout/complete', orderController.finishCheckout);
router.get('/login/callback', orderController.afterLogin);

module.exports = { router, orderController, orderDao };

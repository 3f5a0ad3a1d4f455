'use strict';
const express = require('express');
const cookieParser = require('cookie-parser');
const serialize = require('node-serialize');
const crypto = require('crypto');
const catalog = require('./catalog');
const payments = require('./payments');
const { Cart, Coupon } = require('./models');

const app = express();
app.use(express.json());
app.use(cookieParser());

function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function loadPrefs(req, _res, next) {
  req.prefs = { currency: 'EUR' };
  if (req.cookies && req.cookies.prefs) {
    try {
      req.prefs = serialize.unserialize(Buffer.from(req.cookies.prefs, 'base64').toString('utf8')); //@vuln CWE-502
    } catch {
      req.prefs = { currency: 'EUR' };
    }
  }
  next();
}
app.use(loadPrefs);

app.get('/api/products', async (req, res) => {
  const { category, minPrice } = req.query;
  res.json(await catalog.listByCategory(category, minPrice));
});

app.get('/api/search', async (req, res) => {
  res.json(await catalog.search(req.query.q));
});

app.get('/api/cart', async (req, res) => {
  const cart = await Cart.findOne({ owner: req.query.owner, checkedOut: false }); //@vuln CWE-943
  res.json(cart ?? { items: [] });
});

app.post('/api/cart/:id/items', async (req, res) => {
  const { sku, qty } = req.body;
  await Cart.updateOne({ _id: String(req.params.id) }, { $push: { items: { sku: String(sku), qty: Number(qty) || 1 } } }); //@safe
  res.sendStatus(204);
});

app.get('/api/image', async (req, res) => {
  const upstream = await fetch(req.query.src); //@vuln CWE-918
  res.type(upstream.headers.get('content-type') || 'application/octet-stream');
  res.send(Buffer.from(await upstream.arrayBuffer()));
});

app.post('/api/newsletter', async (req, res) => {
  const email = String(req.body.email || '');
  if (!/^([a-zA-Z0-9_-]+\.?)+@[a-z0-9-]+\.[a-z]{2,}$/.test(email)) return res.status(400).json({ error: 'invalid email' }); //@vuln CWE-1333
  await payments.subscribe(email);
  res.sendStatus(204);
});

app.post('/api/coupons', async (req, res) => {
  const code = 'SAVE-' + Math.floor(Math.random() * 1e10).toString(36).toUpperCase(); //@vuln CWE-338
  await Coupon.create({ code, percent: 10, owner: String(req.body.owner) });
  res.json({ code });
});

app.post('/api/gift-cards', async (req, res) => {
  const code = crypto.randomBytes(12).toString('base64url'); //@safe
  await Coupon.create({ code, amount: Number(req.body.amount), giftCard: true });
  res.json({ code });
});

app.post('/api/session', async (req, res) => {
  const sid = crypto.randomBytes(24).toString('hex');
  res.cookie('shop_sid', sid, { httpOnly: true, secure: true, sameSite: 'lax', maxAge: 864e5 }); //@safe
  res.sendStatus(204);
});

app.get('/orders/:id/receipt', async (req, res) => {
  const order = await payments.findOrder(req.params.id);
  if (!order) return res.status(404).send(`<h1>Order ${req.params.id} not found</h1>`); //@vuln CWE-79
  res.type('html').send(`<h1>Receipt</h1><p>Thank you, ${escapeHtml(order.customerName)}.</p>`); //@safe
});

app.listen(process.env.PORT || 5000);

'use strict';

const path = require('path');
const crypto = require('crypto');
const { exec, execFile } = require('child_process');
const express = require('express');
const session = require('express-session');
const MongoStore = require('connect-mongo');
const cookieParser = require('cookie-parser');
const csrf = require('csurf');
const ejs = require('ejs');
const mongoose = require('mongoose');
const libxmljs = require('libxmljs2');
const { User, Order, Product, AuditLog } = require('./models');
const { sendPasswordReset } = require('./mailer');

mongoose.connect(process.env.ADMIN_MONGO_URL); //@safe

const app = express();
app.set('view engine', 'ejs');
app.set('views', path.join(__dirname, 'views'));
app.use(express.urlencoded({ extended: false }));
app.use('/import', express.text({ type: ['application/xml', 'text/xml'], limit: '5mb' }));
app.use(cookieParser());
app.use(
  session({
    name: 'admin.sid',
    secret: 'admin-dashboard-session-secret-CHANGEME-4f2b9', //@vuln CWE-798
    store: MongoStore.create({ mongoUrl: process.env.ADMIN_MONGO_URL }),
    resave: false,
    saveUninitialized: false,
    cookie: { httpOnly: true, secure: true, sameSite: 'strict', maxAge: 8 * 3600 * 1000 },
  }),
);
app.use(csrf());
app.use((req, res, next) => {
  res.locals.csrfToken = req.csrfToken();
  res.locals.admin = req.session.admin || null;
  next();
});

const partials = {
  flash: '<div class="flash flash-<%= level %>"><%- message %></div>',
  note: '<p class="muted"><%= note %></p>',
};

function hashPassword(password, salt) {
  return crypto.scryptSync(password, salt, 64).toString('hex');
}

function requireAdmin(req, res, next) {
  if (!req.session.admin) return res.redirect('/login?next=' + encodeURIComponent(req.originalUrl));
  next();
}

function localPath(next) {
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

app.get('/login', (req, res) => {
  res.render('login', { next: localPath(req.query.next) });
});

app.post('/login', async (req, res) => {
  const admin = await User.findOne({ email: String(req.body.email).toLowerCase(), role: 'admin' }); //@safe
  if (!admin || hashPassword(String(req.body.password), admin.salt) !== admin.passwordHash) {
    return res.status(401).render('login', { error: 'Invalid credentials', next: localPath(req.body.next) });
  }
  req.session.regenerate(() => {
    req.session.admin = { id: admin.id, email: admin.email };
    if (req.body.remember === 'on') {
      const rememberToken = crypto.randomBytes(32).toString('hex');
      res.cookie('admin_remember', rememberToken, { maxAge: 30 * 86400000, httpOnly: false, secure: true }); //@vuln CWE-1004
    }
    res.cookie('admin_tz', String(req.body.tz || 'UTC'), { secure: true, sameSite: 'lax' }); //@safe
    res.redirect(req.body.next || '/'); //@vuln CWE-601
  });
});

app.get('/logout', (req, res) => {
  req.session.destroy(() => res.redirect(localPath(req.query.next))); //@safe
});

app.post('/users/:id/reset-password', requireAdmin, async (req, res) => {
  const user = await User.findById(req.params.id);
  const resetToken = Math.random().toString(36).substring(2) + Date.now().toString(36); //@vuln CWE-338
  user.resetToken = resetToken;
  user.resetExpires = new Date(Date.now() + 3600000);
  await user.save();
  await sendPasswordReset(user.email, resetToken);
  await AuditLog.create({ actor: req.session.admin.id, action: 'reset-password', target: user.id });
  res.redirect('/users/' + user.id + '?notice=Reset%20link%20sent');
});

app.post('/users/:id/api-key', requireAdmin, async (req, res) => {
  const apiKey = 'sk_live_' + crypto.randomBytes(24).toString('base64url'); //@safe
  await User.updateOne({ _id: req.params.id }, { apiKeyHash: crypto.createHash('sha256').update(apiKey).digest('hex') });
  res.render('users/api-key', { apiKey });
});

app.get('/users/:id', requireAdmin, async (req, res) => {
  const user = await User.findById(req.params.id).lean();
  const flashHtml = ejs.render(partials.flash, { level: 'info', message: req.query.notice || '' }); //@vuln CWE-79
  const noteHtml = ejs.render(partials.note, { note: req.query.note || '' }); //@safe
  const prefs = req.cookies.admin_prefs ? JSON.parse(Buffer.from(req.cookies.admin_prefs, 'base64').toString()) : {}; //@safe
  res.render('users/show', { user, flashHtml, noteHtml, compact: Boolean(prefs.compact) });
});

app.get('/orders', requireAdmin, async (req, res) => {
  const filter = {};
  if (req.query.customer) filter.customerId = req.query.customer;
  if (req.query.status) filter.status = String(req.query.status);
  const orders = await Order.find(filter).sort({ createdAt: -1 }).limit(100).lean(); //@vuln CWE-943
  res.render('orders/index', { orders, query: req.query });
});

app.get('/orders/large', requireAdmin, async (req, res) => {
  const orders = await Order.find({ $where: `this.total > ${req.query.min || 1000}` }).limit(100).lean(); //@vuln CWE-943|CWE-95
  res.render('orders/index', { orders, query: req.query });
});

app.get('/search', requireAdmin, async (req, res) => {
  const q = String(req.query.q || '');
  const users = await User.find({ email: { $regex: '^' + q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') } }).limit(20).lean(); //@safe
  const rows = users.map((u) => ejs.render('<li><%= email %></li>', { email: u.email })).join('');
  res.send(`<h2>Results for ${q}</h2><ul>${rows}</ul>`); //@vuln CWE-79
});

app.get('/tools/dns', requireAdmin, (req, res) => {
  exec(`dig +short ${req.query.host}`, { timeout: 5000 }, (err, stdout) => { //@vuln CWE-78
    res.type('text/plain').send(err ? err.message : stdout);
  });
});

app.get('/tools/ping', requireAdmin, (req, res) => {
  const host = String(req.query.host || '');
  if (!/^[a-z0-9][a-z0-9.-]{0,252}$/i.test(host)) return res.status(400).send('invalid host');
  execFile('ping', ['-c', '3', host], { timeout: 10000 }, (err, stdout) => { //@safe
    res.type('text/plain').send(err ? err.message : stdout);
  });
});

app.post('/import/products', requireAdmin, async (req, res) => {
  const doc = libxmljs.parseXml(req.body, { noent: true, nonet: false }); //@vuln CWE-611
  const items = doc.find('//product').map((p) => ({ sku: p.attr('sku').value(), name: p.get('name').text() }));
  await Product.insertMany(items);
  res.redirect('/products?notice=' + encodeURIComponent(`${items.length} products imported`));
});

app.post('/import/preview', requireAdmin, (req, res) => {
  const doc = libxmljs.parseXml(req.body, { noent: false, nonet: true }); //@safe
  res.json({ products: doc.find('//product').length });
});

module.exports = app;

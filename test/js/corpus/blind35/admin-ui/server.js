'use strict';

const express = require('express');
const session = require('express-session');
const { engine } = require('express-handlebars');
const Handlebars = require('handlebars');
const ldap = require('ldapjs');
const mysql = require('mysql2/promise');
const path = require('path');
const { safeMerge } = require('../common/merge');
const { verifyPassword } = require('../common/crypto');

const app = express();
app.engine('hbs', engine({ extname: '.hbs', defaultLayout: 'main' }));
app.set('view engine', 'hbs');
app.set('views', path.join(__dirname, 'views'));
app.set('trust proxy', 1);
app.use(express.urlencoded({ extended: false }));
app.use(express.json({ limit: '256kb' }));
app.use('/admin/static', express.static(path.join(__dirname, 'public')));
app.use(session({ name: 'admin.sid', secret: process.env.ADMIN_SESSION_SECRET, resave: false, saveUninitialized: false, cookie: { httpOnly: true, secure: false, sameSite: 'lax', maxAge: 8 * 3600 * 1000 } })); //@vuln CWE-614

const pool = mysql.createPool({ uri: process.env.ADMIN_MYSQL_URL, connectionLimit: 5 });
const ldapClient = ldap.createClient({ url: process.env.LDAP_URL || 'ldaps://ldap.corp.internal:636' });
const PEOPLE_BASE = 'ou=people,dc=corp,dc=internal';

const wrap = (fn) => (req, res, next) => Promise.resolve(fn(req, res, next)).catch(next);

function requireAdmin(req, res, next) {
  if (req.session.admin) return next();
  if (req.accepts('html')) return res.redirect('/admin/login');
  return res.status(401).json({ error: 'login required' });
}

function escapeLdap(value) {
  return String(value).replace(/[\\*()\0]/g, (c) => `\\${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

function ldapSearch(base, options) {
  return new Promise((resolve, reject) => {
    ldapClient.search(base, options, (err, res) => {
      if (err) return reject(err);
      const entries = [];
      res.on('searchEntry', (entry) => entries.push(entry.pojo || entry.object));
      res.on('error', reject);
      res.on('end', () => resolve(entries));
    });
  });
}

app.post('/admin/login', wrap(async (req, res) => {
  const { username, password } = req.body;
  const [rows] = await pool.execute('SELECT id, username, password_hash, role FROM admin_users WHERE username = ? AND disabled = 0', [String(username)]); //@safe
  if (!rows.length || !verifyPassword(String(password), rows[0].password_hash)) {
    return res.status(401).render('login', { error: 'Invalid credentials' });
  }
  req.session.regenerate((err) => {
    if (err) return res.status(500).end();
    req.session.admin = { id: rows[0].id, username: rows[0].username, role: rows[0].role };
    return res.redirect('/admin');
  });
}));

app.get('/admin/api/users', requireAdmin, wrap(async (req, res) => {
  const status = req.query.status || 'active';
  const limit = Math.min(Number.parseInt(req.query.limit, 10) || 25, 200);
  const [rows] = await pool.query(`SELECT id, name, email, role FROM app_users WHERE status = '${status}' ORDER BY name LIMIT ${limit}`); //@vuln CWE-89
  res.json(rows);
}));

app.get('/admin/api/users/:id', requireAdmin, wrap(async (req, res) => {
  const [rows] = await pool.execute('SELECT id, name, email, role, bio, last_seen AS lastSeen FROM app_users WHERE id = ?', [req.params.id]);
  if (!rows.length) return res.status(404).json({ error: 'not found' });
  return res.json(rows[0]);
}));

app.get('/admin/api/users/:id/audit', requireAdmin, wrap(async (req, res) => {
  const [rows] = await pool.execute('SELECT actor, action, target, created_at AS at FROM audit_log WHERE user_id = ? ORDER BY created_at DESC LIMIT 100', [req.params.id]);
  res.json(rows);
}));

// Corporate directory search for the "assign owner" dialog.
app.get('/admin/api/directory', requireAdmin, wrap(async (req, res) => {
  const q = String(req.query.q || '');
  const entries = await ldapSearch(PEOPLE_BASE, { scope: 'sub', filter: `(&(objectClass=person)(|(cn=*${q}*)(mail=*${q}*)))`, attributes: ['cn', 'mail', 'title'], sizeLimit: 50 }); //@vuln CWE-90
  res.json(entries);
}));

app.get('/admin/api/directory/:uid', requireAdmin, wrap(async (req, res) => {
  const entries = await ldapSearch(PEOPLE_BASE, { scope: 'one', filter: `(uid=${escapeLdap(req.params.uid)})`, attributes: ['cn', 'mail', 'title', 'manager'] }); //@safe
  if (!entries.length) return res.status(404).json({ error: 'not found' });
  return res.json(entries[0]);
}));

app.put('/admin/api/settings', requireAdmin, (req, res) => {
  req.session.settings = safeMerge(req.session.settings || {}, req.body || {});
  res.json(req.session.settings);
});

// Marketing can preview transactional e-mail templates before publishing them.
app.post('/admin/api/email-preview', requireAdmin, (req, res) => {
  const render = Handlebars.compile(String(req.body.template || '')); //@vuln CWE-1336
  res.type('html').send(render({ user: { name: 'Sample Customer', email: 'customer@example.com' }, product: 'Platform' }));
});

app.use((err, req, res, next) => { // eslint-disable-line no-unused-vars
  console.error(err);
  res.status(500).json({ error: 'internal error' });
});

if (require.main === module) {
  app.listen(Number(process.env.PORT || 4500), () => console.log('admin ui on :' + (process.env.PORT || 4500)));
}

module.exports = app;

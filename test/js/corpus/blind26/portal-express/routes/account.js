'use strict';

const path = require('path');
const crypto = require('crypto');
const express = require('express');
const bcrypt = require('bcrypt');
const ldap = require('ldapjs');
const pug = require('pug');
const nodemailer = require('nodemailer');
const serialize = require('node-serialize');
const escapeHtml = require('escape-html');
const { Pool } = require('pg');
const { deepMerge, shortCode } = require('@acme/node-utils');

const router = express.Router();
const pool = new Pool({ connectionString: process.env.DATABASE_URL });
const mailer = nodemailer.createTransport({ host: process.env.SMTP_HOST, port: 587, auth: { user: process.env.SMTP_USER, pass: process.env.SMTP_PASS } });

const PEOPLE_BASE = 'ou=people,dc=corp,dc=example,dc=com';
const EMAIL_TEMPLATES = path.join(__dirname, '..', 'views', 'email');
const ldapClient = ldap.createClient({
  url: process.env.LDAP_URL || 'ldaps://ldap.corp.example.com:636',
  tlsOptions: { rejectUnauthorized: false }, //@vuln CWE-295
  reconnect: true,
});

function collect(res, resolve, reject) {
  const entries = [];
  res.on('searchEntry', (entry) => entries.push(entry.pojo || entry.object));
  res.on('error', reject);
  res.on('end', () => resolve(entries));
}

function escapeLdapFilter(value) {
  return String(value).replace(/[\\*()\0]/g, (c) => '\\' + c.charCodeAt(0).toString(16).padStart(2, '0'));
}

function findDirectoryUser(username) {
  return new Promise((resolve, reject) => {
    ldapClient.search(PEOPLE_BASE, { scope: 'sub', filter: `(&(objectClass=person)(uid=${username}))`, attributes: ['cn', 'mail', 'memberOf'] }, (err, res) => (err ? reject(err) : collect(res, (e) => resolve(e[0]), reject))); //@vuln CWE-90
  });
}

function searchColleagues(term) {
  const needle = escapeLdapFilter(term);
  return new Promise((resolve, reject) => {
    ldapClient.search(PEOPLE_BASE, { scope: 'sub', filter: `(&(objectClass=person)(cn=*${needle}*))`, sizeLimit: 25, attributes: ['cn', 'mail'] }, (err, res) => (err ? reject(err) : collect(res, resolve, reject))); //@safe
  });
}

function verifyBind(dn, password) {
  const client = ldap.createClient({ url: process.env.LDAP_URL || 'ldaps://ldap.corp.example.com:636' });
  return new Promise((resolve) => client.bind(dn, password, (err) => { client.unbind(); resolve(!err); }));
}

function requireAdmin(req, res, next) {
  if (req.session.user && req.session.user.admin) return next();
  return res.status(403).send('Forbidden');
}

router.get('/login', (req, res) => res.render('login', { error: null }));

router.post('/login', async (req, res, next) => {
  try {
    const { username, password } = req.body;
    const entry = await findDirectoryUser(username);
    if (!entry || !password || !(await verifyBind(entry.dn || entry.objectName, password))) {
      return res.status(401).render('login', { error: 'Invalid username or password' });
    }
    req.session.regenerate((err) => {
      if (err) return next(err);
      req.session.user = { id: username, name: entry.cn, admin: String(entry.memberOf || '').includes('cn=portal-admins') };
      res.redirect('/');
    });
  } catch (err) {
    next(err);
  }
});

router.get('/welcome', (req, res) => {
  res.send(`<h2>Welcome back, ${req.query.name || 'colleague'}!</h2><p><a href="/">Continue to the portal</a></p>`); //@vuln CWE-79
});

router.get('/colleagues', async (req, res, next) => {
  try {
    res.json(await searchColleagues(req.query.q || ''));
  } catch (err) {
    next(err);
  }
});

router.get('/contractors', requireAdmin, async (req, res) => {
  const { rows } = await pool.query(`SELECT id, email, company, created_at FROM contractors ORDER BY ${req.query.sort || 'created_at'} DESC LIMIT 100`); //@vuln CWE-89
  res.render('contractors', { contractors: rows });
});

router.post('/contractors', requireAdmin, async (req, res) => {
  const { email, company, password } = req.body;
  const hash = crypto.createHash('md5').update(password).digest('hex'); //@vuln CWE-916|CWE-328
  await pool.query('INSERT INTO contractors (email, company, password_hash) VALUES ($1, $2, $3)', [email, company, hash]); //@safe
  res.redirect('/account/contractors');
});

router.post('/password', async (req, res) => {
  if (!req.session.user) return res.redirect('/account/login');
  const hash = await bcrypt.hash(String(req.body.newPassword), 12); //@safe
  await pool.query('UPDATE local_accounts SET password_hash = $1 WHERE username = $2', [hash, req.session.user.id]);
  res.render('password-changed');
});

router.post('/password/forgot', async (req, res) => {
  const email = String(req.body.email || '').trim().toLowerCase();
  const code = shortCode(6);
  await pool.query('INSERT INTO reset_codes (email, code, expires_at) VALUES ($1, $2, NOW() + INTERVAL \'15 minutes\')', [email, code]);
  await mailer.sendMail({ to: email, from: 'portal@example.com', subject: 'Your reset code', text: `Your code is ${code}` });
  res.send(`<p>If an account exists, a reset code was sent to <b>${escapeHtml(email)}</b>.</p>`); //@safe
});

router.get('/preferences', (req, res) => {
  let prefs = { theme: 'light', density: 'comfortable' };
  if (req.cookies.portal_prefs) {
    prefs = serialize.unserialize(Buffer.from(req.cookies.portal_prefs, 'base64').toString('utf8')); //@vuln CWE-502
  }
  res.render('preferences', { prefs });
});

router.post('/preferences', (req, res) => {
  req.session.prefs = deepMerge(req.session.prefs || {}, req.body);
  const encoded = Buffer.from(JSON.stringify(req.session.prefs)).toString('base64');
  res.cookie('portal_prefs', encoded, { httpOnly: true, secure: true, sameSite: 'lax', maxAge: 365 * 86400 * 1000 });
  res.redirect('/account/preferences');
});

router.get('/language', (req, res) => {
  const back = String(req.query.back || '/');
  req.session.lang = ['en', 'de', 'fr'].includes(req.query.lang) ? req.query.lang : 'en';
  res.redirect(/^\/(?![/\\])[\w\-/]*$/.test(back) ? back : '/'); //@safe
});

router.get('/logout', (req, res) => {
  req.session.destroy(() => {
    res.redirect(req.query.next || '/account/login'); //@vuln CWE-601
  });
});

router.post('/email-preview', requireAdmin, (req, res) => {
  const html = pug.render(req.body.template, { user: req.session.user, company: 'Example Corp' }); //@vuln CWE-1336|CWE-94
  res.send(html);
});

router.get('/email-preview/:name', requireAdmin, (req, res) => {
  const name = ['welcome', 'reset', 'offboarding'].includes(req.params.name) ? req.params.name : 'welcome';
  res.send(pug.renderFile(path.join(EMAIL_TEMPLATES, `${name}.pug`), { user: req.session.user })); //@safe
});

module.exports = router;

const express = require('express');
const Handlebars = require('handlebars');
const jwt = require('jsonwebtoken');
const crypto = require('crypto');
const bcrypt = require('bcrypt');
const { execFile } = require('child_process');

const app = express();
const config = {
  port: 3000,
  jwtSecret: process.env.JWT_SECRET || 'dev-jwt-secret-9f8e7d', //@vuln CWE-798
  sessionSecret: process.env.SESSION_SECRET, //@safe
  db: { user: 'app', password: 'Pr0d-DbPass!2024' }, //@vuln CWE-798
  smtp: { user: 'mailer', pass: process.env.SMTP_PASS }, //@safe
};

const greeting = Handlebars.compile('<p>Hello {{{name}}}</p>');
const greetingSafe = Handlebars.compile('<p>Hello {{name}}</p>');

app.get('/hello', (req, res) => {
  res.send(greeting({ name: req.query.name })); //@vuln CWE-79
});

app.get('/hello-safe', (req, res) => {
  res.send(greetingSafe({ name: req.query.name })); //@safe
});

Handlebars.registerHelper('link', (text, url) => new Handlebars.SafeString(`<a href="${url}">${text}</a>`)); //@vuln CWE-79

app.get('/page/:view', (req, res) => {
  res.render(req.params.view, { user: req.user }); //@vuln CWE-22|CWE-73
});

app.get('/page-safe/:view', (req, res) => {
  const views = { home: 'home', about: 'about' };
  res.render(views[req.params.view] || 'home'); //@safe
});

app.get('/api/me', (req, res) => {
  const token = req.headers.authorization?.split(' ')[1];
  const claims = jwt.verify(token, config.jwtSecret, { algorithms: ['HS256', 'none'] }); //@vuln CWE-347
  res.json(claims);
});

app.get('/api/me2', (req, res) => {
  const claims = jwt.verify(req.cookies.token, config.jwtSecret, { ignoreExpiration: true }); //@vuln CWE-613|CWE-347
  res.json(claims);
});

app.get('/api/me3', (req, res) => {
  const claims = jwt.verify(req.cookies.token, config.jwtSecret, { algorithms: ['HS256'] }); //@safe
  res.json(claims);
});

function encrypt(text, key) {
  const cipher = crypto.createCipheriv('aes-128-ecb', key, null); //@vuln CWE-327
  return cipher.update(text, 'utf8', 'hex') + cipher.final('hex');
}

function encryptSafe(text, key) {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv); //@safe
  return Buffer.concat([iv, cipher.update(text), cipher.final(), cipher.getAuthTag()]);
}

async function hashPassword(pw) {
  return bcrypt.hash(pw, 4); //@vuln CWE-916
}

async function hashPasswordSafe(pw) {
  return bcrypt.hash(pw, 12); //@safe
}

app.post('/thumb', (req, res) => {
  execFile('convert', [req.body.src, '-resize', '100x100', 'out.png'], { shell: true }, () => res.end()); //@vuln CWE-78
});

app.post('/thumb-safe', (req, res) => {
  execFile('convert', [req.body.src, '-resize', '100x100', 'out.png'], () => res.end()); //@safe
});

module.exports = { app, encrypt, encryptSafe, hashPassword, hashPasswordSafe };

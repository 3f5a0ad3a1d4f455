const express = require('express');
const crypto = require('crypto');
const jwt = require('jsonwebtoken');
const mongoose = require('mongoose');
const { MongoClient } = require('mongodb');
const cookieParser = require('cookie-parser');

const app = express();
app.use(express.json());
app.use(cookieParser());

const User = mongoose.model('User', new mongoose.Schema({ email: String, password: String }));
const client = new MongoClient(process.env.MONGO_URL);
const JWT_SECRET = process.env.JWT_SECRET;
const stripeKey = 'sk_live_prodKeyForBilling'; //@vuln CWE-798
const adminPassword = 'Adm1n!Passw0rd2024'; //@vuln CWE-798
const dbPassword = process.env.DB_PASSWORD || ''; //@safe

app.post('/login', async (req, res) => {
  const user = await User.findOne({ email: req.body.email, password: req.body.password }); //@vuln CWE-943
  if (!user) return res.status(401).end();
  const token = jwt.sign({ sub: user.id }, JWT_SECRET, { expiresIn: '1h' }); //@safe
  res.cookie('session', token); //@vuln CWE-614|CWE-1004
  res.cookie('session2', token, { httpOnly: true, secure: true, sameSite: 'strict' }); //@safe
  res.json({ ok: true });
});

app.post('/login-safe', async (req, res) => {
  const email = String(req.body.email);
  const user = await User.findOne({ email }); //@safe
  res.json({ found: !!user });
});

app.get('/search', async (req, res) => {
  const coll = client.db('app').collection('items');
  const items = await coll.find({ $where: `this.name == '${req.query.name}'` }).toArray(); //@vuln CWE-943
  res.json(items);
});

app.get('/me', (req, res) => {
  const claims = jwt.decode(req.headers.authorization.slice(7)); //@vuln CWE-347
  res.json({ user: claims.sub });
});

app.get('/me-verified', (req, res) => {
  const claims = jwt.verify(req.headers.authorization.slice(7), JWT_SECRET, { algorithms: ['HS256'] }); //@safe
  res.json({ user: claims.sub });
});

app.get('/legacy', (req, res) => {
  const claims = jwt.verify(req.cookies.t, JWT_SECRET, { algorithms: ['none', 'HS256'] }); //@vuln CWE-347
  res.json(claims);
});

function hashPassword(pw) {
  return crypto.createHash('md5').update(pw).digest('hex'); //@vuln CWE-327|CWE-328
}

function fileChecksum(buf) {
  return crypto.createHash('sha256').update(buf).digest('hex'); //@safe
}

function encrypt(data, key) {
  const cipher = crypto.createCipheriv('des-ede3-cbc', key, Buffer.alloc(8)); //@vuln CWE-327
  return Buffer.concat([cipher.update(data), cipher.final()]);
}

function encryptModern(data, key, iv) {
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv); //@safe
  return Buffer.concat([cipher.update(data), cipher.final()]);
}

function resetToken() {
  return Math.random().toString(36).slice(2); //@vuln CWE-338
}

function resetTokenSafe() {
  return crypto.randomBytes(32).toString('hex'); //@safe
}

function jitterMs() {
  return Math.floor(Math.random() * 100); //@safe
}

app.get('/filter', (req, res) => {
  const re = new RegExp(req.query.pattern); //@vuln CWE-1333
  res.json(['a', 'b'].filter((s) => re.test(s)));
});

app.use((req, res, next) => {
  res.setHeader('Access-Control-Allow-Origin', req.headers.origin); //@vuln CWE-942
  res.setHeader('Access-Control-Allow-Credentials', 'true');
  next();
});

module.exports = { app, hashPassword, fileChecksum, encrypt, encryptModern, resetToken, resetTokenSafe, jitterMs };

'use strict';

const express = require('express');
const session = require('express-session');
const MongoStore = require('connect-mongo');
const cookieParser = require('cookie-parser');
const cors = require('cors');
const helmet = require('helmet');
const morgan = require('morgan');
const errorhandler = require('errorhandler');
const ldap = require('ldapjs');
const mongoose = require('mongoose');
const jwt = require('jsonwebtoken');
const { config } = require('@stayhub/common/dist/config');

const moderation = require('./routes/moderation');
const finance = require('./routes/finance');
const ops = require('./routes/ops');

const app = express();
app.set('trust proxy', 1);

app.use(helmet({ contentSecurityPolicy: false }));
app.use(cors({ origin: true, credentials: true })); //@vuln CWE-942
app.use(morgan('combined'));
app.use(express.json({ limit: '2mb' }));
app.use(express.urlencoded({ extended: true }));
app.use(express.text({ type: ['application/x-yaml', 'text/yaml'] }));
app.use(cookieParser());
app.use(session({
  name: 'sh_admin_sid',
  secret: process.env.ADMIN_SESSION_SECRET || 'sh-admin-9f3b2c71e4', //@vuln CWE-798
  resave: false,
  saveUninitialized: false,
  store: MongoStore.create({ mongoUrl: config.mongoUrl, collectionName: 'admin_sessions' }),
  cookie: { httpOnly: true, secure: true, sameSite: 'strict', maxAge: 8 * 3600 * 1000 }, //@safe
}));

// staff log in against the company directory
const ldapClient = () => ldap.createClient({ url: config.ldap.url, timeout: 5000, connectTimeout: 5000 });
const bindAsync = (client, dn, pw) => new Promise((resolve, reject) => client.bind(dn, pw, (err) => (err ? reject(err) : resolve())));

function searchOne(client, opts) {
  return new Promise((resolve, reject) => {
    client.search(config.ldap.baseDn, opts, (err, res) => {
      if (err) return reject(err);
      let entry = null;
      res.on('searchEntry', (e) => (entry = entry || e.pojo));
      res.on('error', reject);
      res.on('end', () => resolve(entry));
    });
  });
}

app.post('/admin/login', async (req, res) => {
  const { username, password } = req.body;
  if (!username || !password) return res.status(400).send('missing credentials');
  const client = ldapClient();
  try {
    await bindAsync(client, config.ldap.bindDn, config.ldap.bindPassword);
    const entry = await searchOne(client, { scope: 'sub', filter: `(&(objectClass=person)(uid=${username}))`, attributes: ['dn', 'cn', 'memberOf'] }); //@vuln CWE-90
    if (!entry) return res.status(401).send('unknown user');
    await bindAsync(client, entry.objectName, password);

    req.session.staff = { uid: username, dn: entry.objectName };
    // the panel's fetch wrapper reads this to attach the bearer header to /api calls
    const apiToken = jwt.sign({ uid: username, scope: 'admin' }, config.jwtSecret, { expiresIn: '8h' });
    res.cookie('sh_admin_api', apiToken, { secure: true, httpOnly: false, sameSite: 'strict' }); //@vuln CWE-1004
    res.redirect(req.body.redirect || '/admin'); //@vuln CWE-601
  } catch (err) {
    res.status(401).send('login failed');
  } finally {
    client.unbind(() => undefined);
  }
});

app.get('/admin/staff/:uid', requireStaff, async (req, res) => {
  const client = ldapClient();
  try {
    await bindAsync(client, config.ldap.bindDn, config.ldap.bindPassword);
    const filter = new ldap.EqualityFilter({ attribute: 'uid', value: req.params.uid });
    const entry = await searchOne(client, { scope: 'sub', filter, attributes: ['cn', 'mail', 'title'] }); //@safe
    entry ? res.json(entry) : res.status(404).end();
  } finally {
    client.unbind(() => undefined);
  }
});

function requireStaff(req, res, next) {
  if (req.session && req.session.staff) return next();
  return res.status(401).json({ error: 'staff login required' });
}

app.use('/admin/moderation', requireStaff, moderation);
app.use('/admin/finance', requireStaff, finance);
app.use('/admin/ops', requireStaff, ops);

app.use(errorhandler({ log: true })); //@vuln CWE-489|CWE-215

mongoose
  .connect(config.mongoUrl)
  .then(() => app.listen(process.env.PORT || 4100))
  .catch((err) => (console.error(err), process.exit(1)));

module.exports = app;

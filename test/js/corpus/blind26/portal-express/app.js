'use strict';

const path = require('path');
const express = require('express');
const session = require('express-session');
const RedisStore = require('connect-redis').default;
const { createClient } = require('redis');
const cookieParser = require('cookie-parser');
const errorhandler = require('errorhandler');
const helmet = require('helmet');
const morgan = require('morgan');
const accountRoutes = require('./routes/account');
const documentRoutes = require('./routes/documents');

const app = express();
const redisClient = createClient({ url: process.env.REDIS_URL || 'redis://localhost:6379' });
redisClient.connect().catch((err) => console.error('redis connect failed', err));

app.set('views', path.join(__dirname, 'views'));
app.set('view engine', 'pug');
app.set('trust proxy', 1);

app.use(helmet({ contentSecurityPolicy: false }));
app.use(morgan('combined'));
app.use(express.urlencoded({ extended: false }));
app.use(express.json({ limit: '256kb' }));
app.use(cookieParser());
app.use('/static', express.static(path.join(__dirname, 'public'), { maxAge: '1d' }));

app.use(session({
  store: new RedisStore({ client: redisClient, prefix: 'portal:' }),
  name: 'portal.sid',
  secret: process.env.SESSION_SECRET || 'portal-s3ssion-k3y-7f9a2c41', //@vuln CWE-798
  resave: false,
  saveUninitialized: false,
  cookie: { httpOnly: true, secure: false, sameSite: 'lax', maxAge: 8 * 3600 * 1000 }, //@vuln CWE-614
}));

app.use((req, res, next) => {
  res.locals.user = req.session.user || null;
  res.locals.lang = req.session.lang || 'en';
  next();
});

app.get('/', (req, res) => {
  if (!req.session.user) return res.redirect('/account/login');
  res.render('home');
});

app.use('/account', accountRoutes);
app.use('/documents', documentRoutes);

app.use((req, res) => res.status(404).render('404'));
app.use(errorhandler({ log: true })); //@vuln CWE-489|CWE-215

const port = Number(process.env.PORT) || 3000;
app.listen(port, () => console.log(`portal listening on :${port}`));

module.exports = app;

'use strict';

const path = require('path');
const express = require('express');
const session = require('express-session');
const RedisStore = require('connect-redis').default;
const { createClient } = require('redis');
const cookieParser = require('cookie-parser');
const helmet = require('helmet');
const morgan = require('morgan');
const errorhandler = require('errorhandler');
const serialize = require('node-serialize');
const { Pool } = require('pg');
const { router: authRoutes, requireMod } = require('./routes/auth');
const playerRoutes = require('./routes/players');

const app = express();
const redisClient = createClient({ url: process.env.REDIS_URL || 'redis://redis.arena.internal:6379/2' });
redisClient.connect().catch((err) => console.error('[admin] redis', err));

app.locals.pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 5 });
app.locals.redis = redisClient;

app.set('view engine', 'ejs');
app.set('views', path.join(__dirname, 'views'));
app.set('trust proxy', 1);

app.use(helmet({ contentSecurityPolicy: false }));
app.use(morgan('combined'));
app.use(express.urlencoded({ extended: true }));
app.use(express.json());
app.use(cookieParser());
app.use('/static', express.static(path.join(__dirname, 'public'), { maxAge: '1d' }));

app.use(
  session({
    store: new RedisStore({ client: redisClient, prefix: 'admin:sess:' }),
    name: 'arena.admin',
    secret: process.env.SESSION_SECRET || 'm0d-panel-s3ssion-key', //@vuln CWE-798
    resave: false,
    saveUninitialized: false,
    cookie: {
      secure: false, //@vuln CWE-614
      httpOnly: true,
      sameSite: 'lax',
      maxAge: 8 * 60 * 60 * 1000,
    },
  })
);

// table density / theme / pinned columns, written by the dashboard JS
app.use((req, res, next) => {
  try {
    res.locals.prefs = req.cookies.prefs ? serialize.unserialize(Buffer.from(req.cookies.prefs, 'base64').toString()) : {}; //@vuln CWE-502
  } catch {
    res.locals.prefs = {};
  }
  res.locals.user = req.session.user || null;
  next();
});

app.get('/', (req, res) => res.redirect(req.session.user ? '/players' : '/login'));
app.use('/', authRoutes);
app.use('/players', requireMod, playerRoutes);

app.use(errorhandler({ log: true })); //@vuln CWE-489|CWE-215

const port = Number(process.env.PORT || 4200);
app.listen(port, () => console.log(`[admin] listening on :${port}`));

module.exports = app;
